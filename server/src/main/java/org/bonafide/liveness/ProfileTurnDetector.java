package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bonafide.biometrics.FaceEngine;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The profile turn: the head turns far enough to show the face side-on ({@code min-angle} of yaw
 * from the hold-still pose, 60° by default, measured by the face mesh, which keeps the face where
 * the detector and the pose model give up), and comes back. Real-time face swappers render a face
 * inside a frontal range: beyond it the swap smears, or the target's own side of the head shows
 * beyond the swap's mask. So through the turn the face must stay the face seen from the front
 * (frames up to {@code identity-max-yaw} compared with the capture's identity), and the mesh must
 * still fit at the peak.
 */
@Component
@Order(60)
final class ProfileTurnDetector extends ConfiguredDetector<ProfileTurnDetector.Settings> {
  static final String ID = "profile-turn";

  ProfileTurnDetector(ProfileTurnDetector.Settings settings) {
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
    Details details = new Details().put("minAngle", settings.minAngle()).put("baselineMeshYaw", baseline);
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
    List<FrameMeasurement> frames = capture.between(window.startMs(), window.endMs() + settings.graceMs());
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
      if (f.hasFace() && identity != null && Math.abs(excursion) <= settings.identityMaxYaw()) {
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
    if (lowestFrame >= 0 && lowestSimilarity < settings.identityFloor()) {
      used.add(lowestFrame);
      out.put("score", 0.0);
      out.put("reason", LivenessReason.PROFILE_IDENTITY_CHANGED.code());
      return LivenessReason.PROFILE_IDENTITY_CHANGED;
    }
    if (peakFrame == null || peak < settings.minAngle()) {
      out.put("score", peakFrame == null ? 0.0 : Math.max(0, Math.min(1, peak / settings.minAngle())));
      out.put("reason", LivenessReason.PROFILE_TURN_NOT_SEEN.code());
      if (peakFrame != null) {
        used.add(peakFrame.index());
      }
      return LivenessReason.PROFILE_TURN_NOT_SEEN;
    }
    used.add(peakFrame.index());
    out.put("peakMeshConfidence", Details.round(peakFrame.mesh().confidence()));
    out.put("peakTracked", peakFrame.mesh().tracked());
    if (peakFrame.hasFace() && peakFrame.mesh().confidence() < settings.minMeshConfidence()) {
      // the detector still finds a face but the mesh cannot fit it: a smeared or half-rendered face
      out.put("score", 0.0);
      out.put("reason", LivenessReason.PROFILE_IDENTITY_CHANGED.code());
      return LivenessReason.PROFILE_IDENTITY_CHANGED;
    }
    boolean back = false;
    for (FrameMeasurement f : frames) {
      if (f.timestampMs() > peakFrame.timestampMs() && f.mesh() != null
          && Math.abs(f.mesh().pose().yaw() - baseline) <= settings.returnAngle()) {
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

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param minAngle yaw from the hold-still pose, by the face mesh, the turn must reach (degrees).
   * @param returnAngle after the peak the yaw must come back within this many degrees of the
   *     hold-still pose.
   * @param minMeshConfidence the mesh's face flag at the peak of the turn must reach this.
   * @param identityMaxYaw frames turned up to this yaw (degrees) must still resemble the frontal
   *     face.
   * @param identityFloor cosine similarity to the capture's frontal identity below which a frame
   *     turned up to {@code identity-max-yaw} counts as another face (well under the match
   *     threshold, which frontal pairs are calibrated for).
   * @param graceMs the turn may run this long past its window.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("60") double minAngle,
      @DefaultValue("25") double returnAngle,
      @DefaultValue("0.5") double minMeshConfidence,
      @DefaultValue("40") double identityMaxYaw,
      @DefaultValue("0.3") double identityFloor,
      @DefaultValue("800") long graceMs)
      implements DetectorSettings {
    Settings {
      DetectorSettings.between("min-angle", minAngle, 0, 90);
      DetectorSettings.between("return-angle", returnAngle, 0, 90);
      DetectorSettings.between("min-mesh-confidence", minMeshConfidence, 0, 1);
      DetectorSettings.between("identity-max-yaw", identityMaxYaw, 0, 90);
      DetectorSettings.between("identity-floor", identityFloor, 0, 1);
      DetectorSettings.atLeast("grace-ms", graceMs, 0);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
