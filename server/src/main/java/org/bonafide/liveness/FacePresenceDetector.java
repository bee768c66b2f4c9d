package org.bonafide.liveness;

import java.util.List;

/** Exactly one face throughout: several faces fail, missing faces ask for a retry. */
final class FacePresenceDetector extends ConfiguredDetector<DetectorProperties.FacePresence> {
  static final String ID = "face-presence";

  FacePresenceDetector(DetectorProperties.FacePresence settings) {
    super(
        ID,
        "Exactly one face in the frames; no face in too many frames asks for a retry.",
        settings);
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    List<FrameMeasurement> frames = capture.frames();
    List<FrameMeasurement> multiple = frames.stream().filter(f -> f.faceCount() > 1).toList();
    // the hand sweep is meant to hide the face for a moment
    List<FrameMeasurement> counted = frames.stream().filter(f -> !capture.inHandSweep(f)).toList();
    List<FrameMeasurement> missing = counted.stream().filter(f -> !f.hasFace()).toList();
    long unreadable = frames.stream().filter(FrameMeasurement::unreadable).count();
    double multipleShare = frames.isEmpty() ? 0 : (double) multiple.size() / frames.size();
    double missingShare = counted.isEmpty() ? 1 : (double) missing.size() / counted.size();
    Details details =
        new Details()
            .put("frames", frames.size())
            .put("framesWithSeveralFaces", multiple.size())
            .put("framesWithoutFace", missing.size())
            .put("unreadableFrames", unreadable)
            .put("noFaceShare", missingShare);
    double score = 1 - Math.max(missingShare, multipleShare);
    if (multiple.size() > 0 && multipleShare > settings.getMaxMultipleFacesFraction()) {
      return Details.fail(ID, score, LivenessReason.MULTIPLE_FACES, Details.indices(multiple), details);
    }
    if (frames.size() < settings.getMinFrames()) {
      return Details.fail(ID, score, LivenessReason.CAPTURE_TOO_SHORT, Details.indices(frames), details);
    }
    if (missingShare > settings.getMaxNoFaceFraction()) {
      return Details.fail(ID, score, LivenessReason.NO_FACE, Details.indices(missing), details);
    }
    return Details.pass(ID, score, Details.indices(frames), details);
  }
}
