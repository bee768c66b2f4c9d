package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bonafide.testing.TestImages.SAMPLE1_LEFT;
import static org.bonafide.testing.TestImages.SAMPLE1_MIDDLE;
import static org.bonafide.testing.TestImages.SAMPLE3_LEFT;
import static org.bonafide.testing.TestImages.SAMPLE3_MIDDLE;

import org.bonafide.testing.TestImages;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.UUID;
import org.bonafide.ApiClient.Multipart;
import org.bonafide.ApiClient.Reply;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.tenant.IssuedApiKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** POST /v1/faces/compare and GET /v1/faces/comparisons/{id} against the running service. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceComparisonApiIT extends RunningServiceTest {
  private static final String COMPARE = "/v1/faces/compare";

  @Autowired JdbcClient jdbc;

  private IssuedApiKey key;
  /** One face: sample1's middle woman, as PNG. */
  private byte[] middlePng;
  /** The same face, scaled to 70 % and re-encoded as JPEG at quality 0.75. */
  private byte[] middleRecompressed;

  @BeforeAll
  void prepare() {
    key = newTenantKey("Comparison tests");
    BufferedImage middle = TestImages.crop(SAMPLE1_MIDDLE);
    middlePng = TestImages.png(middle);
    middleRecompressed = TestImages.jpeg(TestImages.scaled(middle, 0.7), 0.75f);
  }

  private static Multipart images(byte[] reference, String referenceType, byte[] probe, String probeType) {
    return new Multipart().file("reference", "reference", referenceType, reference).file("probe", "probe", probeType, probe);
  }

  private Reply compare(byte[] reference, byte[] probe) {
    return api.post(COMPARE, key.key(), images(reference, "image/png", probe, "image/jpeg"));
  }

  @Test
  void samePhotoRecompressedAndRescaledMatches() {
    Reply reply = compare(middlePng, middleRecompressed);

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    JsonNode result = reply.json();
    assertThat(reply.header("Location")).isEqualTo("/v1/faces/comparisons/" + result.path("id").asString());
    assertThat(result.path("threshold").asDouble()).isEqualTo(FaceEngineSettings.DEFAULT_MATCH_THRESHOLD);
    assertThat(result.path("score").asDouble()).isGreaterThanOrEqualTo(result.path("threshold").asDouble());
    assertThat(result.path("match").asBoolean()).isTrue();
    assertThat(result.path("multipleFaces").asString()).isEqualTo("most-prominent");

    JsonNode reference = result.path("reference");
    assertThat(reference.path("sha256").asString()).isEqualTo(TestImages.sha256(middlePng));
    assertThat(reference.path("format").asString()).isEqualTo("png");
    assertThat(reference.path("width").asInt()).isEqualTo(SAMPLE1_MIDDLE.width());
    assertThat(reference.path("height").asInt()).isEqualTo(SAMPLE1_MIDDLE.height());
    assertThat(reference.path("facesFound").asInt()).isEqualTo(1);
    assertThat(reference.path("usedFace").asString()).isEqualTo("only");
    assertWellFormedFace(reference);

    JsonNode probe = result.path("probe");
    assertThat(probe.path("sha256").asString()).isEqualTo(TestImages.sha256(middleRecompressed));
    assertThat(probe.path("format").asString()).isEqualTo("jpeg");
    assertThat(probe.path("width").asInt()).isEqualTo(Math.round(SAMPLE1_MIDDLE.width() * 0.7f));
    assertWellFormedFace(probe);
  }

  private static void assertWellFormedFace(JsonNode image) {
    JsonNode box = image.path("box");
    assertThat(box.path("x2").asDouble()).isGreaterThan(box.path("x1").asDouble());
    assertThat(box.path("y2").asDouble()).isGreaterThan(box.path("y1").asDouble());
    assertThat(image.path("detectionScore").asDouble()).isBetween(0.0, 1.0);
    assertThat(image.path("attackScore").asDouble()).isBetween(0.0, 1.0);
    assertThat(image.path("pose").has("yaw")).isTrue();
    assertThat(image.path("eyes").has("leftOpenProbability")).isTrue();
    JsonNode quality = image.path("quality");
    assertThat(quality.path("faceSizePx").asInt()).isPositive();
    assertThat(quality.path("sharpness").isNumber()).isTrue();
    assertThat(quality.path("brightness").asDouble()).isBetween(0.0, 255.0);
    assertThat(quality.path("issues").isArray()).isTrue();
    assertThat(image.has("embedding")).isFalse();
    assertThat(image.has("landmarks")).isFalse();
  }

  @Test
  void twoDifferentPeopleFromTwoPhotosDoNotMatch() {
    byte[] clown = TestImages.png(TestImages.crop(SAMPLE1_LEFT));
    byte[] blonde = TestImages.jpeg(TestImages.crop(SAMPLE3_LEFT), 0.9f);

    Reply reply = compare(clown, blonde);

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    JsonNode result = reply.json();
    assertThat(result.path("match").asBoolean()).isFalse();
    assertThat(result.path("score").asDouble()).isLessThan(result.path("threshold").asDouble());
  }

  @Test
  void usesTheLargestFaceOfAGroupPhotoAndSaysSo() {
    byte[] group = TestImages.photo(SAMPLE3_MIDDLE.photo());
    byte[] largestFace = TestImages.jpeg(TestImages.scaled(TestImages.crop(SAMPLE3_MIDDLE), 0.8), 0.8f);

    Reply reply =
        api.post(COMPARE + "?multipleFaces=most-prominent", key.key(), images(group, "image/jpeg", largestFace, "image/jpeg"));

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    JsonNode result = reply.json();
    JsonNode reference = result.path("reference");
    assertThat(reference.path("facesFound").asInt()).isEqualTo(3);
    assertThat(reference.path("usedFace").asString()).isEqualTo("most-prominent");
    JsonNode box = reference.path("box");
    double cx = (box.path("x1").asDouble() + box.path("x2").asDouble()) / 2;
    double cy = (box.path("y1").asDouble() + box.path("y2").asDouble()) / 2;
    assertThat(SAMPLE3_MIDDLE.contains(cx, cy)).as("used face centred at %s,%s", cx, cy).isTrue();
    assertThat(result.path("match").asBoolean()).isTrue();
    assertThat(result.path("probe").path("usedFace").asString()).isEqualTo("only");
  }

  @Test
  void acceptsImagesSentAsPartsWithoutAFileName() {
    Multipart body =
        new Multipart().file("reference", null, null, middlePng).file("probe", null, "application/octet-stream", middleRecompressed);

    Reply reply = api.post(COMPARE, key.key(), body);

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().path("match").asBoolean()).isTrue();
  }

  @Test
  void refusesSeveralFacesWhenAskedTo() {
    byte[] group = TestImages.photo(1);

    Reply reply =
        api.post(COMPARE, key.key(), images(middlePng, "image/png", group, "image/jpeg").field("multipleFaces", "refuse"));

    JsonNode problem = reply.problem(422, "multiple-faces");
    assertThat(problem.path("part").asString()).isEqualTo("probe");
    assertThat(problem.path("facesFound").asInt()).isEqualTo(3);
  }

  @Test
  void readsBackAComparisonExactlyAsItWasReturned() {
    Reply created = compare(middlePng, middleRecompressed);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asString();

    Reply read = api.get("/v1/faces/comparisons/" + id, key.key());

    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(created.json());
  }

  @Test
  void anotherTenantCannotSeeAComparison() {
    Reply created = compare(middlePng, middleRecompressed);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asString();
    IssuedApiKey otherKey = newTenantKey("Another bank");

    JsonNode asOther = api.get("/v1/faces/comparisons/" + id, otherKey.key()).problem(404, "not-found");
    JsonNode unknown = api.get("/v1/faces/comparisons/" + UUID.randomUUID(), otherKey.key()).problem(404, "not-found");

    assertThat(asOther.path("title")).isEqualTo(unknown.path("title"));
    assertThat(asOther.size()).isEqualTo(unknown.size());
    assertThat(api.get("/v1/faces/comparisons/" + id, key.key()).status()).isEqualTo(200);
  }

  @Test
  void malformedIdIsNotFound() {
    api.get("/v1/faces/comparisons/not-a-uuid", key.key()).problem(404, "not-found");
  }

  @Test
  void imageWithoutAFaceIsRefusedNamingThePart() {
    byte[] gradient = TestImages.gradientPng(640, 480);

    JsonNode problem = compare(gradient, middleRecompressed).problem(422, "no-face");

    assertThat(problem.path("part").asString()).isEqualTo("reference");
  }

  @Test
  void unreadableImageIsRefused() {
    byte[] brokenJpeg = Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x67, 0x61, 0x72}, 64);

    JsonNode problem =
        api.post(COMPARE, key.key(), images(middlePng, "image/png", brokenJpeg, "image/jpeg")).problem(422, "image-unreadable");

    assertThat(problem.path("part").asString()).isEqualTo("probe");
  }

  @Test
  void bytesDecideTheFormatNotTheDeclaredType() {
    byte[] text = "this is not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    api.post(COMPARE, key.key(), images(text, "image/png", middleRecompressed, "image/jpeg"))
        .problem(415, "image-format-unsupported");

    // a JPEG sent as image/png is still a JPEG
    Reply reply = api.post(COMPARE, key.key(), images(middlePng, "image/png", middleRecompressed, "image/png"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().path("probe").path("format").asString()).isEqualTo("jpeg");
  }

  @Test
  void decompressionBombIsRefusedWithoutDecoding() {
    byte[] bomb = TestImages.pngDeclaring(100_000, 100_000);
    assertThat(bomb.length).isLessThan(200);

    JsonNode problem =
        api.post(COMPARE, key.key(), images(bomb, "image/png", middlePng, "image/png")).problem(422, "image-too-many-pixels");

    assertThat(problem.path("part").asString()).isEqualTo("reference");
    assertThat(problem.path("width").asLong()).isEqualTo(100_000);
  }

  @Test
  void imageOverTheEngineLimitGetsTheEnginesAnswer() {
    long limit = FaceEngineSettings.defaults().maxImageBytes();
    byte[] big = Arrays.copyOf(middleRecompressed, (int) limit + 1024 * 1024);

    JsonNode problem =
        api.post(COMPARE, key.key(), images(middlePng, "image/png", big, "image/jpeg")).problem(413, "image-too-large");

    assertThat(problem.path("part").asString()).isEqualTo("probe");
    assertThat(problem.path("limit").asLong()).isEqualTo(limit);
  }

  @Test
  void uploadOverTheMultipartLimitIsPayloadTooLarge() {
    // just over spring.servlet.multipart.max-file-size (20MB)
    byte[] giant = Arrays.copyOf(middleRecompressed, 20 * 1024 * 1024 + 512 * 1024);

    JsonNode problem =
        api.post(COMPARE, key.key(), images(middlePng, "image/png", giant, "image/jpeg")).problem(413, "payload-too-large");

    assertThat(problem.path("maxPartBytes").asLong()).isEqualTo(20L * 1024 * 1024);
  }

  @Test
  void partDeclaredAsTextIsUnsupportedMediaType() {
    JsonNode problem =
        api.post(COMPARE, key.key(), images(middlePng, "text/plain", middlePng, "image/png"))
            .problem(415, "unsupported-media-type");

    assertThat(problem.path("part").asString()).isEqualTo("reference");
    api.post(COMPARE, key.key(), images(middlePng, "image/png", middlePng, "application/json"))
        .problem(415, "unsupported-media-type");
  }

  @Test
  void requestThatIsNotMultipartIsUnsupportedMediaType() {
    api.post(COMPARE, key.key(), "application/json", "{\"reference\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .problem(415, "unsupported-media-type");
  }

  @Test
  void missingPartIsNamed() {
    Multipart onlyReference = new Multipart().file("reference", "reference", "image/png", middlePng);

    JsonNode problem = api.post(COMPARE, key.key(), onlyReference).problem(400, "missing-part");

    assertThat(problem.path("part").asString()).isEqualTo("probe");
  }

  @Test
  void unknownMultipleFacesPolicyIsAValidationFailure() {
    api.post(COMPARE + "?multipleFaces=first", key.key(), images(middlePng, "image/png", middlePng, "image/png"))
        .problem(400, "validation-failed");
  }

  @Test
  void wrongMethodIsMethodNotAllowed() {
    Reply reply = api.get(COMPARE, key.key());
    reply.problem(405, "method-not-allowed");
    assertThat(reply.header("Allow")).contains("POST");
  }

  @Test
  void badRequestsStoreNothingAndLoseNothing() {
    IssuedApiKey own = newTenantKey("Nothing lost");
    Reply created = api.post(COMPARE, own.key(), images(middlePng, "image/png", middleRecompressed, "image/jpeg"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asString();

    byte[] group = TestImages.photo(1);
    Multipart[] bad = {
      images(TestImages.gradientPng(320, 240), "image/png", middlePng, "image/png"),
      images(middlePng, "image/png", group, "image/jpeg").field("multipleFaces", "refuse"),
      images(TestImages.pngDeclaring(100_000, 100_000), "image/png", middlePng, "image/png"),
      images(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}, "image/jpeg", middlePng, "image/png"),
      images(middlePng, "text/plain", middlePng, "image/png"),
      new Multipart().file("probe", "probe", "image/png", middlePng),
      images(middlePng, "image/png", new byte[0], "image/png"),
    };
    for (Multipart body : bad) {
      Reply reply = api.post(COMPARE, own.key(), body);
      assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
    }
    api.post(COMPARE, own.key(), "application/json", new byte[] {'{', '}'}).problem(415, "unsupported-media-type");
    assertThat(api.post(COMPARE, own.key(), "multipart/form-data; boundary=x", new byte[] {'x'}).status()).isEqualTo(400);

    Reply read = api.get("/v1/faces/comparisons/" + id, own.key());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(created.json());
    long stored =
        jdbc.sql("SELECT count(*) FROM face_comparisons WHERE tenant_id = ?")
            .param(own.tenantId().value())
            .query(Long.class)
            .single();
    assertThat(stored).isEqualTo(1);
  }

  @Test
  void storesNoImageAndNoEmbedding() {
    Reply created = compare(middlePng, middleRecompressed);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    UUID id = UUID.fromString(created.json().path("id").asString());

    String row =
        jdbc.sql("SELECT row_to_json(c)::text FROM face_comparisons c WHERE id = ?").param(id).query(String.class).single();

    // every column of the row is a short measurement; a 512-d embedding or an image would be long
    assertThat(row.length()).isLessThan(3000);
    assertThat(row).contains(TestImages.sha256(middlePng)).doesNotContain("embedding").doesNotContain("landmarks");
  }

  @Test
  void exposesModelLatencyAndRequestCountsWithoutAKey() {
    assertThat(compare(middlePng, middleRecompressed).status()).isEqualTo(201);

    Reply metrics = api.get("/actuator/prometheus", null);

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("bonafide_model_latency_seconds_count{model=\"detect\"}")
        .contains("bonafide_model_latency_seconds_count{model=\"feature\"}")
        .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/v1/faces/compare\"");
  }
}
