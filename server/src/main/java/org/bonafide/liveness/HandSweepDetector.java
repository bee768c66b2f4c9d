package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

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
@Component
@Order(50)
final class HandSweepDetector extends PromptWindowDetector<HandSweepDetector.Settings> {
  static final String ID = "hand-sweep";

  HandSweepDetector(HandSweepDetector.Settings settings) {
    super(
        ID,
        "The face covered by a hand, then clear again, during the hand-sweep prompt.",
        settings,
        Prompt.HAND_SWEEP);
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Timeline.Window window = window(capture);
    List<FrameMeasurement> frames = capture.between(window.startMs(), window.endMs() + settings.graceMs());
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
      if (h == null || h.presence() < settings.handPresence() || h.faceCentreDistance() > settings.handOnCentre()) {
        continue;
      }
      onCentre.add(f.index());
      boolean intact =
          f.hasFace()
              && (Double.isNaN(baseScore) || f.face().detectionScore() >= baseScore - settings.scoreDrop() / 2)
              && (identity == null || similarity(f, identity) >= capture.matchThreshold())
              && f.mesh() != null
              && f.mesh().confidence() >= settings.intactMeshConfidence();
      if (!intact) {
        return null;
      }
    }
    if (onCentre.size() < settings.minHandFrames()) {
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
    if (h != null && h.presence() >= settings.handPresence() && h.overFace() >= settings.handOverFace()) {
      return "hand-seen";
    }
    if (!f.hasFace()) {
      return f.unreadable() ? null : "face-lost";
    }
    if (!Double.isNaN(baseScore) && f.face().detectionScore() < baseScore - settings.scoreDrop()) {
      return "score-drop";
    }
    if (identity != null && similarity(f, identity) < settings.occludedSimilarity()) {
      return "identity-drop";
    }
    return null;
  }

  private static double similarity(FrameMeasurement f, float[] identity) {
    return org.bonafide.biometrics.FaceEngine.similarity(f.face().embedding(), identity);
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param scoreDrop detection score this far below the hold-still median counts as covered.
   * @param occludedSimilarity similarity to the capture's identity below this counts as covered (a
   *     hand hides features).
   * @param graceMs the sweep may run this long past its window.
   * @param handPresence the hand model's probability from which a hand counts as seen.
   * @param handOverFace share of the hand's 21 points inside the face's square for the hand to
   *     count as over the face.
   * @param handOnCentre distance of the hand's centre from the face's centre, over the face's
   *     side, within which the hand hides the middle of the face (eyes, nose, mouth).
   * @param minHandFrames frames with the hand on the face's centre needed before {@code
   *     face-over-hand} is judged.
   * @param intactMeshConfidence the mesh's face flag at or above which a face under a hand counts
   *     as intact (a real face behind fingers loses the mesh's confidence where the hand is).
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("0.1") double scoreDrop,
      @DefaultValue("0.4") double occludedSimilarity,
      @DefaultValue("600") long graceMs,
      @DefaultValue("0.5") double handPresence,
      @DefaultValue("0.3") double handOverFace,
      @DefaultValue("0.35") double handOnCentre,
      @DefaultValue("2") int minHandFrames,
      @DefaultValue("0.9") double intactMeshConfidence)
      implements DetectorSettings {
    Settings {
      DetectorSettings.between("score-drop", scoreDrop, 0, 1);
      DetectorSettings.between("occluded-similarity", occludedSimilarity, 0, 1);
      DetectorSettings.atLeast("grace-ms", graceMs, 0);
      DetectorSettings.between("hand-presence", handPresence, 0, 1);
      DetectorSettings.between("hand-over-face", handOverFace, 0, 1);
      DetectorSettings.atLeast("hand-on-centre", handOnCentre, 0);
      DetectorSettings.atLeast("min-hand-frames", minHandFrames, 1);
      DetectorSettings.between("intact-mesh-confidence", intactMeshConfidence, 0, 1);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
