package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;

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
final class BlendingSeamDetector extends ConfiguredDetector<DetectorProperties.BlendingSeam> {
  static final String ID = "blending-seam";

  BlendingSeamDetector(DetectorProperties.BlendingSeam settings) {
    super(ID, "Colour and sharpness steps along the jaw outline: a pasted face shows a seam.", settings);
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
            .put("maxChromaStep", settings.getMaxChromaStep())
            .put("maxSharpnessLogRatio", settings.getMaxSharpnessLogRatio())
            .put("framesUsed", (long) faces.size());
    if (chroma.size() < settings.getMinFrames()) {
      return Details.pass(ID, 0.5, Details.indices(faces), details.put("note", "too few face frames with a jaw outline"));
    }
    double chromaStep = CaptureMeasurements.median(chroma.stream().mapToDouble(Double::doubleValue).toArray());
    double sharpness = CaptureMeasurements.median(sharp.stream().mapToDouble(Double::doubleValue).toArray());
    details.put("chromaStep", chromaStep).put("sharpnessLogRatio", sharpness).put("enforce", String.valueOf(settings.isEnforce()));
    double worst =
        Math.max(
            chromaStep / settings.getMaxChromaStep(),
            Double.isNaN(sharpness) ? 0 : sharpness / settings.getMaxSharpnessLogRatio());
    double score = 1 - worst / 2;
    return worst > 1 && settings.isEnforce()
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
}
