package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceMesh;
import org.bonafide.biometrics.HandLandmarks;

/**
 * Decodes one frame and measures its primary face with the face engine. Thread-safe. Besides the
 * face, each frame gets a hash of its bytes, a {@link GreyThumbnail} and its {@link JpegTraits}
 * (markers read up to the first scan) for the injection checks: together well under a millisecond
 * and 20 KB a 640x480 frame, against the ~25 ms the face engine takes.
 */
final class FrameMeasurer {
  private final FaceEngine engine;

  FrameMeasurer(FaceEngine engine) {
    this.engine = engine;
  }

  FrameMeasurement measure(CapturedFrame frame, boolean withAttackScore) {
    long hash = hash(frame.image());
    JpegTraits jpeg = JpegTraits.read(frame.image());
    DecodedImage image;
    try {
      image = engine.decode(frame.image());
    } catch (RuntimeException e) {
      // a corrupt or oversized frame counts as a frame without a face, not as a failed analysis
      return new FrameMeasurement(
          frame.index(), frame.timestampMs(), frame.prompt(), frame.screen(), 0, null, null, true, hash, null, jpeg, null, null);
    }
    GreyThumbnail thumbnail = GreyThumbnail.sample(image.pixels());
    // the replay check's fingerprint, from the pixels already decoded rather than the bytes again
    FrameFingerprint whole = FrameFingerprint.ofImage(frame.index(), image.pixels());
    List<Detection> detections = engine.detect(image);
    if (detections.isEmpty()) {
      return new FrameMeasurement(
          frame.index(), frame.timestampMs(), frame.prompt(), frame.screen(), 0, null, null, false, hash, thumbnail, jpeg, whole, null);
    }
    DetectedFace face = engine.analyseFace(image, detections.get(0), withAttackScore);
    RegionColours colours = SkinRegions.sample(image.pixels(), face.box(), face.landmarks());
    // a hand-sweep frame's hand, here while the frame is decoded (frames without a face get theirs in follow)
    HandReading hand = null;
    if (frame.prompt() == Prompt.HAND_SWEEP && face.mesh() != null) {
      FaceMesh.Region region = face.mesh().next();
      hand = HandReading.of(engine.hands().find(image, region), region);
    }
    return new FrameMeasurement(
        frame.index(),
        frame.timestampMs(),
        frame.prompt(),
        frame.screen(),
        detections.size(),
        face,
        colours,
        false,
        hash,
        thumbnail,
        jpeg,
        whole,
        FrameFingerprint.ofFace(frame.index(), image.pixels(), face.box()),
        face.mesh() == null ? null : MeshReading.of(face.mesh(), false),
        hand,
        withAttackScore ? engine.blendDetector().score(image, face.landmarks()) : Double.NaN);
  }

  /**
   * The second, sequential look at the frames, where one frame needs the one before it: the mesh
   * follows the face into frames where the detector lost it (a profile, a hand over the face) from
   * the previous frame's mesh, as MediaPipe tracks; and on hand-sweep frames the hand model looks
   * for a hand over the face where {@link #measure} could not (no mesh there). Only those frames
   * are decoded again.
   */
  List<FrameMeasurement> follow(List<CapturedFrame> frames, List<FrameMeasurement> measured, double minConfidence) {
    List<FrameMeasurement> out = new ArrayList<>(measured);
    FaceMesh.Region last = null;
    FaceMesh mesh = null;
    HandLandmarks hands = null;
    for (int i = 0; i < out.size(); i++) {
      FrameMeasurement m = out.get(i);
      CapturedFrame frame = frames.get(i);
      boolean sweep = frame.prompt() == Prompt.HAND_SWEEP && m.hand() == null;
      boolean track = m.mesh() == null && !m.unreadable() && last != null;
      if (!sweep && !track) {
        last = m.mesh() != null ? m.mesh().next() : null;
        continue;
      }
      DecodedImage image;
      try {
        image = engine.decode(frame.image());
      } catch (RuntimeException e) {
        last = null;
        continue;
      }
      if (track) {
        mesh = mesh == null ? engine.faceMesh() : mesh;
        FaceMesh.Mesh fitted = mesh.fit(image, last);
        if (fitted.confidence() >= minConfidence) {
          m = m.withMesh(MeshReading.of(fitted, true));
        }
      }
      FaceMesh.Region region = m.mesh() != null ? m.mesh().next() : last;
      if (sweep && region != null) {
        hands = hands == null ? engine.hands() : hands;
        m = m.withHand(HandReading.of(hands.find(image, region), region));
      }
      out.set(i, m);
      last = m.mesh() != null ? m.mesh().next() : last;
    }
    return out;
  }

  /** FNV-1a, 64 bits: equal bytes give equal hashes; a collision between two frames is negligible. */
  static long hash(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return 0;
    }
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
