package org.bonafide.document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code portrait-pasted}: a portrait pasted onto the page after it was photographed or scanned
 * meets the page along a straight, pixel-sharp step, while every edge the camera saw (print,
 * frame, text) is softened by its optics. Along each side of the portrait box (the best-aligned
 * line within a few pixels of the given side), two measures:
 *
 * <ul>
 *   <li>coverage: the share of positions with a strong one-pixel step, against the same share on
 *       rectangles shifted by 8-16 pixels (a printed photo's content crossing a line is not a
 *       straight edge);
 *   <li>crispness: the one-pixel step over the step across five pixels, against the median
 *       crispness of the page's other strong edges.
 * </ul>
 *
 * Seam score = (seam crispness / page crispness) x max(0, coverage - shifted coverage); above
 * {@code max-seam-score} the portrait looks pasted. A printed portrait's frame is as soft as the
 * rest of the page, so it scores about the coverage alone, below 1. Colour and sharpness steps
 * across the boundary are reported for the analyst.
 */
final class PortraitSeam {
  static final String ID = "portrait-pasted";
  private static final int SEARCH = 6;
  private static final int FOUND_SEARCH = 10;
  private static final double STEP = 12;

  private final PageForensics.Settings settings;

  PortraitSeam(PageForensics.Settings settings) {
    this.settings = settings;
  }

  DocumentCheck check(PageForensicsImage image, List<PageForensics.Region> regions) {
    PageForensics.Region portrait = null;
    for (PageForensics.Region r : regions) {
      if (r.kind() == PageForensics.Region.Kind.PORTRAIT) {
        portrait = r;
        break;
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("maxSeamScore", settings.maxSeamScore());
    if (portrait == null) {
      portrait = findPortrait(image);
      if (portrait != null) {
        portrait = refine(image, portrait);
      }
      details.put("portraitSource", portrait == null ? "none found" : "found");
    } else {
      details.put("portraitSource", "given");
    }
    if (portrait == null || portrait.width() < 24 || portrait.height() < 24) {
      details.put("note", "no portrait box to examine");
      return DocumentCheck.pass(ID, 0.5, details);
    }
    details.put("portrait", portrait.describe());
    Side[] sides = sides(image, portrait, 0);
    double coverage = 0;
    double oneStep = 0;
    double wideStep = 0;
    int used = 0;
    List<Map<String, Object>> perSide = new ArrayList<>();
    for (Side s : sides) {
      if (s == null) {
        continue;
      }
      used++;
      coverage += s.coverage;
      oneStep += s.oneStep;
      wideStep += s.wideStep;
      perSide.add(Map.of("side", s.name, "offset", s.offset, "coverage", PageForensicsImage.round(s.coverage)));
    }
    if (used < 2) {
      details.put("note", "the portrait box lies on the image border");
      return DocumentCheck.pass(ID, 0.5, details);
    }
    coverage /= used;
    double seamCrisp = wideStep < 1 ? 0 : oneStep / wideStep;
    double shifted = shiftedCoverage(image, portrait);
    double pageCrisp = pageCrispness(image);
    double crispRatio = pageCrisp <= 0 ? 1 : seamCrisp / pageCrisp;
    double score = crispRatio * Math.max(0, coverage - shifted);
    details.put("sides", perSide);
    details.put("coverage", PageForensicsImage.round(coverage));
    details.put("shiftedCoverage", PageForensicsImage.round(shifted));
    details.put("seamCrispness", PageForensicsImage.round(seamCrisp));
    details.put("pageCrispness", PageForensicsImage.round(pageCrisp));
    details.put("seamScore", PageForensicsImage.round(score));
    details.put("insideOutsideSharpnessLogRatio", PageForensicsImage.round(sharpnessLogRatio(image, portrait)));
    double s = Math.max(0, Math.min(1, 1 - score / (2 * settings.maxSeamScore())));
    return score > settings.maxSeamScore()
        ? DocumentCheck.fail(ID, Math.min(s, 0.4), DocumentReason.PORTRAIT_PASTED, details)
        : DocumentCheck.pass(ID, s, details);
  }

  /**
   * A found box is only block-accurate (8 pixels): each side moves to its best-aligned line within
   * {@link #FOUND_SEARCH} pixels, so the seam measure sees the edge itself.
   */
  static PageForensics.Region refine(PageForensicsImage image, PageForensics.Region r) {
    Side top = side(image, "top", r.x(), r.y(), r.width(), true, FOUND_SEARCH);
    Side bottom = side(image, "bottom", r.x(), r.y() + r.height(), r.width(), true, FOUND_SEARCH);
    Side left = side(image, "left", r.x(), r.y(), r.height(), false, FOUND_SEARCH);
    Side right = side(image, "right", r.x() + r.width(), r.y(), r.height(), false, FOUND_SEARCH);
    int x0 = r.x() + (left == null ? 0 : left.offset);
    int y0 = r.y() + (top == null ? 0 : top.offset);
    int x1 = r.x() + r.width() + (right == null ? 0 : right.offset);
    int y1 = r.y() + r.height() + (bottom == null ? 0 : bottom.offset);
    if (x1 - x0 < 24 || y1 - y0 < 24) {
      return r;
    }
    return PageForensics.Region.portrait(x0, y0, x1 - x0, y1 - y0);
  }

  /** One side of the box at its best-aligned line. */
  record Side(String name, int offset, double coverage, double oneStep, double wideStep) {}

  /** The four sides (top, bottom, left, right), null where a side lies too near the border. */
  private static Side[] sides(PageForensicsImage image, PageForensics.Region r, int shift) {
    return new Side[] {
      side(image, "top", r.x() + shift, r.y() + shift, r.width(), true),
      side(image, "bottom", r.x() + shift, r.y() + r.height() + shift, r.width(), true),
      side(image, "left", r.x() + shift, r.y() + shift, r.height(), false),
      side(image, "right", r.x() + r.width() + shift, r.y() + shift, r.height(), false)
    };
  }

  /**
   * A side: a line of {@code length} positions starting at (x, y), the boundary lying between
   * pixel row y-1 and y (horizontal) or column x-1 and x (vertical); the best line within
   * {@code search} pixels is the one with the largest mean one-pixel step.
   */
  private static Side side(PageForensicsImage image, String name, int x, int y, int length, boolean horizontal) {
    return side(image, name, x, y, length, horizontal, SEARCH);
  }

  private static Side side(PageForensicsImage image, String name, int x, int y, int length, boolean horizontal, int search) {
    int best = Integer.MIN_VALUE;
    double bestMean = -1;
    for (int o = -search; o <= search; o++) {
      double sum = 0;
      int n = 0;
      for (int i = 0; i < length; i++) {
        double d = step(image, horizontal ? x + i : x + o, horizontal ? y + o : y + i, horizontal, 0);
        if (!Double.isNaN(d)) {
          sum += Math.abs(d);
          n++;
        }
      }
      if (n > length / 2 && sum / n > bestMean) {
        bestMean = sum / n;
        best = o;
      }
    }
    if (best == Integer.MIN_VALUE) {
      return null;
    }
    int strong = 0;
    int n = 0;
    double one = 0;
    double wide = 0;
    for (int i = 0; i < length; i++) {
      int px = horizontal ? x + i : x + best;
      int py = horizontal ? y + best : y + i;
      double d = step(image, px, py, horizontal, 0);
      double w = step(image, px, py, horizontal, 2);
      if (Double.isNaN(d) || Double.isNaN(w)) {
        continue;
      }
      n++;
      if (Math.abs(d) >= STEP) {
        strong++;
      }
      if (Math.abs(w) >= 2 * STEP) {
        one += Math.abs(d);
        wide += Math.abs(w);
      }
    }
    return n == 0 ? null : new Side(name, best, strong / (double) n, one, wide);
  }

  /** L(p + reach) - L(p - 1 - reach) across the boundary before p, NaN outside the image. */
  private static double step(PageForensicsImage image, int x, int y, boolean horizontal, int reach) {
    int ax = horizontal ? x : x - 1 - reach;
    int ay = horizontal ? y - 1 - reach : y;
    int bx = horizontal ? x : x + reach;
    int by = horizontal ? y + reach : y;
    if (ax < 0 || ay < 0 || bx < 0 || by < 0 || ax >= image.width() || bx >= image.width() || ay >= image.height() || by >= image.height()) {
      return Double.NaN;
    }
    return image.luma(bx, by) - image.luma(ax, ay);
  }

  private static double shiftedCoverage(PageForensicsImage image, PageForensics.Region r) {
    List<Double> values = new ArrayList<>();
    for (int shift : new int[] {-16, -12, -8, 8, 12, 16}) {
      double sum = 0;
      int used = 0;
      for (Side s : sides(image, r, shift)) {
        if (s != null) {
          sum += s.coverage;
          used++;
        }
      }
      if (used >= 2) {
        values.add(sum / used);
      }
    }
    return values.isEmpty() ? 0 : PageForensicsImage.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * The median crispness of the page's strong edges: at every local maximum of the one-pixel step
   * whose five-pixel step exceeds twice {@link #STEP}, one-pixel step / five-pixel step.
   */
  static double pageCrispness(PageForensicsImage image) {
    List<Double> values = new ArrayList<>();
    int stride = Math.max(1, image.height() / 400);
    for (int y = 0; y < image.height(); y += stride) {
      for (int x = 3; x < image.width() - 3; x++) {
        double d = Math.abs(image.luma(x, y) - image.luma(x - 1, y));
        double w = Math.abs(image.luma(x + 2, y) - image.luma(x - 3, y));
        if (w >= 2 * STEP
            && d >= Math.abs(image.luma(x - 1, y) - image.luma(x - 2, y))
            && d > Math.abs(image.luma(x + 1, y) - image.luma(x, y))) {
          values.add(Math.min(1, d / w));
        }
      }
    }
    return values.isEmpty() ? 0 : PageForensicsImage.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** ln of the mean |Laplacian| in a band inside the box over a band outside it. */
  private static double sharpnessLogRatio(PageForensicsImage image, PageForensics.Region r) {
    double inside = 0;
    double outside = 0;
    int ni = 0;
    int no = 0;
    for (int y = Math.max(1, r.y() - 12); y < Math.min(image.height() - 1, r.y() + r.height() + 12); y++) {
      for (int x = Math.max(1, r.x() - 12); x < Math.min(image.width() - 1, r.x() + r.width() + 12); x++) {
        int dx = Math.min(Math.abs(x - r.x()), Math.abs(x - (r.x() + r.width())));
        int dy = Math.min(Math.abs(y - r.y()), Math.abs(y - (r.y() + r.height())));
        boolean in = x >= r.x() && x < r.x() + r.width() && y >= r.y() && y < r.y() + r.height();
        int distance = in ? Math.min(dx, dy) : Math.max(x < r.x() || x >= r.x() + r.width() ? dx : 0, y < r.y() || y >= r.y() + r.height() ? dy : 0);
        if (distance < 4 || distance > 12) {
          continue;
        }
        double lap = Math.abs(4 * image.luma(x, y) - image.luma(x - 1, y) - image.luma(x + 1, y) - image.luma(x, y - 1) - image.luma(x, y + 1));
        if (in) {
          inside += lap;
          ni++;
        } else {
          outside += lap;
          no++;
        }
      }
    }
    if (ni == 0 || no == 0) {
      return 0;
    }
    return Math.log((inside / ni + 0.5) / (outside / no + 0.5));
  }

  /**
   * When the caller gives no portrait box: 8x8 blocks that are textured or differ in colour from
   * the page's background (the median block colour) are grouped; the largest compact group (at
   * least 60% filled) that is roughly portrait-shaped (width/height 0.55-1.0) and covers at least 2%
   * of the page is the portrait. Text breaks into line-shaped groups and is not chosen. Null when
   * nothing fits.
   */
  static PageForensics.Region findPortrait(PageForensicsImage image) {
    int cols = image.width() / 8;
    int rows = image.height() / 8;
    if (cols < 4 || rows < 4) {
      return null;
    }
    double[][] means = new double[3][cols * rows];
    double[] variance = new double[cols * rows];
    for (int by = 0; by < rows; by++) {
      for (int bx = 0; bx < cols; bx++) {
        double sum = 0;
        double sq = 0;
        double[] c = new double[3];
        for (int y = by * 8; y < by * 8 + 8; y++) {
          for (int x = bx * 8; x < bx * 8 + 8; x++) {
            double v = image.luma(x, y);
            sum += v;
            sq += v * v;
            int p = image.rgb()[y * image.width() + x];
            c[0] += (p >> 16) & 0xff;
            c[1] += (p >> 8) & 0xff;
            c[2] += p & 0xff;
          }
        }
        double mean = sum / 64;
        variance[by * cols + bx] = sq / 64 - mean * mean;
        for (int k = 0; k < 3; k++) {
          means[k][by * cols + bx] = c[k] / 64;
        }
      }
    }
    double[] background = {PageForensicsImage.median(means[0]), PageForensicsImage.median(means[1]), PageForensicsImage.median(means[2])};
    boolean[] busy = new boolean[cols * rows];
    for (int i = 0; i < busy.length; i++) {
      double distance = Math.sqrt(Math.pow(means[0][i] - background[0], 2) + Math.pow(means[1][i] - background[1], 2) + Math.pow(means[2][i] - background[2], 2));
      busy[i] = variance[i] > 60 || distance > 30;
    }
    boolean[] seen = new boolean[busy.length];
    PageForensics.Region best = null;
    long bestArea = 0;
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int start = 0; start < busy.length; start++) {
      if (!busy[start] || seen[start]) {
        continue;
      }
      int minX = cols;
      int minY = rows;
      int maxX = -1;
      int maxY = -1;
      int count = 0;
      queue.add(start);
      seen[start] = true;
      while (!queue.isEmpty()) {
        int i = queue.poll();
        int bx = i % cols;
        int by = i / cols;
        count++;
        minX = Math.min(minX, bx);
        maxX = Math.max(maxX, bx);
        minY = Math.min(minY, by);
        maxY = Math.max(maxY, by);
        int[] next = {bx > 0 ? i - 1 : -1, bx < cols - 1 ? i + 1 : -1, by > 0 ? i - cols : -1, by < rows - 1 ? i + cols : -1};
        for (int n : next) {
          if (n >= 0 && busy[n] && !seen[n]) {
            seen[n] = true;
            queue.add(n);
          }
        }
      }
      int w = maxX - minX + 1;
      int h = maxY - minY + 1;
      double aspect = w / (double) h;
      long area = (long) w * h;
      if (aspect >= 0.55 && aspect <= 1.0 && count >= 0.6 * area && area * 50 >= (long) cols * rows && area > bestArea) {
        bestArea = area;
        best = PageForensics.Region.portrait(minX * 8, minY * 8, w * 8, h * 8);
      }
    }
    return best;
  }
}
