package org.bonafide.liveness;

import java.util.List;
import java.util.Map;

/**
 * A complete capture to analyse: the challenge it answers, its frames in index order, and the
 * device telemetry the client reported (camera label, resolution, frame rate, user agent, screen).
 */
public record Capture(Challenge challenge, List<CapturedFrame> frames, Map<String, Object> telemetry) {
  public Capture {
    frames = List.copyOf(frames);
    telemetry = telemetry == null ? Map.of() : Map.copyOf(telemetry);
  }
}
