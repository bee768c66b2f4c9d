package org.bonafide.biometrics;

import java.util.Map;

/**
 * MediaPipe's hand-landmark model (lite): 21 points of one hand with depth and the probability
 * that the crop holds a hand. Bonafide looks for a hand over the face, so it runs the model on a
 * crop around the face rather than converting a palm detector: a hand across a face is about the
 * face's size, which is the framing the model was trained on. Thread-safe.
 */
public final class HandLandmarks {
  public static final int POINTS = 21;
  /** Crop side over the face region's side: the hand across the face, with room for the fingers. */
  private static final double CROP_SCALE = 1.1;

  private final MeshModels models;

  HandLandmarks(MeshModels models) {
    this.models = models;
  }

  /**
   * One hand reading.
   *
   * @param points x, y, z of the 21 points in image pixels (wrist first, then four points a finger
   *     from thumb to little finger)
   * @param presence the model's probability that the crop holds a hand
   */
  public record Hand(float[] points, float presence) {
    public double x(int i) {
      return points[3 * i];
    }

    public double y(int i) {
      return points[3 * i + 1];
    }
  }

  /** The hand in a crop around the face region (upright, centred on the face). */
  public Hand find(DecodedImage image, FaceMesh.Region face) {
    FaceMesh.Region region = new FaceMesh.Region(face.cx(), face.cy(), face.side() * CROP_SCALE, face.angle());
    int size = MeshModels.Model.HAND.size();
    Map<String, float[]> out = models.run(MeshModels.Model.HAND, FaceMesh.crop(image, region, size));
    return new Hand(region.toImagePoints(out.get("Identity"), POINTS, size), out.get("Identity_1")[0]);
  }
}
