package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * How the face behaves while the hand crosses it. A real face stays itself around the hand: where
 * it is still found, it keeps its sharpness and its landmarks move with the head. A face swap is
 * computed on the visible face and breaks when a hand covers part of it: the pasted face smears,
 * flickers or slips off the head. Over the face frames of the hand-sweep window (plus grace),
 * against the hold-still frames: {@code sharpnessRatio}, the median face sharpness in the sweep
 * over the hold-still median (a smear is low), and {@code jitterRatio}, the median landmark jitter
 * ({@link LandmarkJitterDetector#jitter}) of consecutive sweep frames over that of the hold-still
 * frames (a flicker or slip is high). Report-only unless {@code enforce}: a hand also blurs and
 * confuses the landmark model on a real face, and no recording of a real face swap under a hand
 * has calibrated these ratios yet ({@code docs/liveness.md}).
 */
@Component
@Order(70)
final class HandSweepResponseDetector extends PromptWindowDetector<HandSweepResponseDetector.Settings> {
  static final String ID = "hand-sweep-response";

  HandSweepResponseDetector(HandSweepResponseDetector.Settings settings) {
    super(
        ID,
        "Sharpness and landmark stability of the face while the hand crosses it: a swapped face smears or flickers.",
        settings,
        Prompt.HAND_SWEEP);
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Timeline.Window still = capture.timeline().window(Prompt.HOLD_STILL);
    List<FrameMeasurement> during = capture.facesWhere(capture::inHandSweep);
    List<FrameMeasurement> before =
        capture.facesWhere(f -> still != null && still.contains(f.timestampMs()));
    Details details =
        new Details()
            .put("enforce", String.valueOf(settings.enforce()))
            .put("sweepFaceFrames", (long) during.size())
            .put("holdStillFaceFrames", (long) before.size());
    if (during.size() < settings.minFrames() || before.size() < settings.minFrames()) {
      return Details.pass(ID, 0.5, Details.indices(during), details.put("note", "too few face frames around the sweep"));
    }
    double sharpnessRatio =
        CaptureMeasurements.median(sharpness(during)) / Math.max(1e-9, CaptureMeasurements.median(sharpness(before)));
    double jitterDuring = CaptureMeasurements.median(LandmarkJitterDetector.triples(during, settings.maxGapMs()).values());
    double jitterBefore = CaptureMeasurements.median(LandmarkJitterDetector.triples(before, settings.maxGapMs()).values());
    double jitterRatio = jitterDuring / Math.max(1e-3, jitterBefore);
    details.put("sharpnessRatio", sharpnessRatio).put("jitterDuring", jitterDuring).put("jitterHoldStill", jitterBefore);
    details.put("jitterRatio", jitterRatio);
    List<String> signals = new ArrayList<>();
    if (sharpnessRatio < settings.minSharpnessRatio()) {
      signals.add("smear");
    }
    if (!Double.isNaN(jitterRatio) && jitterRatio > settings.maxJitterRatio()) {
      signals.add("flicker");
    }
    details.put("signals", signals);
    double score =
        Math.min(
            Math.min(1, sharpnessRatio / (2 * settings.minSharpnessRatio())),
            Double.isNaN(jitterRatio) ? 1 : Math.min(1, settings.maxJitterRatio() / (2 * jitterRatio)));
    return !signals.isEmpty() && settings.enforce()
        ? Details.fail(ID, score, LivenessReason.HAND_SWEEP_ARTEFACTS, Details.indices(during), details)
        : Details.pass(ID, score, Details.indices(during), details);
  }

  private static double[] sharpness(List<FrameMeasurement> frames) {
    return frames.stream().mapToDouble(f -> f.face().quality().sharpness()).toArray();
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param enforce whether a smear or flicker fails the capture (hand-sweep-artefacts). Off by
   *     default: the ratios are reported, not yet calibrated (docs/liveness.md).
   * @param minFrames face frames needed in the sweep and in hold-still for the ratios.
   * @param minSharpnessRatio median sweep sharpness over the hold-still median below which the
   *     face smeared.
   * @param maxJitterRatio median sweep landmark jitter over the hold-still median above which the
   *     face flickered.
   * @param maxGapMs consecutive frames further apart than this are not a jitter triple.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("false") boolean enforce,
      @DefaultValue("3") int minFrames,
      @DefaultValue("0.35") double minSharpnessRatio,
      @DefaultValue("4.0") double maxJitterRatio,
      @DefaultValue("300") long maxGapMs)
      implements DetectorSettings {
    Settings {
      DetectorSettings.atLeast("min-frames", minFrames, 1);
      DetectorSettings.atLeast("min-sharpness-ratio", minSharpnessRatio, 0);
      DetectorSettings.atLeast("max-jitter-ratio", maxJitterRatio, 0);
      DetectorSettings.atLeast("max-gap-ms", maxGapMs, 0);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
