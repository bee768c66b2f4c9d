package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bonafide.biometrics.FaceEngine;

/**
 * The profile turn: the head turns far enough to show the face side-on ({@code min-angle} of yaw
 * from the hold-still pose, 60° by default, measured by the face mesh, which keeps the face where
 * the detector and the pose model give up), and comes back. Real-time face swappers render a face
 * inside a frontal range: beyond it the swap smears, or the target's own side of the head shows
 * beyond the swap's mask. So through the turn the face must stay the face seen from the front
 * (frames up to {@code identity-max-yaw} compared with the capture's identity), and the mesh must
 * still fit at the peak.
 */
final class ProfileTurnDetector extends ConfiguredDetector<DetectorProperties.ProfileTurn> {
  static final String ID = "profile-turn";

  ProfileTurnDetector(DetectorProperties.ProfileTurn settings) {
    super(ID, "A turn to a profile (side-on face) and back, the same face throughout, judged by the face mesh.", settings);
  }

  @Override
  public boolean answersChallenge() {
    return true;
  }

  @Override
  public boolean appliesTo(CaptureMeasurements capture) {
    return capture.timeline().windows().stream().anyMatch(w -> w.prompt().isProfile());
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    double baseline = baselineYaw(capture);
    Details details = new Details().put("minAngle", settings.getMinAngle()).put("baselineMeshYaw", baseline);
    List<Map<String, Object>> turns = new ArrayList<>();
    List<Integer> frames = new ArrayList<>();
    LivenessReason worst = null;
    double score = 1;
    for (Timeline.Window window : capture.timeline().windows()) {
      if (!window.prompt().isProfile()) {
        continue;
      }
      Map<String, Object> turn = new LinkedHashMap<>();
      LivenessReason reason = evaluate(capture, window, baseline, turn, frames);
      turns.add(turn);
      if (reason != null && (worst == null || reason.ordinal() < worst.ordinal())) {
        worst = reason;
      }
      score = Math.min(score, (double) turn.getOrDefault("score", 0.0));
    }
    details.put("turns", turns);
    return worst == null ? Details.pass(ID, score, frames, details) : Details.fail(ID, score, worst, frames, details);
  }

  private LivenessReason evaluate(
      CaptureMeasurements capture, Timeline.Window window, double baseline, Map<String, Object> out, List<Integer> used) {
    Prompt prompt = window.prompt();
    out.put("prompt", prompt.code());
    int sign = PoseConvention.sign(prompt);
    List<FrameMeasurement> frames = capture.between(window.startMs(), window.endMs() + settings.getGraceMs());
    float[] identity = capture.identity();
    double peak = Double.NEGATIVE_INFINITY;
    FrameMeasurement peakFrame = null;
    double lowestSimilarity = Double.NaN;
    double lowestSimilarityYaw = Double.NaN;
    int lowestFrame = -1;
    List<double[]> similarityByYaw = new ArrayList<>();
    for (FrameMeasurement f : frames) {
      if (f.mesh() == null || Double.isNaN(baseline)) {
        continue;
      }
      double excursion = sign * (f.mesh().pose().yaw() - baseline);
      if (excursion > peak) {
        peak = excursion;
        peakFrame = f;
      }
      if (f.hasFace() && identity != null && Math.abs(excursion) <= settings.getIdentityMaxYaw()) {
        double s = FaceEngine.similarity(f.face().embedding(), identity);
        similarityByYaw.add(new double[] {Details.round(excursion), Details.round(s)});
        if (Double.isNaN(lowestSimilarity) || s < lowestSimilarity) {
          lowestSimilarity = s;
          lowestSimilarityYaw = excursion;
          lowestFrame = f.index();
        }
      }
    }
    out.put("peakDegrees", peakFrame == null ? 0 : Details.round(peak));
    out.put("similarityByYaw", similarityByYaw);
    if (!Double.isNaN(lowestSimilarity)) {
      out.put("lowestSimilarity", Details.round(lowestSimilarity));
      out.put("lowestSimilarityYaw", Details.round(lowestSimilarityYaw));
    }
    if (lowestFrame >= 0 && lowestSimilarity < settings.getIdentityFloor()) {
      used.add(lowestFrame);
      out.put("score", 0.0);
      out.put("reason", LivenessReason.PROFILE_IDENTITY_CHANGED.code());
      return LivenessReason.PROFILE_IDENTITY_CHANGED;
    }
    if (peakFrame == null || peak < settings.getMinAngle()) {
      out.put("score", peakFrame == null ? 0.0 : Math.max(0, Math.min(1, peak / settings.getMinAngle())));
      out.put("reason", LivenessReason.PROFILE_TURN_NOT_SEEN.code());
      if (peakFrame != null) {
        used.add(peakFrame.index());
      }
      return LivenessReason.PROFILE_TURN_NOT_SEEN;
    }
    used.add(peakFrame.index());
    out.put("peakMeshConfidence", Details.round(peakFrame.mesh().confidence()));
    out.put("peakTracked", peakFrame.mesh().tracked());
    if (peakFrame.hasFace() && peakFrame.mesh().confidence() < settings.getMinMeshConfidence()) {
      // the detector still finds a face but the mesh cannot fit it: a smeared or half-rendered face
      out.put("score", 0.0);
      out.put("reason", LivenessReason.PROFILE_IDENTITY_CHANGED.code());
      return LivenessReason.PROFILE_IDENTITY_CHANGED;
    }
    boolean back = false;
    for (FrameMeasurement f : frames) {
      if (f.timestampMs() > peakFrame.timestampMs() && f.mesh() != null
          && Math.abs(f.mesh().pose().yaw() - baseline) <= settings.getReturnAngle()) {
        back = true;
        used.add(f.index());
        break;
      }
    }
    if (!back) {
      out.put("score", 0.5);
      out.put("reason", LivenessReason.PROFILE_TURN_NOT_SEEN.code());
      out.put("note", "the face did not come back toward the screen");
      return LivenessReason.PROFILE_TURN_NOT_SEEN;
    }
    out.put("score", 1.0);
    return null;
  }

  /** Median mesh yaw of the hold-still frames: the applicant's neutral pose by the mesh. */
  static double baselineYaw(CaptureMeasurements capture) {
    Timeline.Window hold = capture.timeline().window(Prompt.HOLD_STILL);
    double[] yaws =
        capture.frames().stream()
            .filter(f -> f.mesh() != null && !f.mesh().tracked() && (hold == null || hold.contains(f.timestampMs())))
            .mapToDouble(f -> f.mesh().pose().yaw())
            .sorted()
            .toArray();
    return yaws.length == 0 ? Double.NaN : yaws[yaws.length / 2];
  }
}
