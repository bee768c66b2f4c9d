package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.bonafide.document.DocumentPhotoRenderer;
import org.bonafide.tenant.TenantService;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Identity documents posted to sessions over HTTP: a passport page rendered in the test (OCR-B
 * where Debian's fonts-ocr-b is installed) with a real face printed as its portrait, read,
 * validated, compared with its printed zone, checked for forgery traces and matched against the
 * session's reference photo and live face. The capture detectors that frames made from one photo
 * cannot pass are off, as in {@link SessionFlowIT}.
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
      "bonafide.detectors.reference-photo.enabled=false",
      "bonafide.session.max-documents=3",
      "bonafide.face.max-concurrent-analyses=2",
      "bonafide.face.analysis-queue-timeout=2s"
    })
class DocumentFlowIT {
  private static final Path DATA_DIR = TestDataDirs.fresh("document-flow");

  /** A Swedish passport's MRZ (real state code, expiry in 2034), check digits computed. */
  static final java.util.List<String> PASSPORT =
      List.of("P<SWEERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36SWE7408122F3404159<<<<<<<<<<<<<<<4");

  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) {
    registry.add("bonafide.data-dir", DATA_DIR::toString);
  }

  @LocalServerPort int port;

  @Autowired TenantService tenants;

  @Autowired org.bonafide.biometrics.AnalysisGate gate;

  /** The page with this face as its portrait, on a table, as a PNG photo. */
  static byte[] passportPhoto(List<String> mrz, TestImages.Region face) {
    BufferedImage page = DocumentPhotoRenderer.document(mrz, 1300, true, TestImages.crop(face));
    return DocumentPhotoRenderer.png(DocumentPhotoRenderer.onBackground(page, 1600, 1250, 0.5, 21));
  }

  private static byte[] reference(TestImages.Region face) {
    return TestImages.jpeg(TestImages.scaled(TestImages.crop(face), 0.8), 0.8f);
  }

  private SessionClient client(String name) {
    return SessionClient.forNewTenant(tenants, port, name);
  }

  private static ApiClient.Multipart front(byte[] photo) {
    return new ApiClient.Multipart().file("front", "front.png", "image/png", photo);
  }

  @Test
  void aValidPassportOfTheReferencePersonPassesAndShowsInTheSession() {
    SessionClient sessions = client("documents pass");
    SessionClient.Created created = sessions.createWithReference(reference(TestImages.SAMPLE1_MIDDLE));
    assertThat(created.body().path("chipChallenge").asString()).hasSize(12);

    ApiClient.Reply reply =
        sessions.api().post("/v1/sessions/" + created.id() + "/document", sessions.apiKey(), front(passportPhoto(PASSPORT, TestImages.SAMPLE1_MIDDLE)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    JsonNode document = reply.json();
    assertThat(document.path("outcome").asString()).as(document.toString()).isEqualTo("passed");
    assertThat(document.path("fields").path("documentNumber").asString()).isEqualTo("L898902C3");
    assertThat(document.path("fields").path("lastName").asString()).isEqualTo("ERIKSSON");
    assertThat(document.path("fields").path("issuingState").asString()).isEqualTo("SWE");
    assertThat(SessionClient.check(document, "printed-data").path("passed").asBoolean()).as(document.toString()).isTrue();
    assertThat(SessionClient.check(document, "portrait").path("details").path("source").asString()).isEqualTo("printed");
    assertThat(SessionClient.check(document, "reference-match").path("passed").asBoolean()).as(document.toString()).isTrue();

    JsonNode session = sessions.get(created.id());
    assertThat(session.path("document").path("id").asString()).isEqualTo(document.path("id").asString());
    assertThat(session.path("document").path("outcome").asString()).isEqualTo("passed");
    assertThat(session.path("chipChallenge").asString()).isEqualTo(created.body().path("chipChallenge").asString());
  }

  /**
   * Documents and reference photos take slots of the same gate as face comparisons: with every
   * slot held, a document waits its turn and is then answered 503 service-busy with Retry-After,
   * and nothing is stored. (Six concurrent 40-megapixel 16-bit PNG documents ran the heap out before:
   * no gate bounded the memory documents and references made the service allocate.)
   */
  @Test
  void documentsAndReferencePhotosWaitForTheSharedAnalysisGate() throws Exception {
    SessionClient sessions = client("documents busy");
    SessionClient.Created created = sessions.createWithReference(reference(TestImages.SAMPLE1_MIDDLE));
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(2);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService holders = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 2; i++) {
        holders.submit(
            () ->
                gate.run(
                    () -> {
                      held.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return null;
                    }));
      }
      assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      ApiClient.Reply busy =
          sessions.api().post("/v1/sessions/" + created.id() + "/document", sessions.apiKey(), front(passportPhoto(PASSPORT, TestImages.SAMPLE1_MIDDLE)));
      busy.problem(503, "service-busy");
      assertThat(busy.header("Retry-After")).isNotNull();
      ApiClient.Multipart withReference =
          new ApiClient.Multipart().file("reference", "reference.jpg", "image/jpeg", reference(TestImages.SAMPLE1_MIDDLE));
      sessions.api().post("/v1/sessions", sessions.apiKey(), withReference).problem(503, "service-busy");
      assertThat(sessions.get(created.id()).path("document").isMissingNode() || sessions.get(created.id()).path("document").isNull())
          .isTrue();
    } finally {
      release.countDown();
      holders.shutdown();
    }
    // once the slots are free the same document goes through
    ApiClient.Reply reply =
        sessions.api().post("/v1/sessions/" + created.id() + "/document", sessions.apiKey(), front(passportPhoto(PASSPORT, TestImages.SAMPLE1_MIDDLE)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  /** WebP is accepted for a document as everywhere else (it was refused with 415 before). */
  @Test
  void aWebpPhotoOfThePageIsReadLikeAPng() {
    SessionClient sessions = client("documents webp");
    SessionClient.Created created = sessions.createWithReference(reference(TestImages.SAMPLE1_MIDDLE));
    BufferedImage page = DocumentPhotoRenderer.document(PASSPORT, 1300, true, TestImages.crop(TestImages.SAMPLE1_MIDDLE));
    byte[] webp = org.bonafide.testing.LosslessWebp.encode(DocumentPhotoRenderer.onBackground(page, 1600, 1250, 0.5, 21));
    ApiClient.Reply reply =
        sessions.api().post("/v1/sessions/" + created.id() + "/document", sessions.apiKey(),
            new ApiClient.Multipart().file("front", "front.webp", "image/webp", webp));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    JsonNode document = reply.json();
    assertThat(document.path("outcome").asString()).as(document.toString()).isEqualTo("passed");
    assertThat(document.path("fields").path("documentNumber").asString()).isEqualTo("L898902C3");
    assertThat(SessionClient.check(document, "reference-match").path("passed").asBoolean()).as(document.toString()).isTrue();
  }

  @Test
  void aPassportWithAnotherPersonsPortraitFailsTheReferenceMatch() {
    SessionClient sessions = client("documents other face");
    SessionClient.Created created = sessions.createWithReference(reference(TestImages.SAMPLE1_MIDDLE));
    JsonNode document =
        sessions.api()
            .post("/v1/sessions/" + created.id() + "/document", sessions.apiKey(), front(passportPhoto(PASSPORT, TestImages.SAMPLE3_LEFT)))
            .json();
    assertThat(document.path("outcome").asString()).as(document.toString()).isEqualTo("failed");
    assertThat(document.path("reasons").toString()).contains("portrait-mismatch");
    assertThat(SessionClient.check(document, "reference-match").path("passed").asBoolean()).isFalse();
  }

  @Test
  void anMrzEditedWithoutThePrintedPageFailsAsPrintedDataMismatch() {
    SessionClient sessions = client("documents edited");
    SessionClient.Created created = sessions.create();
    // birth date moved to 1979 in the MRZ, check digits recomputed; the page still prints 1974
    List<String> edited = List.of(PASSPORT.get(0), "L898902C36SWE7908127F3404159<<<<<<<<<<<<<<<4");
    JsonNode document =
        sessions.api()
            .post("/v1/sessions/" + created.id() + "/document", sessions.apiKey(), front(passportPhoto(edited, TestImages.SAMPLE1_MIDDLE)))
            .json();
    assertThat(document.path("fields").path("valid").asBoolean()).as(document.toString()).isTrue();
    assertThat(document.path("outcome").asString()).isEqualTo("failed");
    assertThat(document.path("reasons").toString()).contains("printed-data-mismatch");
  }

  @Test
  void theHolderIsComparedWithTheLiveFaceOnceTheCaptureIsAnalysed() throws Exception {
    SessionClient sessions = client("documents holder");
    SessionClient.Created created = sessions.create();
    JsonNode document =
        sessions.api()
            .post("/v1/sessions/" + created.id() + "/document", sessions.apiKey(), front(passportPhoto(PASSPORT, TestImages.SAMPLE1_MIDDLE)))
            .json();
    assertThat(document.path("checks").toString()).doesNotContain("holder-match");

    SessionFlowIT.runCapture(sessions, created, 7);
    JsonNode after = sessions.get(created.id()).path("document");
    JsonNode holder = SessionClient.check(after, "holder-match");
    assertThat(holder.path("passed").asBoolean()).as(after.toString()).isTrue();
    assertThat(holder.path("details").path("similarity").asDouble()).isGreaterThan(holder.path("details").path("threshold").asDouble());
  }

  @Test
  void badInputGetsProblemsAndLosesNothing() {
    SessionClient sessions = client("documents refusals");
    SessionClient.Created created = sessions.create();
    String path = "/v1/sessions/" + created.id() + "/document";
    ApiClient api = sessions.api();
    String key = sessions.apiKey();

    api.post(path, key, new ApiClient.Multipart().field("nationalIdType", "hk-identity-card")).problem(400, "missing-part");
    api.post(path, key, new ApiClient.Multipart().file("front", "f.png", "image/png", "not an image".getBytes(StandardCharsets.UTF_8)))
        .problem(415, "image-format-unsupported");
    byte[] whole = passportPhoto(PASSPORT, TestImages.SAMPLE1_MIDDLE);
    api.post(path, key, front(java.util.Arrays.copyOf(whole, whole.length / 3))).problem(422, "image-unreadable");
    api.post(path, key, front(TestImages.pngDeclaring(20000, 20000))).problem(422, "image-too-many-pixels");
    byte[] photo = whole;
    api.post(path, key, front(photo).field("chip", "{\"dg99\":\"AAAA\"}")).problem(422, "chip-data-unsupported");
    api.post(path, key, front(photo).field("chip", "{\"sod\":\"%%%\"}")).problem(400, "validation-failed");
    api.post(path, key, front(photo).field("nationalIdType", "xx-unknown").field("nationalIdNumber", "1"))
        .problem(400, "validation-failed");
    api.post(path, key, front(photo).field("nationalIdType", "hk-identity-card")).problem(400, "validation-failed");

    // another institution cannot post to, or see, this session
    SessionClient other = client("documents other tenant");
    other.api().post(path, other.apiKey(), front(photo)).problem(404, "not-found");

    // chip data that cannot be parsed, an answer to a challenge the session never issued, and a
    // Hong Kong identity number with a wrong check digit: the document is stored, with reasons
    String chip =
        "{\"sod\":\"" + Base64.getEncoder().encodeToString(new byte[] {0x77, 0x03, 1, 2, 3}) + "\","
            + "\"aa-challenge\":\"" + Base64.getEncoder().encodeToString(new byte[8]) + "\","
            + "\"aa-signature\":\"" + Base64.getEncoder().encodeToString(new byte[64]) + "\"}";
    ApiClient.Reply stored =
        api.post(path, key, front(photo).field("chip", chip).field("nationalIdType", "hk-identity-card").field("nationalIdNumber", "A123456(7)"));
    assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    JsonNode document = stored.json();
    assertThat(document.path("outcome").asString()).isEqualTo("failed");
    assertThat(document.path("reasons").toString()).contains("chip-data-invalid", "chip-authentication-failed", "national-id-invalid");

    // the session still shows that document, then a limit of 3 documents (this test's setting)
    assertThat(sessions.get(created.id()).path("document").path("id").asString()).isEqualTo(document.path("id").asString());
    assertThat(api.post(path, key, front(photo)).status()).isEqualTo(201);
    assertThat(api.post(path, key, front(photo)).status()).isEqualTo(201);
    api.post(path, key, front(photo)).problem(409, "too-many-documents");
    assertThat(sessions.get(created.id()).path("document").path("outcome").asString()).isNotBlank();
  }

  @Test
  void aBlurredPhotoAsksForAnotherOne() {
    SessionClient sessions = client("documents retry");
    SessionClient.Created created = sessions.create();
    BufferedImage page = DocumentPhotoRenderer.document(PASSPORT, 1300, true, TestImages.crop(TestImages.SAMPLE1_MIDDLE));
    BufferedImage blurred = DocumentPhotoRenderer.blurred(DocumentPhotoRenderer.onBackground(page, 1600, 1250, 0, 22), 12);
    JsonNode document =
        sessions.api().post("/v1/sessions/" + created.id() + "/document", sessions.apiKey(), front(DocumentPhotoRenderer.png(blurred))).json();
    assertThat(document.path("outcome").asString()).as(document.toString()).isEqualTo("retry");
    assertThat(document.path("reasons").toString()).contains("document-blurred");
  }
}
