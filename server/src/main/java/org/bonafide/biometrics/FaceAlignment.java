package org.bonafide.biometrics;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Square face crops aligned by a similarity transform fitted to the 68 landmarks (their eye
 * centres, nose tip and mouth corners onto the ArcFace reference points), with a margin around the
 * face so that a swap's blend boundary (the jaw line, the brows) lies inside the crop. The blend
 * detector's training data and its runtime input are both cut with this class, so the two see the
 * same geometry.
 *
 * <p>Crops are planar float BGR, values 0-255: {@code crop[c * size * size + y * size + x]}, channel
 * {@code c} 0 blue, 1 green, 2 red.
 */
public final class FaceAlignment {
  /** Side of the working crop the blends are made at (and the runtime samples at). */
  public static final int WORK_SIZE = 256;

  /** Side of the detector's input: the working crop halved by a 2x2 box filter. */
  public static final int MODEL_SIZE = WORK_SIZE / 2;

  /**
   * The ArcFace 112 square covers this share of the crop's side: a sixth of its side is added on
   * each side, which keeps the jaw, the brows and some hair and background in the crop.
   */
  static final double FACE_SHARE = 0.75;

  /**
   * Where the ArcFace square's centre sits in the crop, as a share of its side: below the middle,
   * because the reference square cuts the chin (the jaw line must stay inside the crop) and leaves
   * room above the brows.
   */
  static final double CENTRE_Y = 0.44;

  private static final float[] ZERO = {0, 0, 0};
  private static final float[] ONE = {1, 1, 1};

  private FaceAlignment() {}

  /**
   * The affine map from a {@code size x size} crop's pixels to the image's pixels: {@code {a, b, c,
   * d, e, f}}, crop point (u, v) lies at image point {@code (a*u + b*v + c, d*u + e*v + f)}.
   *
   * @param landmarks the 68 landmarks in image pixels (x0, y0, ..., x67, y67)
   */
  public static double[] cropToImage(float[] landmarks, int size) {
    checkArgument(landmarks.length == 136, "an alignment needs 68 landmarks (136 values), got %s", landmarks.length);
    checkArgument(size >= 8, "a crop needs a side of at least 8 pixels, was %s", size);
    double scale = size * FACE_SHARE / 112;
    double offsetX = size / 2.0 - 56 * scale;
    double offsetY = size * CENTRE_Y - 56 * scale;
    double[][] reference = new double[FaceEngine.REFERENCE_POINTS.length][];
    for (int i = 0; i < reference.length; i++) {
      reference[i] =
          new double[] {
            FaceEngine.REFERENCE_POINTS[i][0] * scale + offsetX, FaceEngine.REFERENCE_POINTS[i][1] * scale + offsetY
          };
    }
    return SimilarityTransform.estimate(reference, FaceEngine.fivePoints(landmarks));
  }

  /** Samples the crop that {@code cropToImage} describes, bilinear, repeating the image's border. */
  public static float[] crop(BufferedImage bgrImage, double[] cropToImage, int size) {
    checkArgument(
        bgrImage.getType() == BufferedImage.TYPE_3BYTE_BGR, "a crop is sampled from a TYPE_3BYTE_BGR image");
    byte[] raster = ((DataBufferByte) bgrImage.getRaster().getDataBuffer()).getData();
    return Pixels.sample(
        raster, bgrImage.getWidth(), bgrImage.getHeight(), cropToImage, size, size, Pixels.Layout.BGR, ZERO, ONE);
  }

  /** The detector's input crop of a face: the working crop, halved. */
  public static float[] modelCrop(DecodedImage image, float[] landmarks) {
    return halve(crop(image.pixels(), cropToImage(landmarks, WORK_SIZE), WORK_SIZE), WORK_SIZE);
  }

  /** Halves a planar crop of side {@code size} (even) with a 2x2 box filter. */
  public static float[] halve(float[] planes, int size) {
    checkArgument(size % 2 == 0, "only an even side can be halved, was %s", size);
    int channels = planes.length / (size * size);
    checkArgument(
        channels * size * size == planes.length,
        "the crop holds %s values, not a whole number of %sx%s planes",
        planes.length,
        size,
        size);
    int half = size / 2;
    float[] out = new float[channels * half * half];
    for (int c = 0; c < channels; c++) {
      int in = c * size * size;
      int o = c * half * half;
      for (int y = 0; y < half; y++) {
        int row = in + 2 * y * size;
        for (int x = 0; x < half; x++) {
          int i = row + 2 * x;
          out[o + y * half + x] = (planes[i] + planes[i + 1] + planes[i + size] + planes[i + size + 1]) * 0.25f;
        }
      }
    }
    return out;
  }

  /** {@code outer} after {@code inner}: the map p to outer(inner(p)). */
  public static double[] compose(double[] outer, double[] inner) {
    return new double[] {
      outer[0] * inner[0] + outer[1] * inner[3],
      outer[0] * inner[1] + outer[1] * inner[4],
      outer[0] * inner[2] + outer[1] * inner[5] + outer[2],
      outer[3] * inner[0] + outer[4] * inner[3],
      outer[3] * inner[1] + outer[4] * inner[4],
      outer[3] * inner[2] + outer[4] * inner[5] + outer[5]
    };
  }

  /** The inverse of an invertible affine map. */
  public static double[] invert(double[] m) {
    double det = m[0] * m[4] - m[1] * m[3];
    checkArgument(det != 0 && Double.isFinite(det), "the map is not invertible");
    double a = m[4] / det;
    double b = -m[1] / det;
    double d = -m[3] / det;
    double e = m[0] / det;
    return new double[] {a, b, -(a * m[2] + b * m[5]), d, e, -(d * m[2] + e * m[5])};
  }

  /** Points (x0, y0, x1, y1, ...) through an affine map. */
  public static float[] map(double[] m, float[] points) {
    float[] out = new float[points.length];
    for (int i = 0; i + 1 < points.length; i += 2) {
      out[i] = (float) (m[0] * points[i] + m[1] * points[i + 1] + m[2]);
      out[i + 1] = (float) (m[3] * points[i] + m[4] * points[i + 1] + m[5]);
    }
    return out;
  }

  /** The least-squares similarity transform taking each {@code from} point onto its {@code to} point. */
  public static double[] similarity(float[] from, float[] to) {
    checkArgument(from.length == to.length && from.length >= 4, "two sets of at least 2 matching points are needed");
    double[][] a = new double[from.length / 2][];
    double[][] b = new double[to.length / 2][];
    for (int i = 0; i < a.length; i++) {
      a[i] = new double[] {from[2 * i], from[2 * i + 1]};
      b[i] = new double[] {to[2 * i], to[2 * i + 1]};
    }
    return SimilarityTransform.estimate(a, b);
  }
}
