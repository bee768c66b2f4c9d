package org.bonafide.liveness;

import java.util.List;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;

/** Decodes one frame and measures its primary face with the face engine. Thread-safe. */
final class FrameMeasurer {
  private final FaceEngine engine;

  FrameMeasurer(FaceEngine engine) {
    this.engine = engine;
  }

  FrameMeasurement measure(CapturedFrame frame, boolean withAttackScore) {
    DecodedImage image;
    try {
      image = engine.decode(frame.image());
    } catch (RuntimeException e) {
      // a corrupt or oversized frame counts as a frame without a face, not as a failed analysis
      return new FrameMeasurement(
          frame.index(), frame.timestampMs(), frame.prompt(), frame.screen(), 0, null, null, true);
    }
    List<Detection> detections = engine.detect(image);
    if (detections.isEmpty()) {
      return new FrameMeasurement(
          frame.index(), frame.timestampMs(), frame.prompt(), frame.screen(), 0, null, null, false);
    }
    DetectedFace face = engine.analyseFace(image, detections.get(0), withAttackScore);
    RegionColours colours = SkinRegions.sample(image.pixels(), face.box(), face.landmarks());
    return new FrameMeasurement(
        frame.index(), frame.timestampMs(), frame.prompt(), frame.screen(), detections.size(), face, colours, false);
  }
}
