package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import org.bonafide.biometrics.FaceEngine;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The reference (or document) photo submitted as the selfie: the capture's face is not merely the
 * same person as the reference, it is the same picture. Two different photos of one person stay
 * well apart in the embedding space (the highest genuine pair of the development faces scores
 * 0.898), while frames made from the reference photo itself, re-framed, jittered and re-encoded,
 * score 0.99 and more. The capture's identity (the median hold-still embedding) at or above {@code
 * max-similarity}: {@code reference-photo-as-selfie}. Runs only when a reference was given. The
 * details list how many face frames on their own are that close.
 */
@Component
@Order(110)
final class ReferencePhotoDetector extends ReferenceDetector<ReferencePhotoDetector.Settings> {
  static final String ID = "reference-photo";

  ReferencePhotoDetector(ReferencePhotoDetector.Settings settings) {
    super(
        ID,
        "The capture's face is the reference photo itself (similarity far above two photos of one person).",
        settings);
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Details details = new Details().put("maxSimilarity", settings.maxSimilarity());
    if (capture.identity() == null) {
      return Details.pass(ID, 0.5, List.of(), details.put("note", "no face"));
    }
    float[] reference = capture.referenceEmbedding();
    double similarity = FaceEngine.similarity(capture.identity(), reference);
    List<Integer> close = new ArrayList<>();
    List<FrameMeasurement> faces = capture.facesWhere(f -> !capture.inHandSweep(f));
    for (FrameMeasurement f : faces) {
      if (FaceEngine.similarity(f.face().embedding(), reference) >= settings.maxSimilarity()) {
        close.add(f.index());
      }
    }
    details.put("similarity", similarity).put("framesAtOrAbove", (long) close.size()).put("faceFrames", (long) faces.size());
    // 1 far below the threshold, 0.5 at it, 0 at identical embeddings
    double score = 0.5 * (1 - similarity) / Math.max(1e-6, 1 - settings.maxSimilarity());
    return similarity >= settings.maxSimilarity()
        ? Details.fail(ID, score, LivenessReason.REFERENCE_PHOTO_AS_SELFIE, close, details)
        : Details.pass(ID, score, close, details);
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param maxSimilarity the capture's identity this similar to the reference (cosine) is the
   *     reference photo itself, not another photo of the same person.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("0.95") double maxSimilarity)
      implements DetectorSettings {
    Settings {
      DetectorSettings.between("max-similarity", maxSimilarity, 0, 1);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
