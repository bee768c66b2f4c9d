package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import org.bonafide.biometrics.FaceEngine;

/**
 * The reference (or document) photo submitted as the selfie: the capture's face is not merely the
 * same person as the reference, it is the same picture. Two different photos of one person stay
 * well apart in the embedding space (the highest genuine pair of the development faces scores
 * 0.898), while frames made from the reference photo itself, re-framed, jittered and re-encoded,
 * score 0.99 and more. The capture's identity (the median hold-still embedding) at or above {@code
 * max-similarity}: {@code reference-photo-as-selfie}. Runs only when a reference was given. The
 * details list how many face frames on their own are that close.
 */
final class ReferencePhotoDetector extends ReferenceDetector<DetectorProperties.ReferencePhoto> {
  static final String ID = "reference-photo";

  ReferencePhotoDetector(DetectorProperties.ReferencePhoto settings) {
    super(
        ID,
        "The capture's face is the reference photo itself (similarity far above two photos of one person).",
        settings);
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Details details = new Details().put("maxSimilarity", settings.getMaxSimilarity());
    if (capture.identity() == null) {
      return Details.pass(ID, 0.5, List.of(), details.put("note", "no face"));
    }
    float[] reference = capture.referenceEmbedding();
    double similarity = FaceEngine.similarity(capture.identity(), reference);
    List<Integer> close = new ArrayList<>();
    List<FrameMeasurement> faces = capture.facesWhere(f -> !capture.inHandSweep(f));
    for (FrameMeasurement f : faces) {
      if (FaceEngine.similarity(f.face().embedding(), reference) >= settings.getMaxSimilarity()) {
        close.add(f.index());
      }
    }
    details.put("similarity", similarity).put("framesAtOrAbove", (long) close.size()).put("faceFrames", (long) faces.size());
    // 1 far below the threshold, 0.5 at it, 0 at identical embeddings
    double score = 0.5 * (1 - similarity) / Math.max(1e-6, 1 - settings.getMaxSimilarity());
    return similarity >= settings.getMaxSimilarity()
        ? Details.fail(ID, score, LivenessReason.REFERENCE_PHOTO_AS_SELFIE, close, details)
        : Details.pass(ID, score, close, details);
  }
}
