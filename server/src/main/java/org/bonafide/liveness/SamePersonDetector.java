package org.bonafide.liveness;

import java.util.List;
import org.bonafide.biometrics.FaceEngine;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One identity throughout: each face frame's embedding against the capture's identity (the median
 * of the hold-still embeddings). Frames in the hand-sweep window are left out: a hand over the face
 * lowers the similarity on purpose.
 */
@Component
@Order(90)
final class SamePersonDetector extends ConfiguredDetector<SamePersonDetector.Settings> {
  static final String ID = "same-person";

  SamePersonDetector(SamePersonDetector.Settings settings) {
    super(
        ID,
        "The same person in every frame (embedding similarity to the capture's identity).",
        settings);
  }

  @Override
  public boolean passive() {
    return true;
  }

  @Override
  public boolean appliesTo(CaptureMeasurements capture) {
    return capture.identity() != null;
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    double threshold =
        settings.minSimilarity() != null ? settings.minSimilarity() : capture.matchThreshold();
    List<FrameMeasurement> faces = capture.facesWhere(f -> !capture.inHandSweep(f));
    double[] similarities =
        faces.stream().mapToDouble(f -> FaceEngine.similarity(f.face().embedding(), capture.identity())).toArray();
    List<FrameMeasurement> outliers =
        faces.stream()
            .filter(f -> FaceEngine.similarity(f.face().embedding(), capture.identity()) < threshold)
            .toList();
    double lowest = similarities.length == 0 ? Double.NaN : java.util.Arrays.stream(similarities).min().getAsDouble();
    double median = CaptureMeasurements.median(similarities);
    Details details =
        new Details()
            .put("threshold", threshold)
            .put("medianSimilarity", median)
            .put("lowestSimilarity", lowest)
            .put("framesBelowThreshold", outliers.size())
            .put("faceFrames", faces.size());
    double share = faces.isEmpty() ? 0 : (double) outliers.size() / faces.size();
    if (share > settings.maxOutlierFraction()) {
      return Details.fail(ID, 1 - share, LivenessReason.DIFFERENT_PERSON, Details.indices(outliers), details);
    }
    return Details.pass(ID, median, Details.indices(faces), details);
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param minSimilarity similarity to the capture's identity below which a frame shows someone
   *     else (default, when unset: the face engine's match threshold).
   * @param maxOutlierFraction share of face frames (outside the hand sweep) allowed below
   *     min-similarity.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      Double minSimilarity,
      @DefaultValue("0.1") double maxOutlierFraction)
      implements DetectorSettings {
    Settings {
      if (minSimilarity != null) {
        DetectorSettings.between("min-similarity", minSimilarity, 0, 1);
      }
      DetectorSettings.between("max-outlier-fraction", maxOutlierFraction, 0, 1);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
