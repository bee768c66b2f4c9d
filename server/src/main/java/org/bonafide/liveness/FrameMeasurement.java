package org.bonafide.liveness;

import org.bonafide.biometrics.DetectedFace;

/**
 * What the analysis measured in one frame: the frame's annotations, how many faces the detector
 * found, the primary (most prominent) face fully analysed, and the colours of the skin and
 * background regions the colour test reads.
 *
 * @param index the frame's index in the capture
 * @param timestampMs capture time (client clock)
 * @param prompt prompt on screen, or null
 * @param screen colour on screen ({@code #rrggbb}), or null
 * @param faceCount faces detected (0 when unreadable)
 * @param face the primary face, or null when none was found
 * @param colours region colours of the primary face, or null when none was found
 * @param unreadable true when the image could not be decoded
 * @param imageHash a 64-bit FNV-1a hash of the encoded bytes as received (0 when there were none)
 * @param thumbnail the frame's sampled grey levels, or null when unreadable
 * @param jpeg the frame's JPEG markers (size, tables, metadata), or null when the bytes are not a
 *     JPEG
 * @param frameFingerprint the whole frame's fingerprint ({@link FrameFingerprint#ofImage}), or null
 *     when unreadable or nearly uniform
 * @param faceFingerprint the primary face's box fingerprint ({@link FrameFingerprint#ofFace}), or
 *     null without a face
 * @param mesh the face mesh's reading, or null without a face (or one the mesh did not follow)
 * @param hand the hand model's reading around the face (hand-sweep frames only), or null
 * @param blendScore the blend detector's probability that the face is blended in (a swap's
 *     boundary), on the frames scored (every {@code analysis.attack-score-every}-th); NaN on the
 *     others
 */
record FrameMeasurement(
    int index,
    long timestampMs,
    Prompt prompt,
    String screen,
    int faceCount,
    DetectedFace face,
    RegionColours colours,
    boolean unreadable,
    long imageHash,
    GreyThumbnail thumbnail,
    JpegTraits jpeg,
    FrameFingerprint frameFingerprint,
    FrameFingerprint faceFingerprint,
    MeshReading mesh,
    HandReading hand,
    double blendScore) {

  /** A measurement without the mesh's and hand model's readings. */
  FrameMeasurement(
      int index,
      long timestampMs,
      Prompt prompt,
      String screen,
      int faceCount,
      DetectedFace face,
      RegionColours colours,
      boolean unreadable,
      long imageHash,
      GreyThumbnail thumbnail,
      JpegTraits jpeg,
      FrameFingerprint frameFingerprint,
      FrameFingerprint faceFingerprint) {
    this(index, timestampMs, prompt, screen, faceCount, face, colours, unreadable, imageHash, thumbnail, jpeg,
        frameFingerprint, faceFingerprint, null, null, Double.NaN);
  }

  FrameMeasurement withMesh(MeshReading reading) {
    return new FrameMeasurement(index, timestampMs, prompt, screen, faceCount, face, colours, unreadable, imageHash,
        thumbnail, jpeg, frameFingerprint, faceFingerprint, reading, hand, blendScore);
  }

  FrameMeasurement withBlendScore(double score) {
    return new FrameMeasurement(index, timestampMs, prompt, screen, faceCount, face, colours, unreadable, imageHash,
        thumbnail, jpeg, frameFingerprint, faceFingerprint, mesh, hand, score);
  }

  FrameMeasurement withHand(HandReading reading) {
    return new FrameMeasurement(index, timestampMs, prompt, screen, faceCount, face, colours, unreadable, imageHash,
        thumbnail, jpeg, frameFingerprint, faceFingerprint, mesh, reading, blendScore);
  }

  /** A measurement without the image's hash and thumbnail (tests that make measurements up). */
  FrameMeasurement(
      int index,
      long timestampMs,
      Prompt prompt,
      String screen,
      int faceCount,
      DetectedFace face,
      RegionColours colours,
      boolean unreadable) {
    this(index, timestampMs, prompt, screen, faceCount, face, colours, unreadable, 0, null, null, null, null, null, null, Double.NaN);
  }

  boolean hasFace() {
    return face != null;
  }

  double yaw() {
    return face.pose().yaw();
  }

  double pitch() {
    return face.pose().pitch();
  }

  /** Mean open probability of the two eyes. */
  double eyesOpen() {
    return (face.eyes().leftOpenProbability() + face.eyes().rightOpenProbability()) / 2.0;
  }
}
