package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bonafide.document.ChipFixture;
import org.bonafide.tenant.TenantService;
import org.bonafide.testing.TestImages;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jmrtd.lds.iso19794.FaceImageInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Chip data posted with a document over HTTP, against a country signing CA the test makes and the
 * service is configured to trust: passive authentication, the chip's portrait used as the holder's,
 * DG1 against the printed MRZ, and active authentication bound to the session's own challenge.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocumentChipIT {
  private static final Path DATA_DIR = TestDataDirs.fresh("document-chip");
  private static final Path CSCA_DIR = DATA_DIR.resolveSibling(DATA_DIR.getFileName() + "-csca");
  private static final ChipFixture.Issuer ISSUER;
  private static final KeyPair AA_KEYS;

  static {
    try {
      ISSUER = ChipFixture.Issuer.create("SE");
      AA_KEYS = ChipFixture.ecKeys();
      Files.createDirectories(CSCA_DIR);
      Files.write(CSCA_DIR.resolve("csca-se.der"), ISSUER.csca().getEncoded());
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("bonafide.data-dir", DATA_DIR::toString);
    registry.add("bonafide.documents.chip.csca-folder", CSCA_DIR::toString);
  }

  @LocalServerPort int port;

  @Autowired TenantService tenants;

  private static Map<Integer, byte[]> dataGroups;

  @BeforeAll
  static void chip() throws Exception {
    byte[] face = TestImages.jpeg(TestImages.scaled(TestImages.crop(TestImages.SAMPLE1_MIDDLE), 0.6), 0.85f);
    dataGroups = new TreeMap<>();
    dataGroups.put(1, ChipFixture.dg1(String.join("\n", DocumentFlowIT.PASSPORT)));
    dataGroups.put(2, ChipFixture.dg2(face, FaceImageInfo.IMAGE_DATA_TYPE_JPEG));
    dataGroups.put(15, ChipFixture.dg15(AA_KEYS.getPublic()));
  }

  private SessionClient client(String name) {
    return SessionClient.forNewTenant(tenants, port, name);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] signed(byte[] challenge) throws Exception {
    Signature signer = Signature.getInstance("SHA256withPLAIN-ECDSA", new BouncyCastleProvider());
    signer.initSign(AA_KEYS.getPrivate());
    signer.update(challenge);
    return signer.sign();
  }

  private static String chipJson(Map<Integer, byte[]> groups, byte[] sod, byte[] aaSignature) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("sod", b64(sod));
    groups.forEach((n, bytes) -> files.put("dg" + n, b64(bytes)));
    if (aaSignature != null) {
      files.put("aa-signature", b64(aaSignature));
    }
    StringBuilder json = new StringBuilder("{");
    files.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
    return json.append('}').toString();
  }

  private static JsonNode post(SessionClient sessions, String id, String chip) {
    ApiClient.Reply reply =
        sessions.api()
            .post(
                "/v1/sessions/" + id + "/document",
                sessions.apiKey(),
                new ApiClient.Multipart()
                    .file("front", "front.png", "image/png", DocumentFlowIT.passportPhoto(DocumentFlowIT.PASSPORT, TestImages.SAMPLE1_MIDDLE))
                    .field("chip", chip));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  @Test
  void aGenuineChipAnsweringTheSessionsChallengePassesAndLendsItsPortrait() throws Exception {
    SessionClient sessions = client("chip genuine");
    SessionClient.Created created = sessions.createWithReference(TestImages.jpeg(TestImages.crop(TestImages.SAMPLE1_MIDDLE), 0.8f));
    byte[] challenge = Base64.getDecoder().decode(created.body().path("chipChallenge").asString());
    assertThat(challenge).hasSize(8);

    JsonNode document = post(sessions, created.id(), chipJson(dataGroups, ChipFixture.sod(ISSUER, dataGroups), signed(challenge)));
    assertThat(document.path("outcome").asString()).as(document.toString()).isEqualTo("passed");
    JsonNode chip = document.path("fields").path("chip");
    assertThat(chip.path("passiveAuthentication").asBoolean()).isTrue();
    assertThat(chip.path("activeAuthentication").asString()).isEqualTo("passed");
    assertThat(SessionClient.check(document, "chip-mrz-match").path("passed").asBoolean()).isTrue();
    assertThat(SessionClient.check(document, "portrait").path("details").path("source").asString()).isEqualTo("chip");
    assertThat(SessionClient.check(document, "reference-match").path("passed").asBoolean()).as(document.toString()).isTrue();
  }

  @Test
  void aSignatureOverAnotherSessionsChallengeFailsActiveAuthentication() throws Exception {
    SessionClient sessions = client("chip replayed");
    SessionClient.Created earlier = sessions.create();
    SessionClient.Created now = sessions.create();
    byte[] earlierChallenge = Base64.getDecoder().decode(earlier.body().path("chipChallenge").asString());

    JsonNode document = post(sessions, now.id(), chipJson(dataGroups, ChipFixture.sod(ISSUER, dataGroups), signed(earlierChallenge)));
    assertThat(document.path("outcome").asString()).isEqualTo("failed");
    assertThat(document.path("reasons").toString()).contains("chip-authentication-failed");
    assertThat(document.path("fields").path("chip").path("passiveAuthentication").asBoolean()).isTrue();
    assertThat(document.path("fields").path("chip").path("activeAuthentication").asString()).isEqualTo("failed");
  }

  @Test
  void aPortraitSwappedInTheChipBreaksItsHashAndIsNotUsed() throws Exception {
    SessionClient sessions = client("chip tampered");
    SessionClient.Created created = sessions.create();
    byte[] sod = ChipFixture.sod(ISSUER, dataGroups);
    Map<Integer, byte[]> tampered = new TreeMap<>(dataGroups);
    byte[] otherFace = TestImages.jpeg(TestImages.scaled(TestImages.crop(TestImages.SAMPLE3_LEFT), 0.6), 0.85f);
    tampered.put(2, ChipFixture.dg2(otherFace, FaceImageInfo.IMAGE_DATA_TYPE_JPEG));

    JsonNode document = post(sessions, created.id(), chipJson(tampered, sod, null));
    assertThat(document.path("outcome").asString()).isEqualTo("failed");
    assertThat(document.path("reasons").toString()).contains("chip-hash-mismatch");
    assertThat(SessionClient.check(document, "portrait").path("details").path("source").asString()).isEqualTo("printed");
  }
}
