package org.bonafide.liveness;

import java.util.List;
import org.bonafide.biometrics.QualityIssue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Sample quality by the face engine's thresholds: a capture where too many faces are too dark, too
 * bright, blurred or too small asks for a retry.
 */
@Component
@Order(20)
final class QualityDetector extends ConfiguredDetector<QualityDetector.Settings> {
  static final String ID = "quality";
  /** Checked in this order: the first one over the limit is the reason. */
  private static final List<QualityIssue> ISSUES =
      List.of(QualityIssue.TOO_DARK, QualityIssue.TOO_BRIGHT, QualityIssue.FACE_TOO_SMALL, QualityIssue.BLURRED);


  QualityDetector(QualityDetector.Settings settings) {
    super(
        ID,
        "Faces bright enough, not over-exposed, sharp and large enough in most frames.",
        settings);
  }

  @Override
  public boolean passive() {
    return true;
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    List<FrameMeasurement> faces = capture.facesWhere(f -> !capture.inHandSweep(f));
    Details details = new Details().put("faceFrames", faces.size());
    if (faces.isEmpty()) {
      // nothing to judge: face presence reports the missing face
      return Details.pass(ID, 0, List.of(), details);
    }
    double worst = 0;
    QualityIssue failing = null;
    List<FrameMeasurement> failingFrames = List.of();
    for (QualityIssue issue : ISSUES) {
      List<FrameMeasurement> poor = faces.stream().filter(f -> f.face().quality().issues().contains(issue)).toList();
      double share = (double) poor.size() / faces.size();
      details.put(issue.code() + "Share", share);
      worst = Math.max(worst, share);
      if (failing == null && share > settings.maxPoorFraction()) {
        failing = issue;
        failingFrames = poor;
      }
    }
    details
        .put("medianBrightness", CaptureMeasurements.median(faces.stream().mapToDouble(f -> f.face().quality().brightness()).toArray()))
        .put("medianSharpness", CaptureMeasurements.median(faces.stream().mapToDouble(f -> f.face().quality().sharpness()).toArray()))
        .put("medianFaceSizePx", CaptureMeasurements.median(faces.stream().mapToDouble(f -> f.face().quality().faceSizePx()).toArray()));
    if (failing != null) {
      LivenessReason reason =
          switch (failing) {
            case TOO_DARK -> LivenessReason.TOO_DARK;
            case TOO_BRIGHT -> LivenessReason.TOO_BRIGHT;
            case FACE_TOO_SMALL -> LivenessReason.FACE_TOO_SMALL;
            default -> LivenessReason.BLURRED;
          };
      return Details.fail(ID, 1 - worst, reason, Details.indices(failingFrames), details);
    }
    return Details.pass(ID, 1 - worst, Details.indices(faces), details);
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param maxPoorFraction share of face frames (outside the hand sweep) with one quality issue
   *     (too dark, too bright, blurred, too small, by the face engine's thresholds) above which
   *     that issue is the reason.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("0.3") double maxPoorFraction)
      implements DetectorSettings {
    Settings {
      DetectorSettings.between("max-poor-fraction", maxPoorFraction, 0, 1);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
