package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learned blend detector (a small CNN trained on self-blended images of real faces, {@code
 * docs/models/blend-detector.md}) over the scored face frames: per challenge step the median of
 * the frames' blend probabilities (a robust mean: one odd frame does not decide), then the worst
 * step and the capture's median. A swap that holds in one step and breaks in another (a turn, a
 * hand) shows in its worst step. Report-only unless {@code enforce}: trained on 100 people's
 * studio portraits, it has not been calibrated on this deployment's cameras; a deployment retrains
 * it on its own accepted sessions and then enforces it.
 */
final class BlendArtefactsDetector extends ConfiguredDetector<DetectorProperties.BlendArtefacts> {
  static final String ID = "blend-artefacts";

  BlendArtefactsDetector(DetectorProperties.BlendArtefacts settings) {
    super(ID, "The learned blend detector's probability over the face frames, per challenge step: a swap's boundary.", settings);
  }

  @Override
  public boolean appliesTo(CaptureMeasurements capture) {
    return true;
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Details details = new Details().put("enforce", String.valueOf(settings.isEnforce()));
    List<FrameMeasurement> scored = capture.facesWhere(f -> !Double.isNaN(f.blendScore()) && !capture.inHandSweep(f));
    if (scored.size() < settings.getMinFrames()) {
      return Details.pass(ID, 0.5, Details.indices(scored), details.put("scoredFrames", (long) scored.size()).put("note", "too few scored face frames"));
    }
    List<Map<String, Object>> steps = new ArrayList<>();
    double worst = Double.NEGATIVE_INFINITY;
    String worstStep = null;
    for (Timeline.Window w : capture.timeline().windows()) {
      double[] inStep = scored.stream().filter(f -> w.contains(f.timestampMs())).mapToDouble(FrameMeasurement::blendScore).toArray();
      if (inStep.length < 2) {
        continue;
      }
      double median = median(inStep);
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("prompt", w.prompt().code());
      step.put("frames", inStep.length);
      step.put("median", Details.round(median));
      steps.add(step);
      if (median > worst) {
        worst = median;
        worstStep = w.prompt().code();
      }
    }
    double overall = median(scored.stream().mapToDouble(FrameMeasurement::blendScore).toArray());
    if (worstStep == null) {
      worst = overall;
    }
    details.put("scoredFrames", (long) scored.size()).put("median", Details.round(overall)).put("worstStepMedian", Details.round(worst));
    if (worstStep != null) {
      details.put("worstStep", worstStep);
    }
    details.put("steps", steps);
    boolean blended = overall >= settings.getMaxMedian() || worst >= settings.getMaxStepMedian();
    double score = Details.clamp(1 - Math.max(overall / settings.getMaxMedian(), worst / settings.getMaxStepMedian()) / 2);
    return blended && settings.isEnforce()
        ? Details.fail(ID, score, LivenessReason.BLEND_ARTEFACTS, Details.indices(scored), details)
        : Details.pass(ID, score, Details.indices(scored), details.put("blended", String.valueOf(blended)));
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
