package org.bonafide.biometrics;

/**
 * Everything the engine knows about one face in an image.
 *
 * @param box face box in image pixels
 * @param detectionScore detector confidence, 0-1
 * @param landmarks 68 points as x0, y0, x1, y1, ... in image pixels (iBUG 300-W order)
 * @param pose head pose (from the face mesh; from the pose model where the mesh does not fit)
 * @param eyes eye openness
 * @param quality sample quality and its issues
 * @param embedding L2-normalised 512-d identity embedding
 * @param attackScore passive presentation-attack score, 0 (bona fide) to 1 (attack); NaN when not
 *     computed
 * @param mesh the face mesh fitted to the face (468 points with depth), or null when the mesh did
 *     not fit it
 */
public record DetectedFace(
    FaceBox box,
    float detectionScore,
    float[] landmarks,
    HeadPose pose,
    EyeState eyes,
    FaceQuality quality,
    float[] embedding,
    double attackScore,
    FaceMesh.Mesh mesh) {

  /** A face without a mesh (tests and tools that make faces up). */
  public DetectedFace(
      FaceBox box,
      float detectionScore,
      float[] landmarks,
      HeadPose pose,
      EyeState eyes,
      FaceQuality quality,
      float[] embedding,
      double attackScore) {
    this(box, detectionScore, landmarks, pose, eyes, quality, embedding, attackScore, null);
  }
}
