package org.bonafide.liveness;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The face engine's passive presentation-attack model (print, replay on a screen), as the median
 * over the frames it scored ({@code bonafide.detectors.analysis.attack-score-every}).
 */
@Component
@Order(120)
final class PassiveAttackDetector extends ConfiguredDetector<PassiveAttackDetector.Settings> {
  static final String ID = "passive-attack";

  PassiveAttackDetector(PassiveAttackDetector.Settings settings) {
    super(
        ID,
        "Median passive attack score of the face engine's liveness model.",
        settings);
  }

  @Override
  public boolean passive() {
    return true;
  }

  @Override
  public boolean appliesTo(CaptureMeasurements capture) {
    return !scored(capture).isEmpty();
  }

  private static List<FrameMeasurement> scored(CaptureMeasurements capture) {
    return capture.facesWhere(f -> !Double.isNaN(f.face().attackScore()));
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    List<FrameMeasurement> frames = scored(capture);
    double median = CaptureMeasurements.median(frames.stream().mapToDouble(f -> f.face().attackScore()).toArray());
    Details details =
        new Details()
            .put("medianAttackScore", median)
            .put("maxMedianScore", settings.maxMedianScore())
            .put("framesScored", frames.size());
    return median > settings.maxMedianScore()
        ? Details.fail(ID, 1 - median, LivenessReason.PRESENTATION_ATTACK, Details.indices(frames), details)
        : Details.pass(ID, 1 - median, Details.indices(frames), details);
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param maxMedianScore median attack score (over the scored frames) above which:
   *     presentation-attack.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("0.9") double maxMedianScore)
      implements DetectorSettings {
    Settings {
      DetectorSettings.between("max-median-score", maxMedianScore, 0, 1);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
