package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Each requested head movement, in its prompt's window (plus a grace for reaction time): the yaw or
 * pitch goes past {@code min-angle} from the hold-still pose in the requested direction, and comes
 * back below {@code return-fraction} of it afterwards.
 *
 * <p>When the movement is not seen, the window tells why: the requested movement made in another
 * movement's window is {@code movement-wrong-order}; another movement made instead is {@code
 * movement-wrong-direction}; nothing is {@code movement-not-seen}. A movement whose excursion, from
 * leaving neutral to being back, is shorter than {@code min-duration-ms} is {@code
 * movement-too-fast} (the camera caught a frame or so of it).
 */
@Component
@Order(30)
final class MovementDetector extends ConfiguredDetector<MovementDetector.Settings> {
  static final String ID = "movement";
  private static final List<Prompt> DIRECTIONS =
      List.of(Prompt.TURN_LEFT, Prompt.TURN_RIGHT, Prompt.LOOK_UP, Prompt.LOOK_DOWN);


  MovementDetector(MovementDetector.Settings settings) {
    super(
        ID,
        "Each requested head movement, past the angle and back, in order and in its window.",
        settings);
  }

  @Override
  public boolean answersChallenge() {
    return true;
  }

  @Override
  public boolean appliesTo(CaptureMeasurements capture) {
    return !capture.challenge().movements().isEmpty();
  }

  /** The outcome for one requested movement. */
  record MovementResult(
      Prompt movement, LivenessReason reason, double peakDegrees, List<Integer> frames, Prompt seenInstead) {}

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Details details = new Details().put("minAngle", settings.minAngle());
    double baseYaw = capture.baselineYaw();
    double basePitch = capture.baselinePitch();
    details.put("baselineYaw", baseYaw).put("baselinePitch", basePitch);
    List<Timeline.Window> windows =
        capture.timeline().windows().stream().filter(w -> w.prompt().isMovement()).toList();
    List<MovementResult> results = new ArrayList<>();
    for (Timeline.Window window : windows) {
      results.add(evaluate(capture, window, windows));
    }
    List<Map<String, Object>> perMovement = new ArrayList<>();
    List<Integer> frames = new ArrayList<>();
    LivenessReason worst = null;
    double score = 0;
    for (MovementResult r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("movement", r.movement().code());
      m.put("peakDegrees", Details.round(Double.isNaN(r.peakDegrees()) ? 0 : r.peakDegrees()));
      m.put("frames", r.frames());
      if (r.reason() != null) {
        m.put("reason", r.reason().code());
      }
      if (r.seenInstead() != null) {
        m.put("seenInstead", r.seenInstead().code());
      }
      perMovement.add(m);
      frames.addAll(r.frames());
      if (r.reason() != null && (worst == null || r.reason().ordinal() < worst.ordinal())) {
        worst = r.reason();
      }
      double s = r.reason() == null || r.reason() == LivenessReason.MOVEMENT_TOO_FAST
          ? Math.min(1, r.peakDegrees() / settings.minAngle())
          : 0;
      score += Double.isNaN(s) ? 0 : s / results.size();
    }
    details.put("movements", perMovement);
    if (Double.isNaN(baseYaw)) {
      return Details.fail(ID, 0, LivenessReason.MOVEMENT_NOT_SEEN, frames, details.put("note", "no face"));
    }
    return worst == null ? Details.pass(ID, score, frames, details) : Details.fail(ID, score, worst, frames, details);
  }

  private MovementResult evaluate(CaptureMeasurements capture, Timeline.Window window, List<Timeline.Window> all) {
    Prompt requested = window.prompt();
    double angle = settings.minAngle();
    List<FrameMeasurement> frames = facesIn(capture, window);
    if (frames.size() < 2 || Double.isNaN(capture.baselineYaw())) {
      return new MovementResult(requested, LivenessReason.MOVEMENT_NOT_SEEN, Double.NaN, Details.indices(frames), null);
    }
    double[] ex = excursions(capture, frames, requested);
    int peak = argmax(ex);
    if (ex[peak] >= angle) {
      double back = settings.returnFraction() * angle;
      int leave = -1;
      for (int i = peak; i >= 0; i--) {
        if (ex[i] < back) {
          leave = i;
          break;
        }
      }
      int ret = -1;
      for (int i = peak; i < ex.length; i++) {
        if (ex[i] < back) {
          ret = i;
          break;
        }
      }
      List<Integer> used = new ArrayList<>();
      if (leave >= 0) {
        used.add(frames.get(leave).index());
      }
      used.add(frames.get(peak).index());
      if (ret < 0) {
        return new MovementResult(requested, LivenessReason.MOVEMENT_INCOMPLETE, ex[peak], used, null);
      }
      used.add(frames.get(ret).index());
      // the time spent away from neutral; a movement before the window counts from the window start
      long from = leave >= 0 ? frames.get(leave).timestampMs() : window.startMs();
      long duration = frames.get(ret).timestampMs() - from;
      if (duration < settings.minDurationMs()) {
        return new MovementResult(requested, LivenessReason.MOVEMENT_TOO_FAST, ex[peak], used, null);
      }
      return new MovementResult(requested, null, ex[peak], used, null);
    }
    // not seen: did it happen at another movement's time, or did another movement happen here?
    for (Timeline.Window other : all) {
      if (other != window) {
        List<FrameMeasurement> there = facesIn(capture, other);
        double[] exThere = excursions(capture, there, requested);
        if (exThere.length > 0 && exThere[argmax(exThere)] >= angle) {
          return new MovementResult(
              requested,
              LivenessReason.MOVEMENT_WRONG_ORDER,
              ex[peak],
              List.of(there.get(argmax(exThere)).index()),
              null);
        }
      }
    }
    Prompt instead = null;
    double insteadPeak = angle;
    int insteadFrame = -1;
    for (Prompt direction : DIRECTIONS) {
      if (direction != requested) {
        double[] exOther = excursions(capture, frames, direction);
        int p = argmax(exOther);
        if (exOther[p] >= insteadPeak) {
          instead = direction;
          insteadPeak = exOther[p];
          insteadFrame = frames.get(p).index();
        }
      }
    }
    if (instead != null) {
      return new MovementResult(
          requested, LivenessReason.MOVEMENT_WRONG_DIRECTION, ex[peak], List.of(insteadFrame), instead);
    }
    return new MovementResult(
        requested, LivenessReason.MOVEMENT_NOT_SEEN, ex[peak], List.of(frames.get(peak).index()), null);
  }

  private List<FrameMeasurement> facesIn(CaptureMeasurements capture, Timeline.Window window) {
    long end = window.endMs() + settings.graceMs();
    return capture.facesWhere(f -> f.timestampMs() >= window.startMs() && f.timestampMs() < end);
  }

  private static double[] excursions(CaptureMeasurements capture, List<FrameMeasurement> frames, Prompt direction) {
    double[] ex = new double[frames.size()];
    for (int i = 0; i < ex.length; i++) {
      FrameMeasurement f = frames.get(i);
      ex[i] =
          PoseConvention.excursion(
              direction, f.yaw(), f.pitch(), capture.baselineYaw(), capture.baselinePitch());
    }
    return ex;
  }

  private static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param minAngle yaw or pitch change from the hold-still pose, in degrees, that counts as the
   *     movement.
   * @param returnFraction back toward neutral means below this fraction of min-angle after the
   *     peak.
   * @param minDurationMs from leaving neutral to being back, a movement shorter than this is
   *     movement-too-fast.
   * @param graceMs the response may run this long past its prompt's window (reaction time).
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("15") double minAngle,
      @DefaultValue("0.5") double returnFraction,
      @DefaultValue("300") long minDurationMs,
      @DefaultValue("600") long graceMs)
      implements DetectorSettings {
    Settings {
      DetectorSettings.between("min-angle", minAngle, 0, 90);
      DetectorSettings.between("return-fraction", returnFraction, 0, 1);
      DetectorSettings.atLeast("min-duration-ms", minDurationMs, 0);
      DetectorSettings.atLeast("grace-ms", graceMs, 0);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
