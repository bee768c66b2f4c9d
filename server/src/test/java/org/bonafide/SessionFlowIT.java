package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bonafide.liveness.SessionFolder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bonafide.tenant.TenantService;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A whole session over HTTP, from creation to outcome, with frames made in the test from one real
 * photo. Such frames cannot turn, blink, sweep a hand or reflect the screen colours, so the
 * movement, blink, hand-sweep and colour-response detectors are switched off here: they would
 * rightly fail these frames (the browser test and the evaluations exercise them). Nor is the
 * injection check: frames copied from one photo on a fixed clock are what it exists to flag. Nor
 * are the blending-seam and skin-tone checks: a face cut out of a photo and pasted on a grey canvas
 * has a seam along its cut and grey where its neck should be. Nor is the reference-photo check: the
 * reference here is cut from the photo the frames are made of, which is the attack it names
 * ({@code AttackKitTest} shows it caught). Everything else runs: face presence,
 * quality, same person, reference match, the passive attack model, landmark jitter, the pulse
 * (reported only) and the replay check.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "bonafide.detectors.movement.enabled=false",
      "bonafide.detectors.blink.enabled=false",
      "bonafide.detectors.hand-sweep.enabled=false",
      "bonafide.detectors.colour-response.enabled=false",
      "bonafide.detectors.injection.enabled=false",
      "bonafide.detectors.blending-seam.enabled=false",
      "bonafide.detectors.skin-tone.enabled=false",
      "bonafide.detectors.reference-photo.enabled=false"
    })
class SessionFlowIT {
  private static final Path DATA_DIR = TestDataDirs.fresh("session-flow");

  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) {
    registry.add("bonafide.data-dir", DATA_DIR::toString);
  }

  @LocalServerPort int port;

  @Autowired TenantService tenants;

  @Autowired JdbcClient jdbc;

  @Test
  void aLivePersonMatchingTheReferencePassesAndLeavesEvidence() throws Exception {
    SessionClient sessions = client("flow passes");
    // the reference is the same woman, as a differently scaled and compressed photo
    byte[] reference = TestImages.jpeg(TestImages.scaled(TestImages.crop(TestImages.SAMPLE1_MIDDLE), 0.8), 0.75f);
    JsonNode session = runCapture(sessions, reference, 1);

    assertThat(session.path("outcome").asString()).as(session.toString()).isEqualTo("passed");
    assertThat(session.path("reasons").size()).isZero();
    // an application recorded from a session that passed is not flagged
    ApiClient api = new ApiClient(port);
    ApiClient.Reply fine = api.post("/v1/applications", sessions.apiKey(), "application/json",
        application("FLOW-FINE", session.path("id").asString(), "123456703").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(fine.status()).as(fine.body()).isEqualTo(201);
    JsonNode none = api.get("/v1/applications/" + fine.json().path("id").asString() + "/flag", sessions.apiKey()).json();
    assertThat(none.path("flag").isNull()).as(none.toString()).isTrue();
    assertThat(checkIds(session)).contains("face-presence", "same-person", "reference-match", "passive-attack");
    assertThat(checkIds(session)).doesNotContain("movement", "blink", "colour-response");
    for (JsonNode check : session.path("checks")) {
      assertThat(check.path("passed").asBoolean()).as(check.toString()).isTrue();
    }
    assertThat(session.path("upload").path("status").asString()).isEqualTo("complete");
    assertThat(session.path("telemetry").path("cameraLabel").asString()).isEqualTo("test camera");
    assertThat(session.path("retainUntil").asString()).isNotBlank();
    // the stored result times every stage: the frames, each check (the replay check included), the evidence
    List<String> stages = new ArrayList<>();
    session.path("stageMs").propertyNames().forEach(stages::add);
    assertThat(stages).contains("measure", "evidence").containsAll(checkIds(session));
    assertThat(session.path("stageMs").path("measure").asDouble()).isPositive();

    JsonNode evidence = session.path("evidence");
    assertThat(evidence.size()).isGreaterThan(1);
    List<String> kinds = new ArrayList<>();
    evidence.forEach(e -> kinds.add(e.path("kind").asString()));
    assertThat(kinds).contains("reference-face", "audit-frame");
    HttpResponse<byte[]> image =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + evidence.get(0).path("href").asString()))
                    .header("Authorization", "Bearer " + sessions.apiKey())
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(image.body()[0] & 0xff).isEqualTo(0xff);
    assertThat(image.body()[1] & 0xff).isEqualTo(0xd8);
    // at rest the same evidence is encrypted: no JPEG in the table
    for (byte[] stored :
        jdbc.sql("SELECT image FROM session_evidence WHERE session_id = ?::uuid")
            .param(session.path("id").asString())
            .query(byte[].class)
            .list()) {
      assertThat(stored[0] == (byte) 0xff && stored[1] == (byte) 0xd8).as("plaintext JPEG stored").isFalse();
    }
  }

  @Test
  void aLivePersonWhoIsNotTheReferenceFails() throws Exception {
    SessionClient sessions = client("flow mismatch");
    byte[] stranger = TestImages.jpeg(TestImages.crop(TestImages.SAMPLE3_LEFT), 0.9f);
    JsonNode session = runCapture(sessions, stranger, 2);

    assertThat(session.path("outcome").asString()).as(session.toString()).isEqualTo("failed");
    assertThat(session.path("reasons").toString()).contains("reference-mismatch");
  }

  @Test
  void applicationsFromASessionThatFailsAreFlaggedAndRaiseTheAccountsTheyName() throws Exception {
    SessionClient sessions = client("flow failed application");
    ApiClient api = new ApiClient(port);
    byte[] stranger = TestImages.jpeg(TestImages.crop(TestImages.SAMPLE3_LEFT), 0.9f);
    SessionClient.Created created = sessions.createWithReference(stranger);
    // one application recorded while the capture is still to come, one after it failed
    ApiClient.Reply early = api.post("/v1/applications", sessions.apiKey(), "application/json",
        application("FLOW-EARLY", created.id(), "123456701").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(early.status()).as(early.body()).isEqualTo(201);
    // the frames of aLivePersonWhoIsNotTheReferenceFails: this session fails whichever runs first
    // (on the stranger's reference, and on media seen before when it runs second)
    JsonNode session = runCapture(sessions, created, 2);
    assertThat(session.path("outcome").asString()).as(session.toString()).isEqualTo("failed");
    ApiClient.Reply late = api.post("/v1/applications", sessions.apiKey(), "application/json",
        application("FLOW-LATE", created.id(), "123456702").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(late.status()).as(late.body()).isEqualTo(201);

    for (ApiClient.Reply recorded : List.of(early, late)) {
      JsonNode flag = api.get("/v1/applications/" + recorded.json().path("id").asString() + "/flag", sessions.apiKey()).json();
      assertThat(flag.path("flag").asString()).as(flag.toString()).isEqualTo("failed-verification");
      assertThat(flag.path("history").get(0).path("by").asString()).isEqualTo("session-analysis");
    }
    // another institution checking the account before paying it sees it raised
    SessionClient other = client("flow failed application payer");
    for (String number : List.of("123456701", "123456702")) {
      ApiClient.Reply check = api.post("/v1/checks", other.apiKey(), "application/json",
          ("{\"indicators\":[{\"kind\":\"bank-account\",\"value\":\"024:" + number + "\"}]}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      JsonNode result = check.json().path("results").get(0);
      assertThat(result.path("risk").asString()).as(result.toString()).isEqualTo("medium");
      assertThat(result.path("reasons").path("opened-by-flagged-application").asInt()).isEqualTo(1);
    }

  }

  private static String application(String reference, String session, String account) {
    return "{\"reference\":\"" + reference + "\",\"sessionId\":\"" + session + "\",\"name\":\"Lee Siu Ming\","
        + "\"birthDate\":\"1975-06-07\",\"bankAccounts\":[{\"bankCode\":\"024\",\"number\":\"" + account + "\"}]}";
  }

  @Test
  void aRecordedSessionDownloadsAsABonaFideSessionFolder() throws Exception {
    SessionClient sessions = client("flow record");
    ApiClient api = new ApiClient(port);
    SessionClient.Created created = sessions.create("{\"record\":true,\"policy\":\"basic\"}");
    api.get("/v1/sessions/" + created.id() + "/recording", sessions.apiKey()).problem(409, "not-recorded");
    JsonNode session = runCapture(sessions, created, 3);

    HttpResponse<byte[]> zip =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/sessions/" + created.id() + "/recording"))
                    .header("Authorization", "Bearer " + sessions.apiKey())
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
    Path dir = Files.createTempDirectory(DATA_DIR, "recording");
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path target = dir.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(dir)).as("entry %s stays inside the folder", entry.getName()).isTrue();
        Files.createDirectories(target.getParent());
        Files.write(target, in.readAllBytes());
      }
    }
    SessionFolder folder = SessionFolder.read(dir.resolve("session-" + created.id()));
    assertThat(folder.label()).isEqualTo(SessionFolder.BONA_FIDE);
    assertThat(folder.capture().frames()).hasSize(session.path("upload").path("frameCount").asInt());
    assertThat(folder.capture().challenge().prompts()).hasSize(created.body().path("challenge").path("prompts").size());

    SessionClient.Created unrecorded = sessions.create("{\"policy\":\"basic\"}");
    runCapture(sessions, unrecorded, 4);
    api.get("/v1/sessions/" + unrecorded.id() + "/recording", sessions.apiKey()).problem(409, "not-recorded");
  }

  @Test
  void framesReplayedFromAnotherInstitutionsSessionFailWithoutNamingIt() throws Exception {
    SessionClient first = client("replay first institution");
    SessionClient.Created original = first.create("{\"policy\":\"basic\"}");
    JsonNode originalSession = runCapture(first, original, 5);
    assertThat(originalSession.path("outcome").asString()).as(originalSession.toString()).isEqualTo("passed");

    // another institution receives the same capture, frame for frame
    SessionClient second = client("replay second institution");
    JsonNode replayed = runCapture(second, second.create("{\"policy\":\"basic\"}"), 5);
    assertThat(replayed.path("outcome").asString()).as(replayed.toString()).isEqualTo("failed");
    assertThat(replayed.path("reasons").toString()).contains("media-seen-before");
    JsonNode check = SessionClient.check(replayed, "replay");
    assertThat(check.path("details").path("otherInstitutions").asInt()).isEqualTo(1);
    assertThat(check.path("details").path("earlierSessionsOfThisInstitution").size()).isZero();
    assertThat(replayed.toString()).doesNotContain(original.id());

    // the first institution replaying its own capture is told which of its sessions it repeats
    JsonNode own = runCapture(first, first.create("{\"policy\":\"basic\"}"), 5);
    assertThat(own.path("reasons").toString()).contains("media-seen-before");
    assertThat(SessionClient.check(own, "replay").path("details").path("earlierSessionsOfThisInstitution").toString())
        .contains(original.id());
  }

  private SessionClient client(String name) {
    return SessionClient.forNewTenant(tenants, port, name);
  }

  /** Creates a session with this reference, captures along its challenge's timeline, submits, waits. */
  private static JsonNode runCapture(SessionClient sessions, byte[] reference, int variant) throws Exception {
    return runCapture(sessions, sessions.createWithReference(reference), variant);
  }

  /** A capture along the session's challenge, with frames of their own ({@code variant}). */
  static JsonNode runCapture(SessionClient sessions, SessionClient.Created created, int variant)
      throws Exception {
    String token = sessions.uploadToken(created);
    List<Map<String, Object>> timeline = SessionClient.timeline(created.body().path("challenge"));
    List<byte[]> frames = SessionClient.frames(timeline.size(), variant);
    for (int from = 0; from < timeline.size(); from += 30) {
      int to = Math.min(timeline.size(), from + 30);
      ApiClient.Reply reply = sessions.upload(created.id(), token, timeline.subList(from, to), frames.subList(from, to));
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
    // the first chunk again, as a phone that never saw the answer would resend it: harmless
    assertThat(sessions.upload(created.id(), token, timeline.subList(0, 30), frames.subList(0, 30)).status())
        .isEqualTo(200);
    ApiClient.Reply submitted = sessions.submit(created.id(), token, timeline.size(), created.signature());
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    JsonNode session = sessions.awaitAnalysed(created.id(), Duration.ofSeconds(90));
    assertThat(session.path("state").asString()).as(session.toString()).isEqualTo("analysed");
    return session;
  }

  private static List<String> checkIds(JsonNode session) {
    List<String> ids = new ArrayList<>();
    session.path("checks").forEach(c -> ids.add(c.path("id").asString()));
    return ids;
  }
}
