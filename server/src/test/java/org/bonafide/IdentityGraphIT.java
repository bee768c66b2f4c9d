package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.bonafide.identitygraph.ApplicationFlag;
import org.bonafide.identitygraph.EntityKind;
import org.bonafide.identitygraph.GraphApplication;
import org.bonafide.identitygraph.GraphProperties;
import org.bonafide.identitygraph.GraphReason;
import org.bonafide.identitygraph.GraphSignal;
import org.bonafide.identitygraph.IdentityGraph;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.bonafide.tenant.Tenant;
import org.bonafide.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The identity graph on small made populations: each signal, tenant isolation, idempotent
 * re-posting, and that identifiers are stored only as keyed hashes. Faces are made embeddings:
 * one random unit vector per person, with small noise per application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityGraphIT {
  private static final Path DATA_DIR = TestDataDirs.fresh("identity-graph");

  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) {
    registry.add("bonafide.data-dir", DATA_DIR::toString);
  }

  @LocalServerPort int port;

  @Autowired IdentityGraph graph;

  @Autowired GraphProperties graphProperties;

  @Autowired TenantService tenants;

  @Autowired JdbcClient jdbc;

  // one stream for the whole class: each test method runs on a new instance, and people must differ across tests
  private static final Random random = new Random(42);
  private static int references;

  private TenantId tenant(String name) {
    return tenants.createTenant(name).id();
  }

  /** A person's face: a random unit vector in 512 dimensions. */
  private float[] person() {
    float[] v = new float[512];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return normalised(v);
  }

  /** Another photo of the same person: cosine about 0.8 with the first. */
  private float[] again(float[] face) {
    float[] v = new float[face.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = face[i] + (float) (random.nextGaussian() * 0.033);
    }
    return normalised(v);
  }

  private static float[] normalised(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }

  private IdentityGraph.Recorded record(TenantId tenant, float[] face, Object... kindsAndValues) {
    Map<EntityKind, List<String>> ids = new EnumMap<>(EntityKind.class);
    for (int i = 0; i < kindsAndValues.length; i += 2) {
      ids.put((EntityKind) kindsAndValues[i], List.of((String) kindsAndValues[i + 1]));
    }
    return graph.record(
        tenant, new GraphApplication("APP-" + (++references), Instant.now().truncatedTo(ChronoUnit.MICROS), ids, face));
  }

  private static List<GraphReason> reasons(IdentityGraph.Recorded recorded) {
    return recorded.signals().stream().map(GraphSignal::reason).toList();
  }

  @Test
  void theSameDocumentNumberWithAnotherFaceIsFlaggedAcrossInstitutions() {
    TenantId bankA = tenant("graph bank a");
    TenantId bankB = tenant("graph bank b");
    float[] owner = person();
    IdentityGraph.Recorded first = record(bankA, owner, EntityKind.DOCUMENT_NUMBER, "HKG:K1234567");
    assertThat(first.signals()).isEmpty();
    // the owner again elsewhere: the same face, no signal
    IdentityGraph.Recorded sameOwner = record(bankB, again(owner), EntityKind.DOCUMENT_NUMBER, "HKG:K1234567");
    assertThat(reasons(sameOwner)).doesNotContain(GraphReason.IDENTITY_DIFFERENT_FACE);
    // an impostor with the stolen card at a third institution
    IdentityGraph.Recorded impostor = record(tenant("graph bank c"), person(), EntityKind.DOCUMENT_NUMBER, "HKG:K1234567");
    assertThat(reasons(impostor)).contains(GraphReason.IDENTITY_DIFFERENT_FACE);
    GraphSignal signal =
        impostor.signals().stream().filter(s -> s.reason() == GraphReason.IDENTITY_DIFFERENT_FACE).findFirst().orElseThrow();
    assertThat(signal.evidence()).containsEntry("applicationsWithOtherFaces", 2).containsEntry("institutions", 3L);
    // counts only: no reference of another institution in what the impostor's bank sees
    assertThat(signal.evidence().toString()).doesNotContain("APP-");
  }

  @Test
  void anotherFaceIsReportedOnTheStrongestIdentifierAndARepostSaysTheSame() {
    float[] owner = person();
    String nationalId = "hk-identity-card:A123456(3)";
    String nameBirth = "CHAN TAI MAN|1980-02-03";
    record(tenant("graph strongest a"), owner, EntityKind.NATIONAL_ID, nationalId, EntityKind.NAME_BIRTH_DATE, nameBirth);
    Map<EntityKind, List<String>> ids = new EnumMap<>(EntityKind.class);
    ids.put(EntityKind.NATIONAL_ID, List.of(nationalId));
    ids.put(EntityKind.NAME_BIRTH_DATE, List.of(nameBirth));
    TenantId other = tenant("graph strongest b");
    GraphApplication impostor = new GraphApplication("APP-" + (++references), Instant.now().truncatedTo(ChronoUnit.MICROS), ids, person());
    IdentityGraph.Recorded first = graph.record(other, impostor);
    // one signal for the identity, on the national ID rather than on the name and birth date
    assertThat(first.signals())
        .filteredOn(s -> s.reason() == GraphReason.IDENTITY_DIFFERENT_FACE)
        .singleElement()
        .satisfies(s -> assertThat(s.kind()).isEqualTo(EntityKind.NATIONAL_ID));
    // the same application posted again is read back from the database: the same links and signals
    IdentityGraph.Recorded again = graph.record(other, impostor);
    assertThat(again.created()).isFalse();
    assertThat(again.links()).isEqualTo(first.links());
    assertThat(again.signals()).isEqualTo(first.signals());
  }

  @Test
  void aDeviceBehindAFailedSessionMarksTheNextApplicationFromItWhicheverInstitutionItGoesTo() {
    TenantId first = tenant("graph flagged first");
    UUID session = UUID.randomUUID();
    String device = "f1a9ed" + "0".repeat(20) + "abcdef";
    Map<EntityKind, List<String>> ids = new EnumMap<>(EntityKind.class);
    ids.put(EntityKind.NAME_BIRTH_DATE, List.of("HO KA WAI|1970-01-01"));
    ids.put(EntityKind.DEVICE, List.of(device));
    IdentityGraph.Recorded failed =
        graph.record(first, new GraphApplication("APP-" + (++references), Instant.now().truncatedTo(ChronoUnit.MICROS), ids, null, session));
    // the session's analysis finds a deepfake: its application is flagged, once
    assertThat(graph.flagSession(session, Instant.now())).isEqualTo(1);
    assertThat(graph.flagSession(session, Instant.now())).isZero();
    assertThat(graph.flagView(first, failed.id()).get("flag")).isEqualTo(ApplicationFlag.FAILED_VERIFICATION.code());
    // the same device applies elsewhere under another name
    IdentityGraph.Recorded next =
        record(tenant("graph flagged second"), null, EntityKind.NAME_BIRTH_DATE, "YIP SIU FUNG|1972-02-02", EntityKind.DEVICE, device);
    GraphSignal signal =
        next.signals().stream().filter(s -> s.reason() == GraphReason.LINKED_TO_FLAGGED).findFirst().orElseThrow();
    assertThat(signal.kind()).isEqualTo(EntityKind.DEVICE);
    assertThat(signal.evidence()).containsEntry("flaggedApplications", 1L);
    assertThat(signal.evidence().toString()).doesNotContain("HO KA WAI").doesNotContain(failed.id().toString());
    // the flagged application itself does not count against itself, and strangers are unmarked
    assertThat(reasons(record(first, null, EntityKind.NAME_BIRTH_DATE, "TSE MAN|1973-03-03"))).doesNotContain(GraphReason.LINKED_TO_FLAGGED);
    // the other institution cannot read the flag
    assertThatThrownBy(() -> graph.flagView(tenant("graph flagged third"), failed.id()))
        .isInstanceOf(BonafideException.class)
        .hasMessageContaining("No application");
  }

  @Test
  void oneFaceBehindSeveralNamesIsFlagged() {
    TenantId lender = tenant("graph lender");
    float[] fraudster = person();
    record(lender, fraudster, EntityKind.NAME_BIRTH_DATE, "CHAN TAI MAN|1980-01-02");
    IdentityGraph.Recorded second = record(tenant("graph lender 2"), again(fraudster), EntityKind.NAME_BIRTH_DATE, "WONG SIU MING|1985-03-04");
    assertThat(reasons(second)).contains(GraphReason.FACE_DIFFERENT_IDENTITY);
    // a stranger with a third name is not
    IdentityGraph.Recorded stranger = record(lender, person(), EntityKind.NAME_BIRTH_DATE, "LEE KA YAN|1990-05-06");
    assertThat(reasons(stranger)).doesNotContain(GraphReason.FACE_DIFFERENT_IDENTITY);
  }

  @Test
  void aDeviceBehindManyIdentitiesAndVelocityAreFlagged() {
    TenantId bank = tenant("graph device bank");
    String device = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    IdentityGraph.Recorded last = null;
    for (int i = 0; i < 5; i++) {
      last = record(bank, person(), EntityKind.NATIONAL_ID, "hk-identity-card:A12345" + i + "(" + i + ")", EntityKind.DEVICE, device);
    }
    assertThat(reasons(last)).contains(GraphReason.DEVICE_SHARED, GraphReason.DEVICE_VELOCITY);
    // one identity applying four times in a day, at four institutions
    float[] face = person();
    List<TenantId> institutions =
        List.of(tenant("graph velocity 0"), tenant("graph velocity 1"), tenant("graph velocity 2"), tenant("graph velocity 3"));
    IdentityGraph.Recorded busy = null;
    for (int i = 0; i < 4; i++) {
      busy = record(institutions.get(i), again(face), EntityKind.NAME_BIRTH_DATE, "NG KA LOK|1970-07-07");
    }
    assertThat(reasons(busy)).contains(GraphReason.IDENTITY_VELOCITY, GraphReason.IDENTITY_MANY_INSTITUTIONS);
  }

  @Test
  void aFamilyAtOneAddressIsNotARing() {
    TenantId bank = tenant("graph family bank");
    IdentityGraph.Recorded last = null;
    for (int i = 0; i < 4; i++) {
      last = record(bank, person(), EntityKind.NAME_BIRTH_DATE, "CHEUNG MEMBER" + (char) ('A' + i) + "|197" + i + "-01-01",
          EntityKind.ADDRESS, "Flat 5, 12/F, Tower 1, 8 Nathan Rd., Kowloon");
    }
    assertThat(last.signals()).isEmpty();
    assertThat(last.links()).anySatisfy(l -> assertThat(l.identities()).isEqualTo(4));
  }

  /** A value of a kind shared by several identities, and the signal it should raise. */
  private record Shared(EntityKind kind, String value, GraphReason reason) {}

  @Test
  void eachSharedIdentifierSignalFiresWhenItsIdentitiesReachTheThresholdAndNotBefore() {
    List<TenantId> institutions = List.of(tenant("graph shared a"), tenant("graph shared b"));
    List<Shared> shared =
        List.of(
            new Shared(EntityKind.PHONE, "+852 9188 7766", GraphReason.PHONE_SHARED),
            new Shared(EntityKind.EMAIL, "shared.signal.test@example.org", GraphReason.EMAIL_SHARED),
            new Shared(EntityKind.BANK_ACCOUNT, "004:998877665544", GraphReason.BANK_ACCOUNT_SHARED),
            new Shared(EntityKind.ADDRESS, "Flat 9, 3/F, Block B, 1 Signal Street, Kowloon", GraphReason.ADDRESS_SHARED),
            new Shared(EntityKind.IP, "198.51.100.77", GraphReason.IP_SHARED),
            new Shared(EntityKind.DEVICE, "5e7a11ed" + "0".repeat(24), GraphReason.DEVICE_SHARED));
    for (Shared s : shared) {
      int threshold = graphProperties.sharedIdentities(s.kind());
      assertThat(threshold).as("%s threshold", s.kind()).isGreaterThan(1);
      for (int identity = 1; identity <= threshold; identity++) {
        String document = "HKG:" + s.kind().name().substring(0, 2) + String.format("%06d", identity);
        IdentityGraph.Recorded recorded =
            record(institutions.get(identity % 2), person(), EntityKind.DOCUMENT_NUMBER, document, s.kind(), s.value());
        if (identity < threshold) {
          assertThat(reasons(recorded)).as("%s behind %d identities", s.kind(), identity).doesNotContain(s.reason());
        } else {
          assertThat(reasons(recorded)).as("%s behind %d identities", s.kind(), identity).contains(s.reason());
          GraphSignal signal = recorded.signals().stream().filter(g -> g.reason() == s.reason()).findFirst().orElseThrow();
          assertThat(signal.kind()).isEqualTo(s.kind());
          assertThat(signal.evidence()).containsEntry("identities", (long) threshold).containsEntry("institutions", 2L);
        }
        if (identity == threshold - 1) {
          // the same identity applying again with it adds an application, not an identity
          IdentityGraph.Recorded again =
              record(institutions.get(0), person(), EntityKind.DOCUMENT_NUMBER, document, s.kind(), s.value());
          assertThat(reasons(again)).as("%s: a repeat of identity %d", s.kind(), identity).doesNotContain(s.reason());
        }
      }
    }
  }

  @Test
  void identifiersAreStoredOnlyAsKeyedHashes() {
    TenantId bank = tenant("graph storage bank");
    record(bank, null, EntityKind.PHONE, "+852 9123 4567", EntityKind.EMAIL, "someone.unique@example.org");
    List<byte[]> keys = jdbc.sql("SELECT key FROM graph_links").query(byte[].class).list();
    assertThat(keys).allSatisfy(k -> assertThat(k).hasSize(32));
    String everything =
        String.join(
            " ",
            jdbc.sql("SELECT t::text FROM graph_applications t").query(String.class).list())
            + String.join(" ", jdbc.sql("SELECT t::text FROM graph_links t").query(String.class).list());
    assertThat(everything).doesNotContain("91234567").doesNotContain("someone");
  }

  @Test
  void rePostingIsIdempotentAndOtherContentConflicts() {
    Tenant tenant = tenants.createTenant("graph http bank");
    String key = tenants.issueKey(tenant.id()).key();
    ApiClient api = new ApiClient(port);
    String body =
        "{\"reference\":\"LOAN-77\",\"name\":\"Chan Tai Man\",\"birthDate\":\"1980-01-02\",\"phones\":[\"9123 4567\"],"
            + "\"addresses\":[\"Flat 5, 12/F, Tower 1, 8 Nathan Rd.\"]}";
    ApiClient.Reply first = api.post("/v1/applications", key, "application/json", body.getBytes(StandardCharsets.UTF_8));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    ApiClient.Reply again = api.post("/v1/applications", key, "application/json", body.getBytes(StandardCharsets.UTF_8));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
    String changed = body.replace("9123 4567", "9876 5432");
    api.post("/v1/applications", key, "application/json", changed.getBytes(StandardCharsets.UTF_8)).problem(409, "application-conflict");
    api.post("/v1/applications", key, "application/json", "{\"reference\":\"X\",\"phones\":[\"not a phone\"]}".getBytes(StandardCharsets.UTF_8))
        .problem(400, "validation-failed");
    api.post("/v1/applications", key, "application/json", "{\"phones\":[\"91234567\"]}".getBytes(StandardCharsets.UTF_8))
        .problem(400, "validation-failed");

    // the links of the phone: visible to this tenant, not found for another one
    JsonNode phone = null;
    for (JsonNode link : first.json().path("links")) {
      if (link.path("kind").asString().equals("phone")) {
        phone = link;
      }
    }
    assertThat(phone).isNotNull();
    String id = phone.path("id").asString();
    JsonNode links = api.get("/v1/identities/" + id + "/links", key).json();
    assertThat(links.path("yourApplications").toString()).contains("LOAN-77");
    String otherKey = tenants.issueKey(tenants.createTenant("graph other bank").id()).key();
    api.get("/v1/identities/" + id + "/links", otherKey).problem(404, "not-found");
    api.get("/v1/identities/nothex/links", key).problem(404, "not-found");
  }

  @Test
  void aRingIsFoundAndShownOnlyToTheInstitutionsItTouched() {
    List<Tenant> banks = List.of(tenants.createTenant("ring bank 1"), tenants.createTenant("ring bank 2"), tenants.createTenant("ring bank 3"));
    float[] fraudster = person();
    String device = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    // three stolen identities, one fraudster's face and one phone, at three institutions
    for (int i = 0; i < 9; i++) {
      record(banks.get(i % 3).id(), again(fraudster), EntityKind.DOCUMENT_NUMBER, "HKG:R00000" + (i % 3) + "A",
          EntityKind.DEVICE, device);
    }
    ApiClient api = new ApiClient(port);
    String key = tenants.issueKey(banks.get(0).id()).key();
    JsonNode rings = api.get("/v1/rings", key).json().path("rings");
    assertThat(rings.size()).as(rings.toString()).isEqualTo(1);
    JsonNode ring = rings.get(0);
    assertThat(ring.path("applications").asInt()).isEqualTo(9);
    assertThat(ring.path("identities").asInt()).isEqualTo(3);
    assertThat(ring.path("institutions").asInt()).isEqualTo(3);
    assertThat(ring.path("yourApplications").size()).isEqualTo(3);
    assertThat(api.get("/v1/rings/" + ring.path("id").asString(), key).json().path("score").asDouble()).isPositive();

    String outsider = tenants.issueKey(tenants.createTenant("ring outsider").id()).key();
    assertThat(api.get("/v1/rings", outsider).json().path("rings").size()).isZero();
    api.get("/v1/rings/" + ring.path("id").asString(), outsider).problem(404, "not-found");
  }

  @Test
  void aSessionsDeviceIdAndObservedIpJoinItsApplication() {
    SessionClient client = SessionClient.forNewTenant(tenants, port, "graph session device bank");
    String device = java.util.UUID.randomUUID().toString().replace("-", "");
    JsonNode last = null;
    for (int i = 0; i < 5; i++) {
      SessionClient.Created session = client.create();
      String token = client.uploadToken(session);
      List<Map<String, Object>> metadata = List.of(SessionClient.frame(0, 0, "hold_still", "#ff0000"));
      // the client claims another address: the service keeps the one it saw
      ApiClient.Reply upload =
          client.upload(session.id(), token, metadata, SessionClient.frames(1), Map.of("deviceId", device, "observedIp", "203.0.113.9"));
      assertThat(upload.status()).as(upload.body()).isEqualTo(200);
      assertThat(client.get(session.id()).toString()).doesNotContain("203.0.113.9");
      String body =
          "{\"reference\":\"DEVICE-" + i + "\",\"sessionId\":\"" + session.id() + "\",\"nationalId\":{\"type\":\"hk-identity-card\","
              + "\"number\":\"B65432" + i + "(" + i + ")\"}}";
      ApiClient.Reply reply = client.api().post("/v1/applications", client.apiKey(), "application/json", body.getBytes(StandardCharsets.UTF_8));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      last = reply.json();
    }
    List<String> kinds = new java.util.ArrayList<>();
    last.path("links").forEach(l -> kinds.add(l.path("kind").asString()));
    // the test's loopback address is not public, so it links nothing
    assertThat(kinds).contains("device").doesNotContain("ip");
    assertThat(last.path("signals").toString()).contains("device-shared");
  }

  @Test
  void aBadIdentifierIsRefusedAndStoresNothing() {
    TenantId bank = tenant("graph bad bank");
    long before = jdbc.sql("SELECT count(*) FROM graph_applications").query(Long.class).single();
    assertThatThrownBy(() -> record(bank, null, EntityKind.EMAIL, "not-an-email"))
        .isInstanceOfSatisfying(BonafideException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    assertThat(jdbc.sql("SELECT count(*) FROM graph_applications").query(Long.class).single()).isEqualTo(before);
  }
}
