package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bonafide.testing.TestImages;
import org.bonafide.tenant.Tenant;
import org.bonafide.tenant.TenantService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives the session API the way the capture page does, with frames made from a real photo. */
final class SessionClient {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ApiClient api;
  private final String apiKey;

  SessionClient(ApiClient api, String apiKey) {
    this.api = api;
    this.apiKey = apiKey;
  }

  /** A created session: its id, capture token and challenge as returned. */
  record Created(String id, String captureToken, JsonNode body) {
    String signature() {
      return body.path("challengeSignature").asString();
    }
  }

  Created create(String json) {
    ApiClient.Reply reply = api.post("/v1/sessions", apiKey, "application/json", json.getBytes());
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    JsonNode body = reply.json();
    return new Created(body.path("id").asString(), body.path("captureToken").asString(), body);
  }

  /** A session whose live face must match this reference photo. */
  Created createWithReference(byte[] reference) {
    ApiClient.Multipart body =
        new ApiClient.Multipart()
            .file("reference", "reference.jpg", "image/jpeg", reference)
            .file("session", null, "application/json", "{\"policy\":\"basic\"}".getBytes());
    ApiClient.Reply reply = api.post("/v1/sessions", apiKey, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    JsonNode created = reply.json();
    return new Created(created.path("id").asString(), created.path("captureToken").asString(), created);
  }

  /** A client for a new tenant of the running service, with its first API key. */
  static SessionClient forNewTenant(TenantService tenants, int port, String name) {
    Tenant tenant = tenants.createTenant(name);
    return new SessionClient(new ApiClient(port), tenants.issueKey(tenant.id()).key());
  }

  /** The check with this id in a session's or a document's view; fails the test when it is absent. */
  static JsonNode check(JsonNode view, String id) {
    for (JsonNode check : view.path("checks")) {
      if (id.equals(check.path("id").asString())) {
        return check;
      }
    }
    throw new AssertionError("no " + id + " check in " + view);
  }

  ApiClient api() {
    return api;
  }

  String apiKey() {
    return apiKey;
  }

  Created create() {
    return create("{}");
  }

  ApiClient.Reply redeem(String id, String captureToken) {
    return api.post("/v1/sessions/" + id + "/capture", captureToken, "application/json", new byte[0]);
  }

  /** Redeems the capture token and returns the upload token. */
  String uploadToken(Created session) {
    ApiClient.Reply reply = redeem(session.id(), session.captureToken());
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("uploadToken").asString();
  }

  /** Frames numbered from {@code from}, 80 ms apart, all said to be captured during hold_still. */
  ApiClient.Reply upload(String id, String token, int from, List<byte[]> images) {
    List<Map<String, Object>> metadata = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      metadata.add(frame(from + i, (from + i) * 80L, "hold_still", (from + i) % 2 == 0 ? "#ff0000" : "#00ff00"));
    }
    return upload(id, token, metadata, images);
  }

  ApiClient.Reply upload(String id, String token, List<Map<String, Object>> metadata, List<byte[]> images) {
    return upload(id, token, metadata, images, Map.of("cameraLabel", "test camera", "width", 640));
  }

  ApiClient.Reply upload(
      String id, String token, List<Map<String, Object>> metadata, List<byte[]> images, Map<String, Object> telemetry) {
    ApiClient.Multipart body = new ApiClient.Multipart();
    body.file("metadata", null, "application/json", JSON.writeValueAsBytes(Map.of("frames", metadata, "telemetry", telemetry)));
    for (int i = 0; i < images.size(); i++) {
      body.file("frames", "frame-" + i + ".jpg", "image/jpeg", images.get(i));
    }
    return api.post("/v1/sessions/" + id + "/frames", token, body);
  }

  static Map<String, Object> frame(int index, long timestampMs, String prompt, String screen) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("index", index);
    frame.put("timestampMs", timestampMs);
    frame.put("prompt", prompt);
    frame.put("screen", screen);
    return frame;
  }

  /**
   * What the capture page would record for a challenge at 12 frames a second: each frame's time,
   * the prompt then on screen, and the colour during hold_still.
   */
  static List<Map<String, Object>> timeline(JsonNode challenge) {
    List<long[]> promptEnds = new ArrayList<>();
    List<String> prompts = new ArrayList<>();
    long t = 0;
    for (JsonNode step : challenge.path("prompts")) {
      t += step.path("durationMs").asLong();
      promptEnds.add(new long[] {t});
      prompts.add(step.path("prompt").asString());
    }
    long total = t;
    List<Map<String, Object>> frames = new ArrayList<>();
    for (int i = 0; i * 83L < total; i++) {
      long at = i * 83L;
      int p = 0;
      while (promptEnds.get(p)[0] <= at) {
        p++;
      }
      String screen = null;
      if (p == 0) {
        long c = 0;
        for (JsonNode colour : challenge.path("colours")) {
          c += colour.path("durationMs").asLong();
          if (at < c) {
            screen = colour.path("colour").asString();
            break;
          }
        }
      }
      frames.add(frame(i, at, prompts.get(p), screen));
    }
    return frames;
  }

  ApiClient.Reply submit(String id, String token, int frameCount, String signature) {
    String json = "{\"frameCount\":" + frameCount + ",\"challengeSignature\":\"" + signature + "\"}";
    return api.post("/v1/sessions/" + id + "/submit", token, "application/json", json.getBytes());
  }

  JsonNode get(String id) {
    ApiClient.Reply reply = api.get("/v1/sessions/" + id, apiKey);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  /** Polls until the session is analysed (or the deadline passes) and returns it. */
  JsonNode awaitAnalysed(String id, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode session = get(id);
    while (!"analysed".equals(session.path("state").asString()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      session = get(id);
    }
    return session;
  }

  /**
   * Frames of one real face (the middle woman of the first demo photo) on a 640x480 canvas, each
   * shifted by a pixel or two as a hand-held phone would be.
   */
  static List<byte[]> frames(int count) {
    return frames(count, 0);
  }

  /**
   * The same, for a capture of its own: each {@code variant} places and sizes the face differently,
   * so the captures of different tests are different media (the service flags media seen before).
   */
  static List<byte[]> frames(int count, int variant) {
    BufferedImage face = TestImages.crop(TestImages.SAMPLE1_MIDDLE);
    int size = 300 - 17 * (variant % 5);
    int left = 40 + (variant * 53) % 260;
    int top = 20 + (variant * 29) % 120;
    List<byte[]> frames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D g = frame.createGraphics();
      g.setColor(new Color(120, 120, 125));
      g.fillRect(0, 0, 640, 480);
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      int dx = (i * 7) % 5 - 2;
      int dy = (i * 3) % 5 - 2;
      g.drawImage(face, left + dx, top + dy, size, size * 311 / 300, null);
      g.dispose();
      frames.add(TestImages.jpeg(frame, 0.9f));
    }
    return frames;
  }
}
