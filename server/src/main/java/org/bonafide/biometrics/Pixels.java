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
    float[] out = new float[(layout == Layout.GREY ? 1 : 3) * outW * outH];
    if (m[1] == 0 && m[3] == 0) {
      sampleAxisAligned(bgr, width, height, m, outW, outH, layout, mean, scale, out);
    } else {
      sampleAffine(bgr, width, height, m, outW, outH, layout, mean, scale, out);
    }
    return out;
  }

  /**
   * Crop and resize (no rotation): source columns and their weights are the same on every row, so
   * they are computed once, and each pixel is two horizontal and one vertical interpolation.
   */
  private static void sampleAxisAligned(
      byte[] bgr, int width, int height, double[] m, int outW, int outH, Layout layout, float[] mean, float[] scale, float[] out) {
    int[] colA = new int[outW];
    int[] colB = new int[outW];
    float[] wx = new float[outW];
    for (int u = 0; u < outW; u++) {
      double sx = m[0] * u + m[2];
      int x0 = (int) Math.floor(sx);
      wx[u] = (float) (sx - x0);
      colA[u] = clamp(x0, width - 1) * 3;
      colB[u] = clamp(x0 + 1, width - 1) * 3;
    }
    int stride = width * 3;
    int plane = outW * outH;
    // where the source's blue, green and red bytes go, and their normalisation (unused for GREY)
    boolean grey = layout == Layout.GREY;
    int blueIndex = layout == Layout.RGB ? 2 : 0;
    int redIndex = 2 - blueIndex;
    int offB = blueIndex * plane;
    int offR = redIndex * plane;
    float meanB = grey ? 0 : mean[blueIndex];
    float meanR = grey ? 0 : mean[redIndex];
    float scaleB = grey ? 0 : scale[blueIndex];
    float scaleR = grey ? 0 : scale[redIndex];
    float meanG = grey ? mean[0] : mean[1];
    float scaleG = grey ? scale[0] : scale[1];
    for (int v = 0; v < outH; v++) {
      double sy = m[4] * v + m[5];
      int y0 = (int) Math.floor(sy);
      float wy = (float) (sy - y0);
      int rowA = clamp(y0, height - 1) * stride;
      int rowB = clamp(y0 + 1, height - 1) * stride;
      int o = v * outW;
      for (int u = 0; u < outW; u++, o++) {
        int a = rowA + colA[u];
        int b = rowA + colB[u];
        int c = rowB + colA[u];
        int d = rowB + colB[u];
        float fx = wx[u];
        float blue = lerp2(bgr[a] & 0xff, bgr[b] & 0xff, bgr[c] & 0xff, bgr[d] & 0xff, fx, wy);
        float green = lerp2(bgr[a + 1] & 0xff, bgr[b + 1] & 0xff, bgr[c + 1] & 0xff, bgr[d + 1] & 0xff, fx, wy);
        float red = lerp2(bgr[a + 2] & 0xff, bgr[b + 2] & 0xff, bgr[c + 2] & 0xff, bgr[d + 2] & 0xff, fx, wy);
        if (grey) {
          out[o] = (0.299f * red + 0.587f * green + 0.114f * blue - meanG) * scaleG;
        } else {
          out[offB + o] = (blue - meanB) * scaleB;
          out[plane + o] = (green - meanG) * scaleG;
          out[offR + o] = (red - meanR) * scaleR;
        }
      }
    }
  }

  private static float lerp2(int p00, int p01, int p10, int p11, float fx, float fy) {
    float top = p00 + fx * (p01 - p00);
    float bottom = p10 + fx * (p11 - p10);
    return top + fy * (bottom - top);
  }

  /** Any affine map (the similarity warp onto the reference points). */
  private static void sampleAffine(
      byte[] bgr, int width, int height, double[] m, int outW, int outH, Layout layout, float[] mean, float[] scale, float[] out) {
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
        int a = clamp(y0, maxY) * stride + clamp(x0, maxX) * 3;
        int b = clamp(y0, maxY) * stride + clamp(x0 + 1, maxX) * 3;
        int c = clamp(y0 + 1, maxY) * stride + clamp(x0, maxX) * 3;
        int d = clamp(y0 + 1, maxY) * stride + clamp(x0 + 1, maxX) * 3;
        float blue = lerp2(bgr[a] & 0xff, bgr[b] & 0xff, bgr[c] & 0xff, bgr[d] & 0xff, fx, fy);
        float green = lerp2(bgr[a + 1] & 0xff, bgr[b + 1] & 0xff, bgr[c + 1] & 0xff, bgr[d + 1] & 0xff, fx, fy);
        float red = lerp2(bgr[a + 2] & 0xff, bgr[b + 2] & 0xff, bgr[c + 2] & 0xff, bgr[d + 2] & 0xff, fx, fy);
        int i = v * outW + u;
        switch (layout) {
          case GREY -> out[i] = (0.299f * red + 0.587f * green + 0.114f * blue - mean[0]) * scale[0];
          case RGB -> {
            out[i] = (red - mean[0]) * scale[0];
            out[plane + i] = (green - mean[1]) * scale[1];
            out[2 * plane + i] = (blue - mean[2]) * scale[2];
          }
          case BGR -> {
            out[i] = (blue - mean[0]) * scale[0];
            out[plane + i] = (green - mean[1]) * scale[1];
            out[2 * plane + i] = (red - mean[2]) * scale[2];
          }
        }
      }
    }
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
