package org.bonafide.biometrics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored 1:1 comparison as the API returns it, both on creation and when read back.
 *
 * @param id the comparison's id
 * @param createdAt when it was made
 * @param score cosine similarity of the two faces' embeddings, in [-1, 1]
 * @param threshold the match threshold in force
 * @param match whether {@code score >= threshold}
 * @param multipleFaces the policy applied to images with several faces
 * @param reference what was measured on the reference image
 * @param probe what was measured on the probe image
 */
record FaceComparison(
    UUID id,
    Instant createdAt,
    double score,
    double threshold,
    boolean match,
    String multipleFaces,
    ComparedImage reference,
    ComparedImage probe) {

  /**
   * One image of a comparison: its identity (hash), shape, and the face that was used.
   *
   * @param sha256 hex SHA-256 of the bytes as received
   * @param format detected from the bytes: jpeg, png or webp
   * @param width upright width in pixels
   * @param height upright height in pixels
   * @param facesFound faces detected in the image
   * @param usedFace {@code only} when there was one face, {@code most-prominent} when the most prominent of
   *     several was used
   * @param box the used face's box in upright image pixels
   * @param detectionScore detector confidence for that face, 0-1
   * @param pose head pose in degrees
   * @param eyes eye openness
   * @param quality sample quality and the issues found
   * @param attackScore passive presentation-attack score, 0 (bona fide) to 1 (attack)
   */
  record ComparedImage(
      String sha256,
      String format,
      int width,
      int height,
      int facesFound,
      String usedFace,
      Box box,
      float detectionScore,
      Pose pose,
      Eyes eyes,
      Quality quality,
      double attackScore) {

    static ComparedImage of(ImageShape shape, FaceEvidence face) {
      return new ComparedImage(
          shape.sha256(),
          shape.format(),
          shape.width(),
          shape.height(),
          shape.facesFound(),
          shape.facesFound() == 1 ? "only" : "most-prominent",
          face.box(),
          face.detectionScore(),
          face.pose(),
          face.eyes(),
          face.quality(),
          face.attackScore());
    }

    ImageShape shape() {
      return new ImageShape(sha256, format, width, height, facesFound);
    }

    FaceEvidence face() {
      return new FaceEvidence(box, detectionScore, pose, eyes, quality, attackScore);
    }
  }

  /** The stored columns of an image, apart from its face. */
  record ImageShape(String sha256, String format, int width, int height, int facesFound) {}

  /**
   * What is kept of the used face (stored as jsonb). Deliberately no landmarks and no embedding:
   * the record must not be usable to search for or rebuild the face.
   */
  record FaceEvidence(Box box, float detectionScore, Pose pose, Eyes eyes, Quality quality, double attackScore) {
    static FaceEvidence of(DetectedFace face) {
      FaceBox b = face.box();
      HeadPose p = face.pose();
      EyeState e = face.eyes();
      FaceQuality q = face.quality();
      return new FaceEvidence(
          new Box(b.x1(), b.y1(), b.x2(), b.y2()),
          face.detectionScore(),
          new Pose(p.yaw(), p.pitch(), p.roll()),
          new Eyes(e.leftOpenProbability(), e.rightOpenProbability(), e.leftOpen(), e.rightOpen()),
          new Quality(
              q.faceSizePx(),
              q.sharpness(),
              q.brightness(),
              q.issues().stream().map(QualityIssue::code).toList()),
          face.attackScore());
    }
  }

  /** Corners in image pixels, x to the right, y down. */
  record Box(float x1, float y1, float x2, float y2) {}

  /** Degrees: yaw (left/right), pitch (up/down), roll (tilt). */
  record Pose(float yaw, float pitch, float roll) {}

  /** Probability that each eye (left and right as seen in the image) is open, and the decision. */
  record Eyes(float leftOpenProbability, float rightOpenProbability, boolean leftOpen, boolean rightOpen) {}

  /**
   * @param faceSizePx face box height in pixels
   * @param sharpness Laplacian variance of the aligned face (higher is sharper)
   * @param brightness mean luma of the aligned face, 0-255
   * @param issues quality issue codes, empty for a good sample
   */
  record Quality(int faceSizePx, double sharpness, double brightness, List<String> issues) {
    Quality {
      issues = List.copyOf(issues);
    }
  }
}
