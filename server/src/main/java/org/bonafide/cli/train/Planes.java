package org.bonafide.cli.train;

import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.bonafide.biometrics.JpegEncoder;

/**
 * Operations on square planar float images ({@code channels x size x size}, values 0-255, the
 * layout {@link org.bonafide.biometrics.FaceAlignment} cuts): the few a self-blend needs.
 */
final class Planes {
  private Planes() {}

  /** Separable Gaussian blur (kernel radius 3 sigma), repeating the border. */
  static float[] blur(float[] in, int size, double sigma) {
    if (sigma <= 0.05) {
      return in.clone();
    }
    int radius = Math.max(1, (int) Math.ceil(3 * sigma));
    float[] kernel = new float[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      kernel[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
      sum += kernel[i + radius];
    }
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = (float) (kernel[i] / sum);
    }
    int plane = size * size;
    int channels = in.length / plane;
    float[] tmp = new float[in.length];
    float[] out = new float[in.length];
    for (int c = 0; c < channels; c++) {
      int base = c * plane;
      for (int y = 0; y < size; y++) {
        int row = base + y * size;
        for (int x = 0; x < size; x++) {
          float acc = 0;
          for (int k = -radius; k <= radius; k++) {
            acc += kernel[k + radius] * in[row + clamp(x + k, size)];
          }
          tmp[row + x] = acc;
        }
      }
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          float acc = 0;
          for (int k = -radius; k <= radius; k++) {
            acc += kernel[k + radius] * tmp[base + clamp(y + k, size) * size + x];
          }
          out[base + y * size + x] = acc;
        }
      }
    }
    return out;
  }

  /** Output pixel (u, v) reads the input at {@code m} applied to (u, v), bilinear, border repeated. */
  static float[] warp(float[] in, int size, double[] m) {
    int plane = size * size;
    int channels = in.length / plane;
    float[] out = new float[in.length];
    for (int v = 0; v < size; v++) {
      for (int u = 0; u < size; u++) {
        double sx = m[0] * u + m[1] * v + m[2];
        double sy = m[3] * u + m[4] * v + m[5];
        sampleInto(in, size, channels, sx, sy, out, v * size + u);
      }
    }
    return out;
  }

  /**
   * Output pixel (x, y) reads the input at (x + dx, y + dy), where (dx, dy) is interpolated
   * bilinearly from a coarse {@code grid x grid} field of offsets: a smooth, elastic deformation.
   */
  static float[] deform(float[] in, int size, float[] dx, float[] dy, int grid) {
    int plane = size * size;
    int channels = in.length / plane;
    float[] out = new float[in.length];
    double cell = (size - 1.0) / (grid - 1);
    for (int y = 0; y < size; y++) {
      double gy = y / cell;
      int y0 = Math.min((int) gy, grid - 2);
      double fy = gy - y0;
      for (int x = 0; x < size; x++) {
        double gx = x / cell;
        int x0 = Math.min((int) gx, grid - 2);
        double fx = gx - x0;
        double ox = bilinear(dx, grid, x0, y0, fx, fy);
        double oy = bilinear(dy, grid, x0, y0, fx, fy);
        sampleInto(in, size, channels, x + ox, y + oy, out, y * size + x);
      }
    }
    return out;
  }

  private static double bilinear(float[] g, int grid, int x0, int y0, double fx, double fy) {
    double top = g[y0 * grid + x0] + fx * (g[y0 * grid + x0 + 1] - g[y0 * grid + x0]);
    double bottom = g[(y0 + 1) * grid + x0] + fx * (g[(y0 + 1) * grid + x0 + 1] - g[(y0 + 1) * grid + x0]);
    return top + fy * (bottom - top);
  }

  private static void sampleInto(float[] in, int size, int channels, double sx, double sy, float[] out, int index) {
    int x0 = (int) Math.floor(sx);
    int y0 = (int) Math.floor(sy);
    float fx = (float) (sx - x0);
    float fy = (float) (sy - y0);
    int xa = clamp(x0, size);
    int xb = clamp(x0 + 1, size);
    int ya = clamp(y0, size) * size;
    int yb = clamp(y0 + 1, size) * size;
    int plane = size * size;
    for (int c = 0; c < channels; c++) {
      int base = c * plane;
      float top = in[base + ya + xa] + fx * (in[base + ya + xb] - in[base + ya + xa]);
      float bottom = in[base + yb + xa] + fx * (in[base + yb + xb] - in[base + yb + xa]);
      out[base + index] = top + fy * (bottom - top);
    }
  }

  /** The convex hull of points (x0, y0, x1, y1, ...), counter-clockwise, by the monotone chain. */
  static float[] convexHull(float[] points) {
    int n = points.length / 2;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) ->
            points[2 * a] != points[2 * b]
                ? Float.compare(points[2 * a], points[2 * b])
                : Float.compare(points[2 * a + 1], points[2 * b + 1]));
    int[] hull = new int[2 * n];
    int k = 0;
    for (int pass = 0; pass < 2; pass++) {
      int start = k;
      for (int j = 0; j < n; j++) {
        int i = order[pass == 0 ? j : n - 1 - j];
        while (k >= start + 2 && cross(points, hull[k - 2], hull[k - 1], i) <= 0) {
          k--;
        }
        hull[k++] = i;
      }
      k--;
    }
    float[] out = new float[2 * k];
    for (int i = 0; i < k; i++) {
      out[2 * i] = points[2 * hull[i]];
      out[2 * i + 1] = points[2 * hull[i] + 1];
    }
    return out;
  }

  private static double cross(float[] p, int o, int a, int b) {
    return (double) (p[2 * a] - p[2 * o]) * (p[2 * b + 1] - p[2 * o + 1])
        - (double) (p[2 * a + 1] - p[2 * o + 1]) * (p[2 * b] - p[2 * o]);
  }

  /** A one-plane mask, 1 inside the polygon and 0 outside (anti-aliased edge). */
  static float[] fill(float[] polygon, int size) {
    BufferedImage canvas = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    Path2D.Float path = new Path2D.Float();
    path.moveTo(polygon[0], polygon[1]);
    for (int i = 2; i + 1 < polygon.length; i += 2) {
      path.lineTo(polygon[i], polygon[i + 1]);
    }
    path.closePath();
    java.awt.Graphics2D g = canvas.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(java.awt.Color.WHITE);
      g.fill(path);
    } finally {
      g.dispose();
    }
    byte[] data = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
    float[] mask = new float[size * size];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = (data[i] & 0xff) / 255f;
    }
    return mask;
  }

  /** A planar BGR crop as a {@code TYPE_3BYTE_BGR} image, values rounded and clamped. */
  static BufferedImage toImage(float[] planes, int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
    byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    int plane = size * size;
    for (int i = 0; i < plane; i++) {
      data[3 * i] = toByte(planes[i]);
      data[3 * i + 1] = toByte(planes[plane + i]);
      data[3 * i + 2] = toByte(planes[2 * plane + i]);
    }
    return image;
  }

  /** A {@code TYPE_3BYTE_BGR} image as planar BGR floats. */
  static float[] fromImage(BufferedImage image) {
    int size = image.getWidth();
    BufferedImage bgr = image;
    if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
      bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
      bgr.getGraphics().drawImage(image, 0, 0, null);
    }
    byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    int plane = size * size;
    float[] planes = new float[3 * plane];
    for (int i = 0; i < plane; i++) {
      planes[i] = data[3 * i] & 0xff;
      planes[plane + i] = data[3 * i + 1] & 0xff;
      planes[2 * plane + i] = data[3 * i + 2] & 0xff;
    }
    return planes;
  }

  /** Encodes as JPEG at {@code quality} and decodes again: the compression's loss, as a camera or an upload adds it. */
  static float[] jpeg(float[] planes, int size, float quality) {
    byte[] bytes = JpegEncoder.encode(toImage(planes, size), quality);
    try {
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
      return fromImage(decoded);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Values clamped to 0-255 and rounded, as an 8-bit image stores them. */
  static float[] quantise(float[] planes) {
    float[] out = new float[planes.length];
    for (int i = 0; i < planes.length; i++) {
      out[i] = toByte(planes[i]) & 0xff;
    }
    return out;
  }

  private static byte toByte(float v) {
    return (byte) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static int clamp(int value, int size) {
    return value < 0 ? 0 : Math.min(value, size - 1);
  }
}
