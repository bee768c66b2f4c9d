package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;

/**
 * A blink in the blink window (plus a grace): eyes open, then both closed (their mean open
 * probability below {@code closed-below}), then open again (above {@code open-above}). The open
 * frame before may be the last one before the window.
 */
final class BlinkDetector extends PromptWindowDetector<DetectorProperties.Blink> {
  static final String ID = "blink";

  BlinkDetector(DetectorProperties.Blink settings) {
    super(
        ID,
        "Eyes open, both closed, then open again during the blink prompt.",
        settings,
        Prompt.BLINK);
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Timeline.Window window = window(capture);
    long end = window.endMs() + settings.getGraceMs();
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
      if (e > settings.getOpenAbove()) {
        if (closed >= 0) {
          List<Integer> used = List.of(frames.get(open).index(), frames.get(closed).index(), frames.get(i).index());
          Details details =
              new Details().put("lowestOpenProbability", lowest).put("closedFrames", closedRun(frames, open, i));
          return Details.pass(ID, 1 - frames.get(closed).eyesOpen(), used, details);
        }
        open = i;
      } else if (e < settings.getClosedBelow() && open >= 0 && closed < 0) {
        closed = i;
      } else if (e < settings.getClosedBelow() && closed >= 0 && e < frames.get(closed).eyesOpen()) {
        closed = i;
      }
    }
    Details details =
        new Details()
            .put("lowestOpenProbability", lowest)
            .put("framesInWindow", frames.size())
            .put("closedBelow", settings.getClosedBelow());
    double score = Double.isNaN(lowest) ? 0 : Math.max(0, 1 - lowest) * 0.5;
    return Details.fail(ID, score, LivenessReason.BLINK_NOT_SEEN, Details.indices(frames), details);
  }

  private int closedRun(List<FrameMeasurement> frames, int from, int to) {
    int n = 0;
    for (int i = from; i <= to; i++) {
      if (frames.get(i).eyesOpen() < settings.getClosedBelow()) {
        n++;
      }
    }
    return n;
  }
}
