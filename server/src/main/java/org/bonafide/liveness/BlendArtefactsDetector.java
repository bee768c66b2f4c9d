package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The learned blend detector (a small CNN trained on self-blended images of real faces, {@code
 * docs/models/blend-detector.md}) over the scored face frames: per challenge step the median of
 * the frames' blend probabilities (a robust mean: one odd frame does not decide), then the worst
 * step and the capture's median. A swap that holds in one step and breaks in another (a turn, a
 * hand) shows in its worst step. Report-only unless {@code enforce}: trained on 100 people's
 * studio portraits, it has not been calibrated on this deployment's cameras; a deployment retrains
 * it on its own accepted sessions and then enforces it.
 */
@Component
@Order(180)
final class BlendArtefactsDetector extends ConfiguredDetector<BlendArtefactsDetector.Settings> {
  static final String ID = "blend-artefacts";

  BlendArtefactsDetector(BlendArtefactsDetector.Settings settings) {
    super(ID, "The learned blend detector's probability over the face frames, per challenge step: a swap's boundary.", settings);
  }

  @Override
  public boolean passive() {
    return true;
  }

  @Override
  public boolean appliesTo(CaptureMeasurements capture) {
    return true;
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Details details = new Details().put("enforce", String.valueOf(settings.enforce()));
    List<FrameMeasurement> scored = capture.facesWhere(f -> !Double.isNaN(f.blendScore()) && !capture.inHandSweep(f));
    if (scored.size() < settings.minFrames()) {
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
    boolean blended = overall >= settings.maxMedian() || worst >= settings.maxStepMedian();
    double score = Details.clamp(1 - Math.max(overall / settings.maxMedian(), worst / settings.maxStepMedian()) / 2);
    return blended && settings.enforce()
        ? Details.fail(ID, score, LivenessReason.BLEND_ARTEFACTS, Details.indices(scored), details)
        : Details.pass(ID, score, Details.indices(scored), details.put("blended", String.valueOf(blended)));
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param enforce whether blend artefacts fail the capture (report-only by default;
   *     docs/liveness.md).
   * @param maxMedian median blend probability over the scored face frames from which the face
   *     counts as blended.
   * @param maxStepMedian median blend probability in one challenge step from which the face counts
   *     as blended.
   * @param minFrames scored face frames (outside the hand sweep) needed to judge.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("false") boolean enforce,
      @DefaultValue("0.5") double maxMedian,
      @DefaultValue("0.6") double maxStepMedian,
      @DefaultValue("4") int minFrames)
      implements DetectorSettings {
    Settings {
      DetectorSettings.between("max-median", maxMedian, 0, 1);
      DetectorSettings.between("max-step-median", maxStepMedian, 0, 1);
      DetectorSettings.atLeast("min-frames", minFrames, 1);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
