package org.bonafide.liveness;

import java.util.List;
import org.bonafide.biometrics.FaceEngine;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The capture's identity against the reference photo's embedding, at the face engine's match
 * threshold; runs only when a reference was given.
 */
@Component
@Order(100)
final class ReferenceMatchDetector extends ReferenceDetector<ReferenceMatchDetector.Settings> {
  static final String ID = "reference-match";

  ReferenceMatchDetector(ReferenceMatchDetector.Settings settings) {
    super(
        ID,
        "The capture's face matches the reference photo (face engine's match threshold).",
        settings);
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Details details = new Details().put("threshold", capture.matchThreshold());
    if (capture.identity() == null) {
      return Details.fail(ID, 0, LivenessReason.REFERENCE_MISMATCH, List.of(), details.put("note", "no face"));
    }
    double similarity = FaceEngine.similarity(capture.identity(), capture.referenceEmbedding());
    details.put("similarity", similarity);
    List<FrameMeasurement> neutral =
        capture.facesWhere(f -> capture.timeline().window(Prompt.HOLD_STILL) == null
            || capture.timeline().window(Prompt.HOLD_STILL).contains(f.timestampMs()));
    List<Integer> frames = Details.indices(neutral);
    double score = (similarity + 1) / 2;
    return similarity >= capture.matchThreshold()
        ? Details.pass(ID, score, frames, details)
        : Details.fail(ID, score, LivenessReason.REFERENCE_MISMATCH, frames, details);
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled)
      implements DetectorSettings {
    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
