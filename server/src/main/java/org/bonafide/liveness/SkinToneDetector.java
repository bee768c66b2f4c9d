package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A swapped face brings its own skin tone: the colour transfer of a face swap matches the mean
 * colour, rarely the tone, of the head it is pasted on. Per frame, the red-green chromaticity
 * distance from the face's centre (nose and cheeks) to the neck below the chin, and to the
 * forehead above the brows (outside the 68-point hull a landmark swap replaces). Frames with a
 * colour on screen are left out (the screen lights the face more than the shaded neck), and so is
 * the hand sweep. The median distance to the neck above {@code max-neck-distance}, or to the
 * forehead above {@code max-forehead-distance}: {@code skin-tone-mismatch}. A collar, a scarf or
 * a fringe over the forehead moves these numbers too: the defaults are loose.
 */
@Component
@Order(190)
final class SkinToneDetector extends ConfiguredDetector<SkinToneDetector.Settings> {
  static final String ID = "skin-tone";

  SkinToneDetector(SkinToneDetector.Settings settings) {
    super(ID, "Skin tone of the face against the neck and the forehead: a swapped face differs.", settings);
  }

  @Override
  public boolean passive() {
    return true;
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    List<FrameMeasurement> faces =
        capture.facesWhere(f -> f.screen() == null && !capture.inHandSweep(f) && f.colours() != null);
    List<Double> neck = new ArrayList<>();
    List<Double> forehead = new ArrayList<>();
    for (FrameMeasurement f : faces) {
      double n = RegionColours.chromaDistance(f.colours().centre(), f.colours().neck());
      if (!Double.isNaN(n)) {
        neck.add(n);
      }
      double h = RegionColours.chromaDistance(f.colours().centre(), f.colours().forehead());
      if (!Double.isNaN(h)) {
        forehead.add(h);
      }
    }
    Details details =
        new Details()
            .put("maxNeckDistance", settings.maxNeckDistance())
            .put("maxForeheadDistance", settings.maxForeheadDistance())
            .put("neckFrames", (long) neck.size())
            .put("foreheadFrames", (long) forehead.size());
    double neckDistance =
        neck.size() >= settings.minFrames() ? CaptureMeasurements.median(toArray(neck)) : Double.NaN;
    double foreheadDistance =
        forehead.size() >= settings.minFrames() ? CaptureMeasurements.median(toArray(forehead)) : Double.NaN;
    details.put("neckDistance", neckDistance).put("foreheadDistance", foreheadDistance);
    if (Double.isNaN(neckDistance) && Double.isNaN(foreheadDistance)) {
      return Details.pass(ID, 0.5, Details.indices(faces), details.put("note", "too few frames with neck or forehead"));
    }
    double worst =
        Math.max(
            Double.isNaN(neckDistance) ? 0 : neckDistance / settings.maxNeckDistance(),
            Double.isNaN(foreheadDistance) ? 0 : foreheadDistance / settings.maxForeheadDistance());
    double score = 1 - worst / 2;
    return worst > 1
        ? Details.fail(ID, score, LivenessReason.SKIN_TONE_MISMATCH, Details.indices(faces), details)
        : Details.pass(ID, score, Details.indices(faces), details);
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs (retired: off unless switched on)
   * @param maxNeckDistance median red-green chromaticity distance, face centre to neck, above
   *     which: skin-tone-mismatch.
   * @param maxForeheadDistance median chromaticity distance, face centre to forehead, above which:
   *     skin-tone-mismatch.
   * @param minFrames face frames (no colour on screen) needed to judge.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("0.08") double maxNeckDistance,
      @DefaultValue("0.06") double maxForeheadDistance,
      @DefaultValue("5") int minFrames)
      implements DetectorSettings {
    Settings {
      DetectorSettings.atLeast("max-neck-distance", maxNeckDistance, 0);
      DetectorSettings.atLeast("max-forehead-distance", maxForeheadDistance, 0);
      DetectorSettings.atLeast("min-frames", minFrames, 1);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
