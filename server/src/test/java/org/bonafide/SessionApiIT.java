package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The session API's refusals over HTTP: replayed and foreign tokens, other tenants, bad frames, a
 * second submission, expiry and abandoned uploads. None of them loses what was already stored.
 */
class SessionApiIT extends RunningServiceTest {
  private String key;
  private SessionClient sessions;

  @BeforeEach
  void tenant() {
    key = newTenantKey("session api").key();
    sessions = new SessionClient(api, key);
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void createsASessionWithASignedChallengeAndACaptureLink() {
    SessionClient.Created created = sessions.create("{\"applicantReference\":\"A-1043\",\"policy\":\"strict\"}");
    JsonNode body = created.body();
    assertThat(body.path("state").asString()).isEqualTo("created");
    assertThat(body.path("captureUrl").asString())
        .matches("http://localhost:\\d+/capture/#session=" + created.id() + "&token=bfc_[A-Za-z0-9_-]{43}");
    assertThat(body.path("challengeSignature").asString()).isNotBlank();
    JsonNode prompts = body.path("challenge").path("prompts");
    assertThat(prompts.get(0).path("prompt").asString()).isEqualTo("hold_still");
    // strict: three movements, a blink, a hand sweep and a profile turn after hold_still
    assertThat(prompts.size()).isEqualTo(7);
    java.util.List<String> codes = new java.util.ArrayList<>();
    prompts.forEach(p -> codes.add(p.path("prompt").asString()));
    assertThat(codes).contains("hand_sweep").containsAnyOf("profile_left", "profile_right");
    assertThat(body.path("challenge").path("colours").size()).isBetween(8, 10);

    JsonNode session = sessions.get(created.id());
    assertThat(session.path("state").asString()).isEqualTo("created");
    assertThat(session.path("applicantReference").asString()).isEqualTo("A-1043");
    assertThat(session.path("upload").path("status").asString()).isEqualTo("none");
    assertThat(session.path("challenge")).isEqualTo(body.path("challenge"));
  }

  @Test
  void drawsADifferentChallengeForEverySession() {
    JsonNode a = sessions.create().body().path("challenge");
    JsonNode b = sessions.create().body().path("challenge");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void refusesUnknownPoliciesAndOverlongReferences() {
    api.post("/v1/sessions", key, "application/json", "{\"policy\":\"lenient\"}".getBytes())
        .problem(400, "validation-failed");
    String longReference = "{\"applicantReference\":\"" + "x".repeat(201) + "\"}";
    api.post("/v1/sessions", key, "application/json", longReference.getBytes()).problem(400, "validation-failed");
  }

  @Test
  void refusesANulOrALoneSurrogateInTheReferenceAndTheTelemetryAndStoresNothing() {
    for (String bad : List.of("\\u0000", "\\ud800", "\\udfff")) {
      JsonNode problem =
          api.post("/v1/sessions", key, "application/json", ("{\"applicantReference\":\"A-" + bad + "\"}").getBytes())
              .problem(400, "invalid-text");
      assertThat(problem.path("field").asString()).isEqualTo("applicantReference");
    }
    SessionClient.Created created = sessions.create();
    String token = sessions.uploadToken(created);
    List<byte[]> frames = SessionClient.frames(2);
    List<java.util.Map<String, Object>> metadata =
        List.of(
            java.util.Map.of("index", 0, "timestampMs", 0, "prompt", "hold_still"),
            java.util.Map.of("index", 1, "timestampMs", 80, "prompt", "hold_still"));
    JsonNode problem =
        sessions
            .upload(created.id(), token, metadata, frames, java.util.Map.of("cameraLabel", "cam\u0000era", "width", 640))
            .problem(400, "invalid-text");
    assertThat(problem.path("field").asString()).isEqualTo("telemetry.cameraLabel");
    sessions
        .upload(created.id(), token, metadata, frames, java.util.Map.of("model\u0000", "x"))
        .problem(400, "invalid-text");
    // telemetry is bounded: a value over 4 KB is refused, undocumented keys are dropped
    JsonNode tooLong =
        sessions
            .upload(created.id(), token, metadata, frames, java.util.Map.of("userAgent", "x".repeat(5000)))
            .problem(400, "validation-failed");
    assertThat(tooLong.path("field").asString()).isEqualTo("telemetry.userAgent");
    // nothing was stored: the same frames with clean telemetry are new
    JsonNode stored =
        sessions
            .upload(created.id(), token, metadata, frames,
                java.util.Map.of("cameraLabel", "camera", "padding", "y".repeat(3000), "observedIp", "10.9.9.9"))
            .json();
    assertThat(stored.path("received").asInt()).isEqualTo(2);
    assertThat(stored.path("stored").size()).isEqualTo(2);
    JsonNode telemetry = sessions.get(created.id()).path("telemetry");
    assertThat(telemetry.path("cameraLabel").asString()).isEqualTo("camera");
    assertThat(telemetry.has("padding")).as(telemetry.toString()).isFalse();
    assertThat(telemetry.path("observedIp").asString()).isNotEqualTo("10.9.9.9");
  }

  @Test
  void refusesAReferencePhotoWithoutAFace() {
    ApiClient.Multipart body =
        new ApiClient.Multipart().file("reference", "ref.png", "image/png", TestImages.gradientPng(400, 300));
    api.post("/v1/sessions", key, body).problem(422, "no-face");
  }

  @Test
  void rejectsAReplayedCaptureToken() {
    SessionClient.Created created = sessions.create();
    assertThat(sessions.redeem(created.id(), created.captureToken()).status()).isEqualTo(200);
    sessions.redeem(created.id(), created.captureToken()).problem(409, "capture-token-used");
    assertThat(sessions.get(created.id()).path("state").asString()).isEqualTo("capturing");
  }

  @Test
  void rejectsTokensOfAnotherSessionAndTokensOutsideTheCaptureCalls() {
    SessionClient.Created a = sessions.create();
    SessionClient.Created b = sessions.create();
    String uploadA = sessions.uploadToken(a);

    sessions.redeem(b.id(), a.captureToken()).problem(403, "wrong-session");
    sessions.upload(b.id(), uploadA, 0, SessionClient.frames(1)).problem(403, "wrong-session");
    sessions.submit(b.id(), uploadA, 1, b.signature()).problem(403, "wrong-session");
    // the upload token does not open a capture, and session tokens are not API keys
    sessions.redeem(a.id(), uploadA).problem(401, "unauthenticated");
    api.get("/v1/sessions/" + a.id(), uploadA).problem(401, "unauthenticated");
    api.get("/v1/sessions/" + b.id(), b.captureToken()).problem(401, "unauthenticated");
    // b is untouched
    assertThat(sessions.redeem(b.id(), b.captureToken()).status()).isEqualTo(200);
  }

  @Test
  void anotherTenantCanNeitherSeeNorTouchASession() {
    SessionClient.Created created = sessions.create();
    String otherKey = newTenantKey("other institution").key();
    SessionClient other = new SessionClient(api, otherKey);

    api.get("/v1/sessions/" + created.id(), otherKey).problem(404, "not-found");
    other.upload(created.id(), otherKey, 0, SessionClient.frames(1)).problem(404, "not-found");
    other.submit(created.id(), otherKey, 1, created.signature()).problem(404, "not-found");
    assertThat(sessions.get(created.id()).path("upload").path("framesReceived").asInt()).isZero();
  }

  @Test
  void refusesCorruptOversizedAndForeignFramesAndKeepsWhatWasStored() {
    SessionClient.Created created = sessions.create();
    String token = sessions.uploadToken(created);
    List<byte[]> good = SessionClient.frames(5);
    JsonNode stored = sessions.upload(created.id(), token, 0, good).json();
    assertThat(stored.path("received").asInt()).isEqualTo(5);

    byte[] jpeg = good.get(0);
    byte[] corrupt = Arrays.copyOf(jpeg, 600);
    Arrays.fill(corrupt, 4, corrupt.length, (byte) 0x5a);
    sessions.upload(created.id(), token, 5, List.of(good.get(1), corrupt)).problem(422, "image-unreadable");
    sessions
        .upload(created.id(), token, 5, List.of("not an image".getBytes(StandardCharsets.UTF_8)))
        .problem(415, "image-format-unsupported");
    byte[] huge = Arrays.copyOf(jpeg, 2 * 1024 * 1024 + 1);
    sessions.upload(created.id(), token, 5, List.of(huge)).problem(413, "image-too-large");
    sessions
        .upload(created.id(), token, 5, List.of(TestImages.pngDeclaring(20000, 20000)))
        .problem(422, "image-too-many-pixels");
    // a frame is a video frame: a small file declaring 1 x 40,000,000 pixels, or 3 megapixels, is
    // refused from its header; so is a strip of a frame 40 times as long as it is wide
    sessions
        .upload(created.id(), token, 5, List.of(TestImages.pngDeclaring(1, 40_000_000)))
        .problem(422, "image-too-many-pixels");
    sessions
        .upload(created.id(), token, 5, List.of(TestImages.pngDeclaring(2000, 1500)))
        .problem(422, "image-too-many-pixels");
    sessions.upload(created.id(), token, 5, List.of(TestImages.gradientPng(4000, 100))).problem(400, "validation-failed");
    sessions.upload(created.id(), token, 600, List.of(good.get(0))).problem(422, "too-many-frames");
    // a stored index with other bytes is a conflict; with the same bytes a harmless resend
    sessions.upload(created.id(), token, 0, List.of(good.get(1))).problem(409, "frame-conflict");
    assertThat(sessions.upload(created.id(), token, 0, good).json().path("stored").size()).isZero();

    // the refused chunk's good frame (index 5) was not stored either: chunks are all or nothing
    assertThat(sessions.get(created.id()).path("upload").path("framesReceived").asInt()).isEqualTo(5);
  }

  @Test
  void refusesMalformedUploads() {
    SessionClient.Created created = sessions.create();
    String token = sessions.uploadToken(created);
    ApiClient.Multipart noMetadata =
        new ApiClient.Multipart().file("frames", "f.jpg", "image/jpeg", SessionClient.frames(1).get(0));
    api.post("/v1/sessions/" + created.id() + "/frames", token, noMetadata).problem(400, "missing-part");
    ApiClient.Multipart badJson =
        new ApiClient.Multipart()
            .file("metadata", null, "application/json", "{frames:".getBytes())
            .file("frames", "f.jpg", "image/jpeg", SessionClient.frames(1).get(0));
    api.post("/v1/sessions/" + created.id() + "/frames", token, badJson).problem(400, "validation-failed");
    ApiClient.Multipart countMismatch =
        new ApiClient.Multipart()
            .file(
                "metadata",
                null,
                "application/json",
                "{\"frames\":[{\"index\":0,\"timestampMs\":0},{\"index\":1,\"timestampMs\":80}]}".getBytes())
            .file("frames", "f.jpg", "image/jpeg", SessionClient.frames(1).get(0));
    api.post("/v1/sessions/" + created.id() + "/frames", token, countMismatch).problem(400, "validation-failed");
    ApiClient.Multipart badPrompt =
        new ApiClient.Multipart()
            .file(
                "metadata",
                null,
                "application/json",
                "{\"frames\":[{\"index\":0,\"timestampMs\":0,\"prompt\":\"dance\"}]}".getBytes())
            .file("frames", "f.jpg", "image/jpeg", SessionClient.frames(1).get(0));
    api.post("/v1/sessions/" + created.id() + "/frames", token, badPrompt).problem(400, "validation-failed");
    assertThat(sessions.get(created.id()).path("upload").path("framesReceived").asInt()).isZero();
  }

  @Test
  void acceptsExactlyOneCompleteSubmissionForItsOwnChallenge() {
    SessionClient.Created created = sessions.create();
    SessionClient.Created other = sessions.create();
    String token = sessions.uploadToken(created);
    List<byte[]> frames = SessionClient.frames(8);
    sessions.upload(created.id(), token, 0, frames.subList(0, 5));

    JsonNode incomplete = sessions.submit(created.id(), token, 8, created.signature()).problem(409, "upload-incomplete");
    assertThat(incomplete.path("missing").toString()).isEqualTo("[5,6,7]");
    sessions.upload(created.id(), token, 5, frames.subList(5, 8));
    sessions.submit(created.id(), token, 8, other.signature()).problem(409, "challenge-mismatch");
    sessions.submit(created.id(), token, 7, created.signature()).problem(400, "validation-failed");

    ApiClient.Reply accepted = sessions.submit(created.id(), token, 8, created.signature());
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.json().path("state").asString()).isEqualTo("submitted");

    sessions.submit(created.id(), token, 8, created.signature()).problem(409, "already-submitted");
    sessions.upload(created.id(), token, 8, frames.subList(0, 1)).problem(409, "already-submitted");
    JsonNode session = sessions.get(created.id());
    assertThat(session.path("upload").path("status").asString()).isEqualTo("complete");
    assertThat(session.path("upload").path("frameCount").asInt()).isEqualTo(8);
  }

  @Test
  void expiresAndRefusesAnAbandonedUploadWithoutSleeping() {
    SessionClient.Created created = sessions.create();
    SessionClient.Created unopened = sessions.create();
    String token = sessions.uploadToken(created);
    sessions.upload(created.id(), token, 0, SessionClient.frames(3));

    clock.advance(Duration.ofMinutes(3).plusSeconds(1));

    sessions.submit(created.id(), token, 3, created.signature()).problem(410, "session-expired");
    sessions.upload(created.id(), token, 3, SessionClient.frames(1)).problem(410, "session-expired");
    sessions.redeem(unopened.id(), unopened.captureToken()).problem(410, "session-expired");
    JsonNode session = sessions.get(created.id());
    assertThat(session.path("state").asString()).isEqualTo("expired");
    assertThat(session.path("upload").path("status").asString()).isEqualTo("partial");
    assertThat(session.path("upload").path("framesReceived").asInt()).isEqualTo(3);
    assertThat(sessions.get(unopened.id()).path("upload").path("status").asString()).isEqualTo("none");
  }

  @Test
  void givesLiveFeedbackOnAPreviewFrame() {
    SessionClient.Created created = sessions.create();
    String token = sessions.uploadToken(created);
    ApiClient.Multipart body =
        new ApiClient.Multipart().file("frame", "f.jpg", "image/jpeg", SessionClient.frames(1).get(0));
    ApiClient.Reply reply = api.post("/v1/sessions/" + created.id() + "/preview", token, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("faces").asInt()).isEqualTo(1);

    ApiClient.Multipart empty =
        new ApiClient.Multipart().file("frame", "f.png", "image/png", TestImages.gradientPng(320, 240));
    assertThat(api.post("/v1/sessions/" + created.id() + "/preview", token, empty).json().path("faces").asInt())
        .isZero();
  }
}
