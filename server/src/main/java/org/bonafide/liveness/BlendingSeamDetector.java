package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A face pasted onto another head leaves a seam where the two meet: a colour step (the colour
 * transfer is never exact) and a sharpness step (the generated face is blurrier or sharper than
 * the frame around it). Along the lower jaw outline, where the face meets the neck and the
 * background, {@link RegionColours.Seam} compares a thin band just inside with one just outside.
 * Per frame: the red-green chromaticity step between the bands, and |ln| of their Laplacian
 * variance ratio; the medians over the face frames (hand sweep left out) above {@code
 * max-chroma-step} or {@code max-sharpness-log-ratio}: {@code blending-seam}. A real jaw against
 * a differently coloured background also shows a step: the defaults are set above what the
 * simulated bona fide sessions show, so this check is weak on its own.
 */
@Component
@Order(170)
final class BlendingSeamDetector extends ConfiguredDetector<BlendingSeamDetector.Settings> {
  static final String ID = "blending-seam";

  BlendingSeamDetector(BlendingSeamDetector.Settings settings) {
    super(ID, "Colour and sharpness steps along the jaw outline: a pasted face shows a seam.", settings);
  }

  @Override
  public boolean passive() {
    return true;
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    List<FrameMeasurement> faces =
        capture.facesWhere(f -> !capture.inHandSweep(f) && f.colours() != null && f.colours().seam() != null);
    List<Double> chroma = new ArrayList<>();
    List<Double> sharp = new ArrayList<>();
    for (FrameMeasurement f : faces) {
      RegionColours.Seam seam = f.colours().seam();
      double step = chromaStep(seam);
      if (!Double.isNaN(step)) {
        chroma.add(step);
      }
      double ratio = sharpnessLogRatio(seam);
      if (!Double.isNaN(ratio)) {
        sharp.add(ratio);
      }
    }
    Details details =
        new Details()
            .put("maxChromaStep", settings.maxChromaStep())
            .put("maxSharpnessLogRatio", settings.maxSharpnessLogRatio())
            .put("framesUsed", (long) faces.size());
    if (chroma.size() < settings.minFrames()) {
      return Details.pass(ID, 0.5, Details.indices(faces), details.put("note", "too few face frames with a jaw outline"));
    }
    double chromaStep = CaptureMeasurements.median(chroma.stream().mapToDouble(Double::doubleValue).toArray());
    double sharpness = CaptureMeasurements.median(sharp.stream().mapToDouble(Double::doubleValue).toArray());
    details.put("chromaStep", chromaStep).put("sharpnessLogRatio", sharpness).put("enforce", String.valueOf(settings.enforce()));
    double worst =
        Math.max(
            chromaStep / settings.maxChromaStep(),
            Double.isNaN(sharpness) ? 0 : sharpness / settings.maxSharpnessLogRatio());
    double score = 1 - worst / 2;
    return worst > 1 && settings.enforce()
        ? Details.fail(ID, score, LivenessReason.BLENDING_SEAM, Details.indices(faces), details)
        : Details.pass(ID, score, Details.indices(faces), details);
  }

  /** Red-green chromaticity distance between the inner and the outer band. */
  static double chromaStep(RegionColours.Seam seam) {
    return RegionColours.chromaDistance(seam.inner(), seam.outer());
  }

  /** |ln(inner / outer Laplacian variance)|; NaN when a band is flat (a variance below 1). */
  static double sharpnessLogRatio(RegionColours.Seam seam) {
    if (seam.innerSharpness() < 1 || seam.outerSharpness() < 1) {
      return Double.NaN;
    }
    return Math.abs(Math.log(seam.innerSharpness() / seam.outerSharpness()));
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param enforce whether a seam fails the capture; by default it is reported only: it fired on a
   *     real clip of footage this project had never seen, and no passive signal may reject real
   *     footage alone.
   * @param maxChromaStep median red-green chromaticity step across the lower jaw outline above
   *     which: blending-seam.
   * @param maxSharpnessLogRatio median |ln(inner / outer Laplacian variance)| across the lower jaw
   *     outline above which: blending-seam (a pasted face sharper or blurrier than its
   *     surroundings).
   * @param minFrames face frames with both bands sampled needed to judge.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("false") boolean enforce,
      @DefaultValue("0.06") double maxChromaStep,
      @DefaultValue("2.5") double maxSharpnessLogRatio,
      @DefaultValue("5") int minFrames)
      implements DetectorSettings {
    Settings {
      DetectorSettings.atLeast("max-chroma-step", maxChromaStep, 0);
      DetectorSettings.atLeast("max-sharpness-log-ratio", maxSharpnessLogRatio, 0);
      DetectorSettings.atLeast("min-frames", minFrames, 1);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
