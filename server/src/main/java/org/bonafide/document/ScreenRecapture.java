package org.bonafide.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code screen-recapture}: a document photographed off a screen carries the screen's pixel grid.
 * Sampled by the camera's own grid at a slight angle and scale, it shows as moiré: strong,
 * isolated peaks in the 2D spectrum away from the axes, where a printed page or a natural scene
 * has a smooth falloff and edge streaks through the origin. A refreshing screen also leaves
 * periodic horizontal bands (rolling shutter against the refresh), a peak in the spectrum of the
 * row means.
 *
 * <p>Five windows (centre and four quadrant centres) of 256 pixels (128 on small images): mean
 * removed, Hann window, 2D FFT, power. A peak counts when its power exceeds {@code
 * min-peak-contrast} times the median of its frequency ring and {@code min-peak-isolation} times
 * its radial neighbours three bins in and out (an edge streak is continuous along the radius), off
 * the axes and off the JPEG grid's harmonics (multiples of N/8). Fires when at least {@code
 * min-moire-windows} windows have such a peak, or the row-mean spectrum (periods 4-64 rows) has a
 * peak above {@code min-band-contrast} times its median in every column strip, in phase across the
 * strips (text lines and printed patterns do not span the width in step; refresh bands do).
 */
final class ScreenRecapture {
  static final String ID = "screen-recapture";

  private final PageForensics.Settings settings;

  ScreenRecapture(PageForensics.Settings settings) {
    this.settings = settings;
  }

  DocumentCheck check(PageForensicsImage image) {
    int n = Math.min(image.width(), image.height()) >= 512 ? 256 : 128;
    Map<String, Object> details = new LinkedHashMap<>();
    if (image.width() < n || image.height() < n) {
      details.put("note", "image smaller than one analysis window");
      return DocumentCheck.pass(ID, 0.5, details);
    }
    List<Map<String, Object>> windows = new ArrayList<>();
    int moireWindows = 0;
    double strongest = 0;
    double[][] centres = {{0.5, 0.5}, {0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}};
    for (double[] c : centres) {
      int x0 = clamp((int) (c[0] * image.width()) - n / 2, image.width() - n);
      int y0 = clamp((int) (c[1] * image.height()) - n / 2, image.height() - n);
      Peak p = strongestPeak(image, x0, y0, n);
      boolean moire = p != null && p.contrast >= settings.minPeakContrast() && p.isolation >= settings.minPeakIsolation();
      if (moire) {
        moireWindows++;
      }
      if (p != null) {
        strongest = Math.max(strongest, Math.min(p.contrast, p.isolation * settings.minPeakContrast() / settings.minPeakIsolation()));
        windows.add(
            Map.of(
                "x", x0, "y", y0, "u", p.u, "v", p.v,
                "contrast", PageForensicsImage.round(p.contrast),
                "isolation", PageForensicsImage.round(p.isolation),
                "moire", moire));
      }
    }
    double band = bandingContrast(image);
    details.put("windowSize", n);
    details.put("windows", windows);
    details.put("moireWindows", moireWindows);
    details.put("minMoireWindows", settings.minMoireWindows());
    details.put("bandContrast", PageForensicsImage.round(band));
    details.put("minBandContrast", settings.minBandContrast());
    boolean moire = moireWindows >= settings.minMoireWindows();
    boolean banding = band >= settings.minBandContrast();
    details.put("moire", moire);
    details.put("banding", banding);
    double worst = Math.max(moireWindows / (double) settings.minMoireWindows(), band / settings.minBandContrast());
    double score = Math.max(0, Math.min(1, 1 - worst / 2));
    return moire || banding
        ? DocumentCheck.fail(ID, Math.min(score, 0.4), DocumentReason.SCREEN_RECAPTURE, details)
        : DocumentCheck.pass(ID, score, details);
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  record Peak(int u, int v, double contrast, double isolation) {}

  /** The window's best candidate peak: highest contrast among those passing the isolation test. */
  static Peak strongestPeak(PageForensicsImage image, int x0, int y0, int n) {
    double[] re = new double[n * n];
    double[] im = new double[n * n];
    double mean = 0;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        mean += image.luma(x0 + x, y0 + y);
      }
    }
    mean /= n * n;
    double[] hann = new double[n];
    for (int i = 0; i < n; i++) {
      hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
    }
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        re[y * n + x] = (image.luma(x0 + x, y0 + y) - mean) * hann[x] * hann[y];
      }
    }
    Fft.transform2d(re, im, n);
    double[] power = new double[n * n];
    for (int i = 0; i < power.length; i++) {
      power[i] = re[i] * re[i] + im[i] * im[i];
    }
    // Ring medians over the half plane (the spectrum of a real image is symmetric).
    int maxRadius = n / 2;
    List<List<Double>> rings = new ArrayList<>();
    for (int r = 0; r <= maxRadius; r++) {
      rings.add(new ArrayList<>());
    }
    for (int v = 0; v < n / 2; v++) {
      for (int u = -n / 2; u < n / 2; u++) {
        int r = (int) Math.round(Math.hypot(u, v));
        if (r <= maxRadius) {
          rings.get(r).add(power[v * n + Math.floorMod(u, n)]);
        }
      }
    }
    double[] ringMedian = new double[maxRadius + 1];
    for (int r = 0; r <= maxRadius; r++) {
      ringMedian[r] = PageForensicsImage.median(rings.get(r).stream().mapToDouble(Double::doubleValue).toArray());
    }
    Peak best = null;
    int grid = n / 8;
    for (int v = 1; v < n / 2; v++) {
      for (int u = -n / 2 + 1; u < n / 2; u++) {
        if (Math.abs(u) <= 2 || v <= 2) {
          continue;
        }
        if (nearMultiple(u, grid) && nearMultiple(v, grid)) {
          continue;
        }
        double radius = Math.hypot(u, v);
        int r = (int) Math.round(radius);
        if (r < n / 32 || r > maxRadius - 4) {
          continue;
        }
        double p = power[v * n + Math.floorMod(u, n)];
        double contrast = p / (ringMedian[r] + 1e-9);
        if (best != null && contrast <= best.contrast) {
          continue;
        }
        if (!localMaximum(power, n, u, v)) {
          continue;
        }
        double in = radial(power, n, u, v, radius - 3);
        double out = radial(power, n, u, v, radius + 3);
        double isolation = p / (Math.max(in, out) + 1e-9);
        best = new Peak(u, v, contrast, isolation);
        if (isolation < 1) {
          best = null;
        }
      }
    }
    return best;
  }

  private static boolean nearMultiple(int value, int step) {
    int m = Math.floorMod(Math.abs(value), step);
    return m <= 1 || m >= step - 1;
  }

  private static boolean localMaximum(double[] power, int n, int u, int v) {
    double p = power[v * n + Math.floorMod(u, n)];
    for (int dv = -1; dv <= 1; dv++) {
      for (int du = -1; du <= 1; du++) {
        if ((du != 0 || dv != 0) && power[Math.floorMod(v + dv, n) * n + Math.floorMod(u + du, n)] > p) {
          return false;
        }
      }
    }
    return true;
  }

  /** The largest power in the 3x3 neighbourhood of the point at the same angle and another radius. */
  private static double radial(double[] power, int n, int u, int v, double radius) {
    double scale = radius / Math.hypot(u, v);
    int cu = (int) Math.round(u * scale);
    int cv = (int) Math.round(v * scale);
    double max = 0;
    for (int dv = -1; dv <= 1; dv++) {
      for (int du = -1; du <= 1; du++) {
        max = Math.max(max, power[Math.floorMod(cv + dv, n) * n + Math.floorMod(cu + du, n)]);
      }
    }
    return max;
  }

  /**
   * Refresh banding runs across the whole width in step; text lines and printed patterns do not.
   * The page is cut into four column strips; per strip, row means minus their 33-row moving
   * average, Hann-windowed and transformed. At each period of 4-64 rows: the weakest strip's
   * power over that strip's median power at the 16 neighbouring periods, counted only where the strips' phases agree
   * (mean unit phasor length at least 0.8). The result is the largest such value.
   */
  static double bandingContrast(PageForensicsImage image) {
    int h = image.height();
    int strips = 4;
    if (h < 128 || image.width() < 4 * strips) {
      return 0;
    }
    int n = Integer.highestOneBit(h);
    int offset = (h - n) / 2;
    int lo = Math.max(2, n / 64);
    int hi = n / 4;
    double[][] contrast = new double[strips][hi - lo + 1];
    double[][] phaseRe = new double[strips][hi - lo + 1];
    double[][] phaseIm = new double[strips][hi - lo + 1];
    int stripWidth = image.width() / strips;
    for (int s = 0; s < strips; s++) {
      double[] rows = new double[h];
      for (int y = 0; y < h; y++) {
        double sum = 0;
        for (int x = s * stripWidth; x < (s + 1) * stripWidth; x++) {
          sum += image.luma(x, y);
        }
        rows[y] = sum / stripWidth;
      }
      double[] re = new double[n];
      double[] im = new double[n];
      for (int i = 0; i < n; i++) {
        int y = offset + i;
        double local = 0;
        int count = 0;
        for (int k = Math.max(0, y - 16); k <= Math.min(h - 1, y + 16); k++) {
          local += rows[k];
          count++;
        }
        re[i] = (rows[y] - local / count) * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)));
      }
      Fft.transform(re, im);
      double[] power = new double[hi - lo + 1];
      for (int k = lo; k <= hi; k++) {
        power[k - lo] = re[k] * re[k] + im[k] * im[k];
        double magnitude = Math.sqrt(power[k - lo]) + 1e-12;
        phaseRe[s][k - lo] = re[k] / magnitude;
        phaseIm[s][k - lo] = im[k] / magnitude;
      }
      // Against the median of the neighbouring periods, so a smooth slope of the spectrum (shading
      // the moving average leaves) does not count as a peak.
      for (int k = 0; k < power.length; k++) {
        double[] around = java.util.Arrays.copyOfRange(power, Math.max(0, k - 8), Math.min(power.length, k + 9));
        contrast[s][k] = power[k] / (PageForensicsImage.median(around) + 1e-9);
      }
    }
    double best = 0;
    for (int k = 0; k <= hi - lo; k++) {
      int bin = k + lo;
      int grid = n / 8;
      if (Math.floorMod(bin, grid) <= 1 || Math.floorMod(bin, grid) >= grid - 1) {
        // Periods of 8 and 4 rows: the JPEG block grid, not a screen.
        continue;
      }
      double weakest = Double.MAX_VALUE;
      double sumRe = 0;
      double sumIm = 0;
      for (int s = 0; s < strips; s++) {
        weakest = Math.min(weakest, contrast[s][k]);
        sumRe += phaseRe[s][k];
        sumIm += phaseIm[s][k];
      }
      if (Math.hypot(sumRe, sumIm) / strips >= 0.8) {
        best = Math.max(best, weakest);
      }
    }
    return best;
  }

  /** In-place iterative radix-2 complex FFT. */
  static final class Fft {
    private Fft() {}

    /** Forward transform of (re, im); the length is a power of two. */
    static void transform(double[] re, double[] im) {
      int n = re.length;
      if (Integer.bitCount(n) != 1) {
        throw new IllegalArgumentException("FFT length must be a power of two, was " + n);
      }
      for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; (j & bit) != 0; bit >>= 1) {
          j ^= bit;
        }
        j ^= bit;
        if (i < j) {
          double t = re[i];
          re[i] = re[j];
          re[j] = t;
          t = im[i];
          im[i] = im[j];
          im[j] = t;
        }
      }
      for (int len = 2; len <= n; len <<= 1) {
        double angle = -2 * Math.PI / len;
        double wr = Math.cos(angle);
        double wi = Math.sin(angle);
        for (int i = 0; i < n; i += len) {
          double cr = 1;
          double ci = 0;
          for (int k = 0; k < len / 2; k++) {
            int a = i + k;
            int b = a + len / 2;
            double br = re[b] * cr - im[b] * ci;
            double bi = re[b] * ci + im[b] * cr;
            re[b] = re[a] - br;
            im[b] = im[a] - bi;
            re[a] += br;
            im[a] += bi;
            double next = cr * wr - ci * wi;
            ci = cr * wi + ci * wr;
            cr = next;
          }
        }
      }
    }

    /** Forward 2D transform of an n x n row-major grid: rows, then columns. */
    static void transform2d(double[] re, double[] im, int n) {
      double[] r = new double[n];
      double[] i = new double[n];
      for (int y = 0; y < n; y++) {
        System.arraycopy(re, y * n, r, 0, n);
        System.arraycopy(im, y * n, i, 0, n);
        transform(r, i);
        System.arraycopy(r, 0, re, y * n, n);
        System.arraycopy(i, 0, im, y * n, n);
      }
      for (int x = 0; x < n; x++) {
        for (int y = 0; y < n; y++) {
          r[y] = re[y * n + x];
          i[y] = im[y * n + x];
        }
        transform(r, i);
        for (int y = 0; y < n; y++) {
          re[y * n + x] = r[y];
          im[y * n + x] = i[y];
        }
      }
    }
  }
}
