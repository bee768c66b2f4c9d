package org.bonafide.liveness;

import java.util.List;
import java.util.Map;

/**
 * What one detector found.
 *
 * @param id the detector's id (also its settings key under {@code bonafide.detectors.<id>})
 * @param passed whether the check passed
 * @param score the detector's score, 0-1, where 1 is the strongest support for live presence
 * @param reason the reason code when it did not pass (from {@link LivenessReason}), else null
 * @param frames indices of the frames the check used
 * @param details measurements behind the score (angles, correlations, lags), for analysts
 */
public record CheckResult(
    String id, boolean passed, double score, String reason, List<Integer> frames, Map<String, Object> details) {
  public CheckResult {
    frames = List.copyOf(frames);
    details = Map.copyOf(details);
  }
}
