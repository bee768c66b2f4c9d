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
    // clients may send "key": null for what they do not know; it says nothing, so it is dropped
    telemetry =
        telemetry == null
            ? Map.of()
            : telemetry.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
