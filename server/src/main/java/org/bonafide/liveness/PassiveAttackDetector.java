package org.bonafide.liveness;

import java.util.List;

/**
 * The face engine's passive presentation-attack model (print, replay on a screen), as the median
 * over the frames it scored ({@code bonafide.detectors.analysis.attack-score-every}).
 */
final class PassiveAttackDetector extends ConfiguredDetector<DetectorProperties.PassiveAttack> {
  static final String ID = "passive-attack";

  PassiveAttackDetector(DetectorProperties.PassiveAttack settings) {
    super(
        ID,
        "Median passive attack score of the face engine's liveness model.",
        settings);
  }

  @Override
  public boolean appliesTo(CaptureMeasurements capture) {
    return !scored(capture).isEmpty();
  }

  private static List<FrameMeasurement> scored(CaptureMeasurements capture) {
    return capture.facesWhere(f -> !Double.isNaN(f.face().attackScore()));
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    List<FrameMeasurement> frames = scored(capture);
    double median = CaptureMeasurements.median(frames.stream().mapToDouble(f -> f.face().attackScore()).toArray());
    Details details =
        new Details()
            .put("medianAttackScore", median)
            .put("maxMedianScore", settings.getMaxMedianScore())
            .put("framesScored", frames.size());
    return median > settings.getMaxMedianScore()
        ? Details.fail(ID, 1 - median, LivenessReason.PRESENTATION_ATTACK, Details.indices(frames), details)
        : Details.pass(ID, 1 - median, Details.indices(frames), details);
  }
}
