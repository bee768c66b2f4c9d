package org.bonafide.biometrics;

/**
 * Resampling of an interleaved BGR byte raster into planar float tensors: crop, resize and
 * similarity warp are all one affine sampling pass, bilinear, reading the raster directly.
 */
public final class Pixels {
  /** Channel layout of the output tensor. */
  public enum Layout {
    RGB,
    BGR,
    GREY
  }

  private Pixels() {}

  /**
   * Samples {@code outW x outH} pixels; output pixel (u, v) reads source point
   * {@code (a*u + b*v + c, d*u + e*v + f)} with {@code m = {a, b, c, d, e, f}}. Each channel value is
   * {@code (value - mean[ch]) * scale[ch]}. Points outside the source repeat its border.
   */
  public static float[] sample(
      byte[] bgr, int width, int height, double[] m, int outW, int outH, Layout layout, float[] mean, float[] scale) {
    int channels = layout == Layout.GREY ? 1 : 3;
    float[] out = new float[channels * outW * outH];
    int plane = outW * outH;
    int stride = width * 3;
    int maxX = width - 1;
    int maxY = height - 1;
    for (int v = 0; v < outH; v++) {
      double rowX = m[1] * v + m[2];
      double rowY = m[4] * v + m[5];
      for (int u = 0; u < outW; u++) {
        double sx = m[0] * u + rowX;
        double sy = m[3] * u + rowY;
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        float fx = (float) (sx - x0);
        float fy = (float) (sy - y0);
        int xa = clamp(x0, maxX);
        int xb = clamp(x0 + 1, maxX);
        int ya = clamp(y0, maxY);
        int yb = clamp(y0 + 1, maxY);
        int p00 = ya * stride + xa * 3;
        int p01 = ya * stride + xb * 3;
        int p10 = yb * stride + xa * 3;
        int p11 = yb * stride + xb * 3;
        float w00 = (1 - fx) * (1 - fy);
        float w01 = fx * (1 - fy);
        float w10 = (1 - fx) * fy;
        float w11 = fx * fy;
        float b = w00 * (bgr[p00] & 0xff) + w01 * (bgr[p01] & 0xff) + w10 * (bgr[p10] & 0xff) + w11 * (bgr[p11] & 0xff);
        float g = w00 * (bgr[p00 + 1] & 0xff) + w01 * (bgr[p01 + 1] & 0xff) + w10 * (bgr[p10 + 1] & 0xff) + w11 * (bgr[p11 + 1] & 0xff);
        float r = w00 * (bgr[p00 + 2] & 0xff) + w01 * (bgr[p01 + 2] & 0xff) + w10 * (bgr[p10 + 2] & 0xff) + w11 * (bgr[p11 + 2] & 0xff);
        int i = v * outW + u;
        switch (layout) {
          case GREY -> out[i] = (0.299f * r + 0.587f * g + 0.114f * b - mean[0]) * scale[0];
          case RGB -> {
            out[i] = (r - mean[0]) * scale[0];
            out[plane + i] = (g - mean[1]) * scale[1];
            out[2 * plane + i] = (b - mean[2]) * scale[2];
          }
          case BGR -> {
            out[i] = (b - mean[0]) * scale[0];
            out[plane + i] = (g - mean[1]) * scale[1];
            out[2 * plane + i] = (r - mean[2]) * scale[2];
          }
        }
      }
    }
    return out;
  }

  /**
   * The affine map that resizes the source rectangle {@code (x, y, w, h)} onto {@code outW x outH}
   * with pixel-centre alignment (as OpenCV's {@code resize}).
   */
  public static double[] rectToSize(double x, double y, double w, double h, int outW, int outH) {
    double sx = w / outW;
    double sy = h / outH;
    return new double[] {sx, 0, x + 0.5 * sx - 0.5, 0, sy, y + 0.5 * sy - 0.5};
  }

  private static int clamp(int value, int max) {
    return value < 0 ? 0 : Math.min(value, max);
  }
}
