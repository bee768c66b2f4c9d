package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.image.BufferedImage;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.ExifOrientation;

/**
 * A photo of a document as grey levels, and its decoding. Decoding refuses empty, corrupt and
 * oversized images with a {@link BonafideException} carrying an image {@link ErrorCode}.
 *
 * @param width pixels per row
 * @param height rows
 * @param grey luminance 0-255 row-major ({@code width * height} values)
 * @param saturated per pixel, whether every colour channel is at least {@link #SATURATED}
 */
record DocumentPhoto(int width, int height, int[] grey, boolean[] saturated) {
  /** A channel value at or above this is clipped highlight. */
  static final int SATURATED = 250;
  static final long MAX_PIXELS = 40_000_000L;

  DocumentPhoto {
    checkArgument(width > 0 && height > 0, "a photo has pixels, was %sx%s", width, height);
    checkArgument(grey.length == width * height, "grey levels are width*height");
    checkArgument(saturated.length == grey.length, "saturation flags are width*height");
  }

  /** Decodes an encoded image (JPEG, PNG, any format ImageIO reads), turned upright by its EXIF orientation. */
  static DocumentPhoto decode(byte[] bytes) {
    BufferedImage image = BoundedImageReader.read(bytes, MAX_PIXELS, "The document image");
    // a phone held upright stores a landscape card turned, with the turn in EXIF
    boolean jpeg = bytes.length > 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
    ExifOrientation orientation = jpeg ? ExifOrientation.of(bytes) : ExifOrientation.AS_STORED;
    return of(orientation.value() == 1 ? image : orientation.upright(image));
  }

  /** The grey levels of an image already decoded. */
  static DocumentPhoto of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    checkArgument((long) w * h <= MAX_PIXELS, "a document photo has at most %s pixels", MAX_PIXELS);
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    int[] grey = new int[rgb.length];
    boolean[] saturated = new boolean[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      int r = (rgb[i] >> 16) & 0xff;
      int g = (rgb[i] >> 8) & 0xff;
      int b = rgb[i] & 0xff;
      grey[i] = (299 * r + 587 * g + 114 * b + 500) / 1000;
      saturated[i] = r >= SATURATED && g >= SATURATED && b >= SATURATED;
    }
    return new DocumentPhoto(w, h, grey, saturated);
  }

  int at(int x, int y) {
    return grey[y * width + x];
  }

  /** Bilinear grey level at a sub-pixel position; outside the photo it is the nearest edge pixel. */
  double sample(double x, double y) {
    double cx = Math.max(0, Math.min(width - 1.001, x));
    double cy = Math.max(0, Math.min(height - 1.001, y));
    int x0 = (int) cx;
    int y0 = (int) cy;
    double fx = cx - x0;
    double fy = cy - y0;
    int x1 = Math.min(x0 + 1, width - 1);
    int y1 = Math.min(y0 + 1, height - 1);
    double top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
    double bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
    return top * (1 - fy) + bottom * fy;
  }

  /** The photo scaled by an integer factor down (box average), for the coarse searches. */
  DocumentPhoto shrink(int factor) {
    checkArgument(factor >= 1, "a shrink factor is at least 1");
    if (factor == 1) {
      return this;
    }
    int w = Math.max(1, width / factor);
    int h = Math.max(1, height / factor);
    int[] g = new int[w * h];
    boolean[] s = new boolean[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int sum = 0;
        int sat = 0;
        for (int dy = 0; dy < factor; dy++) {
          int row = (y * factor + dy) * width;
          for (int dx = 0; dx < factor; dx++) {
            sum += grey[row + x * factor + dx];
            sat += saturated[row + x * factor + dx] ? 1 : 0;
          }
        }
        g[y * w + x] = sum / (factor * factor);
        s[y * w + x] = sat * 2 > factor * factor;
      }
    }
    return new DocumentPhoto(w, h, g, s);
  }

  /** The photo turned by 180 degrees. */
  DocumentPhoto rotated180() {
    int n = grey.length;
    int[] g = new int[n];
    boolean[] s = new boolean[n];
    for (int i = 0; i < n; i++) {
      g[n - 1 - i] = grey[i];
      s[n - 1 - i] = saturated[i];
    }
    return new DocumentPhoto(width, height, g, s);
  }

  /** The photo turned by {@code degrees} (counter-clockwise positive) about its centre, same size. */
  DocumentPhoto rotated(double degrees) {
    double a = Math.toRadians(degrees);
    double cos = Math.cos(a);
    double sin = Math.sin(a);
    double cx = width / 2.0;
    double cy = height / 2.0;
    int[] g = new int[grey.length];
    boolean[] s = new boolean[grey.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double dx = x - cx;
        double dy = y - cy;
        double sx = cx + dx * cos - dy * sin;
        double sy = cy + dx * sin + dy * cos;
        g[y * width + x] = (int) Math.round(sample(sx, sy));
        int nx = (int) Math.round(Math.max(0, Math.min(width - 1, sx)));
        int ny = (int) Math.round(Math.max(0, Math.min(height - 1, sy)));
        s[y * width + x] = saturated[ny * width + nx];
      }
    }
    return new DocumentPhoto(width, height, g, s);
  }

  /** Otsu's threshold of the grey levels inside a rectangle: at or below it is dark. */
  int otsu(int x0, int y0, int x1, int y1) {
    int[] histogram = new int[256];
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        histogram[at(x, y)]++;
      }
    }
    return otsu(histogram);
  }

  static int otsu(int[] histogram) {
    long total = 0;
    long sum = 0;
    for (int i = 0; i < 256; i++) {
      total += histogram[i];
      sum += (long) i * histogram[i];
    }
    long weightBack = 0;
    long sumBack = 0;
    double best = -1;
    int threshold = 127;
    for (int t = 0; t < 256; t++) {
      weightBack += histogram[t];
      if (weightBack == 0) {
        continue;
      }
      long weightFore = total - weightBack;
      if (weightFore == 0) {
        break;
      }
      sumBack += (long) t * histogram[t];
      double meanBack = (double) sumBack / weightBack;
      double meanFore = (double) (sum - sumBack) / weightFore;
      double between = (double) weightBack * weightFore * (meanBack - meanFore) * (meanBack - meanFore);
      if (between > best) {
        best = between;
        threshold = t;
      }
    }
    return threshold;
  }
}
