package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;

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
final class HandSweepResponseDetector extends PromptWindowDetector<DetectorProperties.HandSweepResponse> {
  static final String ID = "hand-sweep-response";

  HandSweepResponseDetector(DetectorProperties.HandSweepResponse settings) {
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
            .put("enforce", String.valueOf(settings.isEnforce()))
            .put("sweepFaceFrames", (long) during.size())
            .put("holdStillFaceFrames", (long) before.size());
    if (during.size() < settings.getMinFrames() || before.size() < settings.getMinFrames()) {
      return Details.pass(ID, 0.5, Details.indices(during), details.put("note", "too few face frames around the sweep"));
    }
    double sharpnessRatio =
        CaptureMeasurements.median(sharpness(during)) / Math.max(1e-9, CaptureMeasurements.median(sharpness(before)));
    double jitterDuring = CaptureMeasurements.median(LandmarkJitterDetector.triples(during, settings.getMaxGapMs()).values());
    double jitterBefore = CaptureMeasurements.median(LandmarkJitterDetector.triples(before, settings.getMaxGapMs()).values());
    double jitterRatio = jitterDuring / Math.max(1e-3, jitterBefore);
    details.put("sharpnessRatio", sharpnessRatio).put("jitterDuring", jitterDuring).put("jitterHoldStill", jitterBefore);
    details.put("jitterRatio", jitterRatio);
    List<String> signals = new ArrayList<>();
    if (sharpnessRatio < settings.getMinSharpnessRatio()) {
      signals.add("smear");
    }
    if (!Double.isNaN(jitterRatio) && jitterRatio > settings.getMaxJitterRatio()) {
      signals.add("flicker");
    }
    details.put("signals", signals);
    double score =
        Math.min(
            Math.min(1, sharpnessRatio / (2 * settings.getMinSharpnessRatio())),
            Double.isNaN(jitterRatio) ? 1 : Math.min(1, settings.getMaxJitterRatio() / (2 * jitterRatio)));
    return !signals.isEmpty() && settings.isEnforce()
        ? Details.fail(ID, score, LivenessReason.HAND_SWEEP_ARTEFACTS, Details.indices(during), details)
        : Details.pass(ID, score, Details.indices(during), details);
  }

  private static double[] sharpness(List<FrameMeasurement> frames) {
    return frames.stream().mapToDouble(f -> f.face().quality().sharpness()).toArray();
  }
}
