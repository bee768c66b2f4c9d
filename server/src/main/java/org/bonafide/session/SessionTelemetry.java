package org.bonafide.session;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a chunk's telemetry may hold before it is merged into the session: only the documented
 * keys ({@code docs/capture.md}, "What the page captures" and the app keys), each value at most
 * {@value #MAX_VALUE_BYTES} bytes as JSON and the chunk's at most {@value #MAX_CHUNK_BYTES}. Merging
 * replaces a key's value, so a session's telemetry stays under the number of keys times the value
 * limit however many chunks arrive (one applicant's upload token once grew a session view to 32 MB).
 * Unknown keys are dropped, not refused, so a newer app's extra keys do not break its uploads.
 */
final class SessionTelemetry {
  static final Set<String> KEYS =
      Set.of(
          "cameraLabel", "trackSettings", "capabilities", "videoWidth", "videoHeight", "userAgent", "userAgentData",
          "screen", "viewport", "devicePixelRatio", "maxTouchPoints", "language", "timezone", "capture", "deviceId",
          "device");
  static final int MAX_VALUE_BYTES = 4096;
  static final int MAX_CHUNK_BYTES = 16_384;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SessionTelemetry() {}

  /** The documented keys of {@code telemetry}, in its order; refuses a value or a chunk over its limit. */
  static Map<String, Object> bounded(Map<String, Object> telemetry) {
    Map<String, Object> kept = new LinkedHashMap<>();
    if (telemetry == null) {
      return kept;
    }
    int total = 0;
    for (Map.Entry<String, Object> e : telemetry.entrySet()) {
      if (!KEYS.contains(e.getKey())) {
        continue;
      }
      int bytes = JSON.writeValueAsString(e.getValue()).getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_VALUE_BYTES) {
        throw new BonafideException(
            ErrorCode.VALIDATION_FAILED,
            "telemetry." + e.getKey() + " is " + bytes + " bytes as JSON; a telemetry value has at most " + MAX_VALUE_BYTES + ".",
            Map.of("part", "metadata", "field", "telemetry." + e.getKey(), "limit", MAX_VALUE_BYTES));
      }
      total += bytes;
      kept.put(e.getKey(), e.getValue());
    }
    if (total > MAX_CHUNK_BYTES) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "The telemetry is " + total + " bytes as JSON; a chunk's telemetry has at most " + MAX_CHUNK_BYTES + ".",
          Map.of("part", "metadata", "field", "telemetry", "limit", MAX_CHUNK_BYTES));
    }
    return kept;
  }
}
