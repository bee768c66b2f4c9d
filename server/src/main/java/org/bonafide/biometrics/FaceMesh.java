package org.bonafide.biometrics;

import java.awt.image.DataBufferByte;
import java.util.Map;

/**
 * MediaPipe's face mesh: 468 points with depth, fitted in a square crop around the face that is
 * turned upright (roll removed). A still photo is fitted twice: first in the region the 68
 * landmarks give, then in the region the first mesh gives, as MediaPipe tracks from frame to
 * frame; a video passes each frame's {@link Mesh#next()} region to the following frame, which keeps
 * the face through profile turns that the face detector no longer sees.
 *
 * <p>Thread-safe.
 */
public final class FaceMesh {
  /** Points of the mesh used by Bonafide (MediaPipe's canonical face model indices). */
  public static final int RIGHT_EYE_OUTER = 33;
  public static final int RIGHT_EYE_INNER = 133;
  public static final int LEFT_EYE_INNER = 362;
  public static final int LEFT_EYE_OUTER = 263;
  public static final int NOSE_TIP = 1;
  public static final int SUBNASALE = 2;
  public static final int MOUTH_RIGHT = 61;
  public static final int MOUTH_LEFT = 291;
  public static final int CHIN = 152;
  public static final int FOREHEAD = 10;
  public static final int POINTS = 468;

  /** Upper and lower lid pairs of the applicant's right eye (image left) and left eye. */
  private static final int[][] RIGHT_LIDS = {{159, 145}, {158, 153}, {160, 144}};
  private static final int[][] LEFT_LIDS = {{386, 374}, {385, 380}, {387, 373}};

  /** The face occupies about two thirds of the crop the mesh model was trained on. */
  private static final double CROP_SCALE = 1.5;

  private static final float[] ZERO = {0, 0, 0};
  private static final float[] UNIT = {1 / 255f, 1 / 255f, 1 / 255f};

  private final MeshModels models;

  FaceMesh(MeshModels models) {
    this.models = models;
  }

  /** A square region of the image, turned by {@code angle} radians (the face's roll). */
  public record Region(double cx, double cy, double side, double angle) {
    /** The region around the 68 landmarks: their box grown to the mesh's framing, upright. */
    public static Region fromLandmarks(float[] lm68) {
      double rx = 0;
      double ry = 0;
      double lx = 0;
      double ly = 0;
      for (int i = 36; i < 42; i++) {
        rx += lm68[2 * i] / 6;
        ry += lm68[2 * i + 1] / 6;
        lx += lm68[2 * i + 12] / 6;
        ly += lm68[2 * i + 13] / 6;
      }
      double angle = Math.atan2(ly - ry, lx - rx);
      return fromPoints(lm68, 2, angle);
    }

    static Region fromPoints(float[] points, int stride, double angle) {
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      double minU = Double.MAX_VALUE;
      double maxU = -Double.MAX_VALUE;
      double minV = Double.MAX_VALUE;
      double maxV = -Double.MAX_VALUE;
      for (int i = 0; i + 1 < points.length; i += stride) {
        double u = cos * points[i] + sin * points[i + 1];
        double v = -sin * points[i] + cos * points[i + 1];
        minU = Math.min(minU, u);
        maxU = Math.max(maxU, u);
        minV = Math.min(minV, v);
        maxV = Math.max(maxV, v);
      }
      double cu = (minU + maxU) / 2;
      double cv = (minV + maxV) / 2;
      double side = Math.max(maxU - minU, maxV - minV) * CROP_SCALE;
      return new Region(cos * cu - sin * cv, sin * cu + cos * cv, side, angle);
    }

    /**
     * A model's x, y, z points in crop coordinates ({@code size} a side, measured from the pixel
     * grid's corner) as image pixels; z is scaled like x.
     */
    float[] toImagePoints(float[] raw, int count, int size) {
      double[] m = toImage(size);
      double k = side / size;
      float[] points = new float[count * 3];
      for (int i = 0; i < count; i++) {
        double u = raw[3 * i] - 0.5;
        double v = raw[3 * i + 1] - 0.5;
        points[3 * i] = (float) (m[0] * u + m[1] * v + m[2]);
        points[3 * i + 1] = (float) (m[3] * u + m[4] * v + m[5]);
        points[3 * i + 2] = (float) (raw[3 * i + 2] * k);
      }
      return points;
    }

    /** Affine map from crop pixels ({@code size} a side) to image pixels, for {@link Pixels}. */
    double[] toImage(int size) {
      double k = side / size;
      double cos = Math.cos(angle) * k;
      double sin = Math.sin(angle) * k;
      // pixel centres: crop pixel u covers (u + 0.5) * k - side / 2 from the centre
      double offset = 0.5 - size / 2.0;
      return new double[] {
        cos, -sin, cx + cos * offset - sin * offset, sin, cos, cy + sin * offset + cos * offset
      };
    }
  }

  /**
   * A fitted mesh.
   *
   * @param points x, y, z of each of the 468 points in image pixels (z: depth, the same scale as
   *     x, smaller toward the camera)
   * @param confidence the model's face flag in [0, 1]: low when the crop holds no face, or the
   *     face is hidden
   * @param region the crop the mesh was fitted in
   */
  public record Mesh(float[] points, float confidence, Region region) {
    public double x(int i) {
      return points[3 * i];
    }

    public double y(int i) {
      return points[3 * i + 1];
    }

    public double z(int i) {
      return points[3 * i + 2];
    }

    /** The region to fit the next video frame in. */
    public Region next() {
      double angle = Math.atan2(y(LEFT_EYE_OUTER) - y(RIGHT_EYE_OUTER), x(LEFT_EYE_OUTER) - x(RIGHT_EYE_OUTER));
      return Region.fromPoints(points, 3, angle);
    }

    /** Distance between the outer eye corners in the image. */
    public double interocular() {
      return Math.hypot(x(LEFT_EYE_OUTER) - x(RIGHT_EYE_OUTER), y(LEFT_EYE_OUTER) - y(RIGHT_EYE_OUTER));
    }

    /**
     * Head pose from the mesh's own 3-D points: the face's left-right axis (eye and mouth corners)
     * and its up-down axis (chin to forehead) span its frame. Degrees, in the pose model's
     * convention: yaw grows when the nose points toward the image's left, pitch when the face
     * looks up, roll with a clockwise tilt in the image.
     */
    public HeadPose pose() {
      double[] xAxis = new double[3];
      for (int[] pair : new int[][] {{RIGHT_EYE_OUTER, LEFT_EYE_OUTER}, {MOUTH_RIGHT, MOUTH_LEFT}, {RIGHT_EYE_INNER, LEFT_EYE_INNER}}) {
        for (int a = 0; a < 3; a++) {
          xAxis[a] += points[3 * pair[1] + a] - points[3 * pair[0] + a];
        }
      }
      double[] yAxis = new double[3];
      for (int a = 0; a < 3; a++) {
        yAxis[a] = points[3 * CHIN + a] - points[3 * FOREHEAD + a];
      }
      normalise(xAxis);
      // make the up-down axis orthogonal to the left-right axis
      double d = dot(xAxis, yAxis);
      for (int a = 0; a < 3; a++) {
        yAxis[a] -= d * xAxis[a];
      }
      normalise(yAxis);
      double[] zAxis = cross(xAxis, yAxis); // toward the back of the head
      double yaw = Math.toDegrees(Math.asin(clamp(zAxis[0])));
      double pitch = Math.toDegrees(Math.atan2(zAxis[1], zAxis[2]));
      double roll = Math.toDegrees(Math.atan2(xAxis[1], xAxis[0]));
      return new HeadPose((float) yaw, (float) pitch, (float) roll);
    }

    /**
     * Eyelid opening of each eye over its width (an eye aspect ratio from the mesh's lids): about
     * 0.25-0.35 open, under 0.1 closed. {@code [right, left]} as the applicant sees them.
     */
    public double[] eyeOpenness() {
      return new double[] {
        aspect(RIGHT_LIDS, RIGHT_EYE_OUTER, RIGHT_EYE_INNER), aspect(LEFT_LIDS, LEFT_EYE_INNER, LEFT_EYE_OUTER)
      };
    }

    private double aspect(int[][] lids, int cornerA, int cornerB) {
      double sum = 0;
      for (int[] lid : lids) {
        sum += Math.hypot(x(lid[0]) - x(lid[1]), y(lid[0]) - y(lid[1]));
      }
      double width = Math.hypot(x(cornerA) - x(cornerB), y(cornerA) - y(cornerB));
      return width > 0 ? sum / lids.length / width : 0;
    }

    private static double clamp(double v) {
      return Math.max(-1, Math.min(1, v));
    }
  }

  /** Fits the mesh in the region of a face whose 68 landmarks are known, and refines it once. */
  public Mesh fit(DecodedImage image, float[] landmarks68) {
    Mesh first = fit(image, Region.fromLandmarks(landmarks68));
    return fit(image, first.next());
  }

  /** Fits the mesh in one region (one model call). */
  public Mesh fit(DecodedImage image, Region region) {
    int size = MeshModels.Model.FACE_MESH.size();
    float[] input = crop(image, region, size);
    Map<String, float[]> out = models.run(MeshModels.Model.FACE_MESH, input);
    float confidence = out.get("Identity_1")[0];
    return new Mesh(region.toImagePoints(out.get("Identity_2"), POINTS, size), confidence, region);
  }

  /** The region as an NHWC RGB tensor in [0, 1]. */
  static float[] crop(DecodedImage image, Region region, int size) {
    byte[] bgr = ((DataBufferByte) image.pixels().getRaster().getDataBuffer()).getData();
    float[] planar = Pixels.sample(bgr, image.width(), image.height(), region.toImage(size), size, size, Pixels.Layout.RGB, ZERO, UNIT);
    int plane = size * size;
    float[] nhwc = new float[plane * 3];
    for (int i = 0; i < plane; i++) {
      nhwc[3 * i] = planar[i];
      nhwc[3 * i + 1] = planar[plane + i];
      nhwc[3 * i + 2] = planar[2 * plane + i];
    }
    return nhwc;
  }

  private static void normalise(double[] v) {
    double n = Math.sqrt(dot(v, v));
    if (n > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] /= n;
      }
    }
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }
}
