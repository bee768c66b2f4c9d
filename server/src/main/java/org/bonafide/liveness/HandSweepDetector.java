package org.bonafide.liveness;

import java.util.List;

/**
 * The hand sweep, when the challenge asks for it: during its window (plus a grace) the face is
 * covered in some frame (not found at all, detection score well below the hold-still median, or an
 * embedding that no longer resembles the capture's identity because the hand hides features), and
 * clear again in a later frame.
 */
final class HandSweepDetector extends PromptWindowDetector<DetectorProperties.HandSweep> {
  static final String ID = "hand-sweep";

  HandSweepDetector(DetectorProperties.HandSweep settings) {
    super(
        ID,
        "The face covered by a hand, then clear again, during the hand-sweep prompt.",
        settings,
        Prompt.HAND_SWEEP);
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Timeline.Window window = window(capture);
    List<FrameMeasurement> frames = capture.between(window.startMs(), window.endMs() + settings.getGraceMs());
    float[] identity = capture.identity();
    double baseScore = capture.baselineDetectionScore();
    int covered = -1;
    String coveredBy = null;
    double lowestSimilarity = Double.NaN;
    for (int i = 0; i < frames.size(); i++) {
      FrameMeasurement f = frames.get(i);
      String cover = coverage(f, identity, baseScore);
      if (f.hasFace() && identity != null) {
        double s = similarity(f, identity);
        lowestSimilarity = Double.isNaN(lowestSimilarity) ? s : Math.min(lowestSimilarity, s);
      }
      if (cover != null) {
        if (covered < 0) {
          covered = i;
          coveredBy = cover;
        }
      } else if (covered >= 0 && f.hasFace()) {
        Details details =
            new Details()
                .put("coveredBy", coveredBy)
                .put("lowestSimilarity", lowestSimilarity)
                .put("baselineDetectionScore", baseScore);
        return Details.pass(ID, 1, List.of(frames.get(covered).index(), f.index()), details);
      }
    }
    Details details =
        new Details()
            .put("framesInWindow", frames.size())
            .put("lowestSimilarity", lowestSimilarity)
            .put("baselineDetectionScore", baseScore)
            .put("coveredSeen", covered >= 0);
    return Details.fail(ID, covered >= 0 ? 0.5 : 0, LivenessReason.HAND_SWEEP_NOT_SEEN, Details.indices(frames), details);
  }

  /** How the face is covered in this frame ({@code face-lost}, {@code score-drop}, {@code identity-drop}), or null when clear. */
  private String coverage(FrameMeasurement f, float[] identity, double baseScore) {
    if (!f.hasFace()) {
      return f.unreadable() ? null : "face-lost";
    }
    if (!Double.isNaN(baseScore) && f.face().detectionScore() < baseScore - settings.getScoreDrop()) {
      return "score-drop";
    }
    if (identity != null && similarity(f, identity) < settings.getOccludedSimilarity()) {
      return "identity-drop";
    }
    return null;
  }

  private static double similarity(FrameMeasurement f, float[] identity) {
    return org.bonafide.biometrics.FaceEngine.similarity(f.face().embedding(), identity);
  }
}
