package org.bonafide.liveness;

import java.util.List;
import org.bonafide.biometrics.FaceEngine;

/**
 * One identity throughout: each face frame's embedding against the capture's identity (the median
 * of the hold-still embeddings). Frames in the hand-sweep window are left out: a hand over the face
 * lowers the similarity on purpose.
 */
final class SamePersonDetector extends ConfiguredDetector<DetectorProperties.SamePerson> {
  static final String ID = "same-person";

  SamePersonDetector(DetectorProperties.SamePerson settings) {
    super(
        ID,
        "The same person in every frame (embedding similarity to the capture's identity).",
        settings);
  }

  @Override
  public boolean appliesTo(CaptureMeasurements capture) {
    return capture.identity() != null;
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    double threshold =
        settings.getMinSimilarity() != null ? settings.getMinSimilarity() : capture.matchThreshold();
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
    if (share > settings.getMaxOutlierFraction()) {
      return Details.fail(ID, 1 - share, LivenessReason.DIFFERENT_PERSON, Details.indices(outliers), details);
    }
    return Details.pass(ID, median, Details.indices(faces), details);
  }
}
