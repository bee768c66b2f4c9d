package org.bonafide.liveness;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Exactly one face throughout: several faces fail, missing faces ask for a retry. */
@Component
@Order(10)
final class FacePresenceDetector extends ConfiguredDetector<FacePresenceDetector.Settings> {
  static final String ID = "face-presence";

  FacePresenceDetector(FacePresenceDetector.Settings settings) {
    super(
        ID,
        "Exactly one face in the frames; no face in too many frames asks for a retry.",
        settings);
  }

  @Override
  public boolean passive() {
    return true;
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
    if (multiple.size() > 0 && multipleShare > settings.maxMultipleFacesFraction()) {
      return Details.fail(ID, score, LivenessReason.MULTIPLE_FACES, Details.indices(multiple), details);
    }
    if (frames.size() < settings.minFrames()) {
      return Details.fail(ID, score, LivenessReason.CAPTURE_TOO_SHORT, Details.indices(frames), details);
    }
    if (missingShare > settings.maxNoFaceFraction()) {
      return Details.fail(ID, score, LivenessReason.NO_FACE, Details.indices(missing), details);
    }
    return Details.pass(ID, score, Details.indices(frames), details);
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param minFrames fewer frames than this: capture-too-short.
   * @param maxNoFaceFraction share of frames (outside the hand sweep) without a face above which:
   *     no-face.
   * @param maxMultipleFacesFraction share of frames with two or more faces above which:
   *     multiple-faces.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("30") int minFrames,
      @DefaultValue("0.2") double maxNoFaceFraction,
      @DefaultValue("0.1") double maxMultipleFacesFraction)
      implements DetectorSettings {
    Settings {
      DetectorSettings.atLeast("min-frames", minFrames, 1);
      DetectorSettings.between("max-no-face-fraction", maxNoFaceFraction, 0, 1);
      DetectorSettings.between("max-multiple-faces-fraction", maxMultipleFacesFraction, 0, 1);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
