package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A blink in the blink window (plus a grace): eyes open, then both closed (their mean open
 * probability below {@code closed-below}), then open again (above {@code open-above}). The open
 * frame before may be the last one before the window.
 *
 * <p>A blink lasts 100-300 ms, so at 12 frames a second the camera often catches it half closed
 * or not at all, and the eye model, which answers open or closed, misses it. So the face mesh's
 * eyelids count too: the lids' opening over the eye's width (its aspect ratio) falling by {@code
 * mesh-closure} of the applicant's own open ratio (the hold-still median) in one frame or a few
 * within {@code mesh-max-closed-ms}, with open lids before and after.
 */
@Component
@Order(40)
final class BlinkDetector extends PromptWindowDetector<BlinkDetector.Settings> {
  static final String ID = "blink";

  BlinkDetector(BlinkDetector.Settings settings) {
    super(
        ID,
        "Eyes open, both closed, then open again during the blink prompt.",
        settings,
        Prompt.BLINK);
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Timeline.Window window = window(capture);
    long end = window.endMs() + settings.graceMs();
    List<FrameMeasurement> before = capture.facesWhere(f -> f.timestampMs() < window.startMs());
    List<FrameMeasurement> frames = new ArrayList<>();
    if (!before.isEmpty()) {
      frames.add(before.get(before.size() - 1));
    }
    frames.addAll(capture.facesWhere(f -> f.timestampMs() >= window.startMs() && f.timestampMs() < end));
    double lowest = Double.NaN;
    int open = -1;
    int closed = -1;
    for (int i = 0; i < frames.size(); i++) {
      double e = frames.get(i).eyesOpen();
      lowest = Double.isNaN(lowest) ? e : Math.min(lowest, e);
      if (e > settings.openAbove()) {
        if (closed >= 0) {
          List<Integer> used = List.of(frames.get(open).index(), frames.get(closed).index(), frames.get(i).index());
          Details details =
              new Details().put("lowestOpenProbability", lowest).put("closedFrames", closedRun(frames, open, i));
          return Details.pass(ID, 1 - frames.get(closed).eyesOpen(), used, details);
        }
        open = i;
      } else if (e < settings.closedBelow() && open >= 0 && closed < 0) {
        closed = i;
      } else if (e < settings.closedBelow() && closed >= 0 && e < frames.get(closed).eyesOpen()) {
        closed = i;
      }
    }
    CheckResult byMesh = meshBlink(capture, frames, lowest);
    if (byMesh != null) {
      return byMesh;
    }
    Details details =
        new Details()
            .put("lowestOpenProbability", lowest)
            .put("framesInWindow", frames.size())
            .put("closedBelow", settings.closedBelow());
    double score = Double.isNaN(lowest) ? 0 : Math.max(0, 1 - lowest) * 0.5;
    return Details.fail(ID, score, LivenessReason.BLINK_NOT_SEEN, Details.indices(frames), details);
  }

  /** The blink as the mesh's eyelids show it, or null when they show none. */
  private CheckResult meshBlink(CaptureMeasurements capture, List<FrameMeasurement> frames, double lowestProbability) {
    double open = openAspect(capture);
    if (Double.isNaN(open) || open <= 0) {
      return null;
    }
    double closedBelow = open * (1 - settings.meshClosure());
    double openAbove = open * (1 - settings.meshClosure() / 3);
    int lastOpen = -1;
    int firstClosed = -1;
    int deepest = -1;
    for (int i = 0; i < frames.size(); i++) {
      FrameMeasurement f = frames.get(i);
      if (f.mesh() == null || f.mesh().tracked()) {
        continue;
      }
      double ratio = f.mesh().eyeOpenness();
      if (ratio >= openAbove) {
        if (firstClosed >= 0
            && lastOpen >= 0
            && f.timestampMs() - frames.get(firstClosed).timestampMs() <= settings.meshMaxClosedMs()) {
          List<Integer> used = List.of(frames.get(lastOpen).index(), frames.get(deepest).index(), f.index());
          Details details =
              new Details()
                  .put("seenBy", "mesh-eyelids")
                  .put("openAspect", Details.round(open))
                  .put("lowestAspect", Details.round(frames.get(deepest).mesh().eyeOpenness()))
                  .put("lowestOpenProbability", lowestProbability);
          return Details.pass(ID, 1 - frames.get(deepest).mesh().eyeOpenness() / open, used, details);
        }
        lastOpen = i;
        firstClosed = -1;
        deepest = -1;
      } else if (ratio <= closedBelow && lastOpen >= 0) {
        if (firstClosed < 0) {
          firstClosed = i;
        }
        if (deepest < 0 || ratio < frames.get(deepest).mesh().eyeOpenness()) {
          deepest = i;
        }
      }
    }
    return null;
  }

  /** The applicant's open-eye aspect ratio: the median over the hold-still frames' meshes. */
  private static double openAspect(CaptureMeasurements capture) {
    Timeline.Window hold = capture.timeline().window(Prompt.HOLD_STILL);
    double[] ratios =
        capture.frames().stream()
            .filter(f -> f.mesh() != null && !f.mesh().tracked() && (hold == null || hold.contains(f.timestampMs())))
            .mapToDouble(f -> f.mesh().eyeOpenness())
            .sorted()
            .toArray();
    return ratios.length == 0 ? Double.NaN : ratios[ratios.length / 2];
  }

  private int closedRun(List<FrameMeasurement> frames, int from, int to) {
    int n = 0;
    for (int i = from; i <= to; i++) {
      if (frames.get(i).eyesOpen() < settings.closedBelow()) {
        n++;
      }
    }
    return n;
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param closedBelow mean open probability of both eyes below which they count as closed.
   * @param openAbove mean open probability of both eyes above which they count as open.
   * @param graceMs the blink may run this long past its window.
   * @param meshClosure share of the applicant's open eyelid aspect ratio (face mesh) the lids must
   *     lose for a frame to count as (partly) closed; they count as open again within a third of
   *     it.
   * @param meshMaxClosedMs longest the mesh may see the lids closed for a blink (longer is eyes
   *     shut, not a blink).
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("0.35") double closedBelow,
      @DefaultValue("0.6") double openAbove,
      @DefaultValue("600") long graceMs,
      @DefaultValue("0.35") double meshClosure,
      @DefaultValue("700") long meshMaxClosedMs)
      implements DetectorSettings {
    Settings {
      DetectorSettings.between("closed-below", closedBelow, 0, 1);
      DetectorSettings.between("open-above", openAbove, 0, 1);
      DetectorSettings.atLeast("grace-ms", graceMs, 0);
      DetectorSettings.between("mesh-closure", meshClosure, 0, 1);
      DetectorSettings.atLeast("mesh-max-closed-ms", meshMaxClosedMs, 0);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
