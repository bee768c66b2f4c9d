package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;

/**
 * The hand sweep, when the challenge asks for it: during its window (plus a grace) the face is
 * covered in some frame (the hand-landmark model sees a hand over the face, or the face is not
 * found at all, its detection score falls well below the hold-still median, or its embedding no
 * longer resembles the capture's identity because the hand hides features), and clear again in a
 * later frame.
 *
 * <p>And the police's advice against real-time face swaps, made a rule: where the hand model sees a
 * hand over the middle of the face in at least {@code min-hand-frames} frames, a real face is hidden
 * behind the fingers in at least one of them (lost, its score or identity dropped, or the mesh's
 * confidence down), while a swap paints the whole face over the fingers: a face that stays whole,
 * sharp and the same person under the hand in every such frame fails with {@code face-over-hand}.
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
    CheckResult overHand = faceOverHand(capture, frames);
    if (overHand != null) {
      return overHand;
    }
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

  /**
   * The face-over-hand failure, or null: the hand on the face's centre in enough frames and the
   * face intact in all of them.
   */
  private CheckResult faceOverHand(CaptureMeasurements capture, List<FrameMeasurement> frames) {
    float[] identity = capture.identity();
    double baseScore = capture.baselineDetectionScore();
    List<Integer> onCentre = new ArrayList<>();
    for (FrameMeasurement f : frames) {
      HandReading h = f.hand();
      if (h == null || h.presence() < settings.getHandPresence() || h.faceCentreDistance() > settings.getHandOnCentre()) {
        continue;
      }
      onCentre.add(f.index());
      boolean intact =
          f.hasFace()
              && (Double.isNaN(baseScore) || f.face().detectionScore() >= baseScore - settings.getScoreDrop() / 2)
              && (identity == null || similarity(f, identity) >= capture.matchThreshold())
              && f.mesh() != null
              && f.mesh().confidence() >= settings.getIntactMeshConfidence();
      if (!intact) {
        return null;
      }
    }
    if (onCentre.size() < settings.getMinHandFrames()) {
      return null;
    }
    Details details = new Details().put("handOnFaceFrames", (long) onCentre.size()).put("faceIntactUnderHand", "true");
    return Details.fail(ID, 0, LivenessReason.FACE_OVER_HAND, onCentre, details);
  }

  /**
   * How the face is covered in this frame ({@code hand-seen}, {@code face-lost}, {@code score-drop},
   * {@code identity-drop}), or null when clear.
   */
  private String coverage(FrameMeasurement f, float[] identity, double baseScore) {
    HandReading h = f.hand();
    if (h != null && h.presence() >= settings.getHandPresence() && h.overFace() >= settings.getHandOverFace()) {
      return "hand-seen";
    }
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
