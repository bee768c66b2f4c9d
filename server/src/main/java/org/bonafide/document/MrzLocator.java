package org.bonafide.document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the machine-readable zone on an upright document: two or three rows of dark text of
 * near-equal length, spanning most of the document's width, one under the other.
 *
 * <p>Dark pixels (Otsu) are joined along each row across gaps narrower than a few characters (a
 * horizontal morphological closing); rows whose longest joined run covers most of the width form
 * bands, each band is grown up and down to its characters' full height, and the lowest group of two
 * or three bands of equal length and height at regular spacing is the MRZ. Before that the text
 * lines' small rotation is estimated (the angle whose row projection of dark pixels is sharpest)
 * and undone.
 */
final class MrzLocator {
  /** A row belongs to a text line of the MRZ when its joined dark run covers this share of the width. */
  static final double MIN_LINE_SHARE = 0.6;
  /** Dark gaps narrower than this share of the width are joined: letter spacing, not column gaps. */
  static final double JOIN_GAP_SHARE = 0.03;
  /** Rows within this share of the height above or below count with a row (vertical closing). */
  static final double VERTICAL_REACH_SHARE = 0.006;
  static final double MAX_SKEW_DEGREES = 8;
  /**
   * Text heights, in pixels, the lines are scaled to for the OCR engine (Tesseract reads 30-40 px
   * text best); each line is read at each height and the readings are combined.
   */
  static final List<Integer> OCR_TEXT_HEIGHTS = List.of(36, 40, 44);

  /** One text line of the MRZ in document pixels: rows {@code top..bottom-1}, columns {@code left..right-1}. */
  record Line(int top, int bottom, int left, int right) {
    int height() {
      return bottom - top;
    }

    int length() {
      return right - left;
    }

    double centre() {
      return (top + bottom) / 2.0;
    }
  }

  /**
   * The MRZ found.
   *
   * @param document the document as it was searched (deskewed)
   * @param lines the MRZ's lines, top to bottom
   * @param skewDegrees the rotation undone before the search
   */
  record Zone(DocumentPhoto document, List<Line> lines, double skewDegrees) {
    /** Whether the zone lies in the document's lower part, where ICAO 9303 puts it. */
    boolean atBottom() {
      return lines.get(0).top() > document.height() * 0.45;
    }
  }

  private MrzLocator() {}

  /** The MRZ of an upright document, or null when no group of lines looks like one. */
  static Zone locate(DocumentPhoto document) {
    double skew = skewDegrees(document);
    DocumentPhoto upright = Math.abs(skew) >= 0.3 ? document.rotated(-skew) : document;
    List<Line> lines = lines(upright);
    List<Line> group = bestGroup(lines, upright.height());
    return group == null ? null : new Zone(upright, group, skew);
  }

  /** The angle (degrees, counter-clockwise positive) of the document's text lines. */
  static double skewDegrees(DocumentPhoto d) {
    int threshold = d.otsu(0, 0, d.width(), d.height());
    int step = 2;
    List<int[]> dark = new ArrayList<>();
    for (int y = 0; y < d.height(); y += step) {
      for (int x = 0; x < d.width(); x += step) {
        if (d.at(x, y) <= threshold) {
          dark.add(new int[] {x, y});
        }
      }
    }
    if (dark.isEmpty()) {
      return 0;
    }
    double best = 0;
    double bestScore = -1;
    // bins as tall as the sampling step, or angle 0 would win by aliasing alone
    int bins = (d.height() + d.width()) / step + 1;
    for (double angle = -MAX_SKEW_DEGREES; angle <= MAX_SKEW_DEGREES + 1e-9; angle += 0.25) {
      double a = Math.toRadians(angle);
      double sin = Math.sin(a);
      double cos = Math.cos(a);
      int[] histogram = new int[bins];
      for (int[] p : dark) {
        // the row a pixel falls in once the text is turned back by the angle
        int row = (int) Math.floor((p[1] * cos + (p[0] - d.width() / 2.0) * sin + d.width() / 2.0) / step);
        if (row >= 0 && row < bins) {
          histogram[row]++;
        }
      }
      double score = 0;
      for (int c : histogram) {
        score += (double) c * c;
      }
      if (score > bestScore + 1e-6 || (Math.abs(score - bestScore) <= 1e-6 && Math.abs(angle) < Math.abs(best))) {
        bestScore = score;
        best = angle;
      }
    }
    return best;
  }

  /** Every long text line on the document, top to bottom. */
  static List<Line> lines(DocumentPhoto d) {
    int w = d.width();
    int h = d.height();
    int threshold = d.otsu(0, 0, w, h);
    int gap = Math.max(2, (int) Math.round(w * JOIN_GAP_SHARE));
    // a pixel counts as dark when any pixel within a few rows above or below is: a character's
    // sparse top and bottom rows then join like its middle (the vertical part of the closing)
    int reach = Math.max(1, (int) Math.round(h * VERTICAL_REACH_SHARE));
    int[] columnCount = new int[w];
    for (int y = 0; y < Math.min(h, reach); y++) {
      for (int x = 0; x < w; x++) {
        columnCount[x] += d.at(x, y) <= threshold ? 1 : 0;
      }
    }
    int[] runStart = new int[h];
    int[] runEnd = new int[h];
    for (int y = 0; y < h; y++) {
      if (y + reach < h) {
        for (int x = 0; x < w; x++) {
          columnCount[x] += d.at(x, y + reach) <= threshold ? 1 : 0;
        }
      }
      if (y - reach - 1 >= 0) {
        for (int x = 0; x < w; x++) {
          columnCount[x] -= d.at(x, y - reach - 1) <= threshold ? 1 : 0;
        }
      }
      int bestStart = 0;
      int bestEnd = 0;
      int start = -1;
      int lastDark = -gap - 1;
      for (int x = 0; x < w; x++) {
        if (columnCount[x] == 0) {
          continue;
        }
        if (x - lastDark > gap) {
          start = x;
        }
        lastDark = x;
        if (x + 1 - start > bestEnd - bestStart) {
          bestStart = start;
          bestEnd = x + 1;
        }
      }
      runStart[y] = bestStart;
      runEnd[y] = bestEnd;
    }
    List<Line> lines = new ArrayList<>();
    int y = 0;
    while (y < h) {
      if (runEnd[y] - runStart[y] < MIN_LINE_SHARE * w) {
        y++;
        continue;
      }
      int top = y;
      List<Integer> starts = new ArrayList<>();
      List<Integer> ends = new ArrayList<>();
      while (y < h && runEnd[y] - runStart[y] >= MIN_LINE_SHARE * w) {
        starts.add(runStart[y]);
        ends.add(runEnd[y]);
        y++;
      }
      int left = starts.stream().sorted().toList().get(starts.size() / 2);
      int right = ends.stream().sorted().toList().get(ends.size() / 2);
      lines.add(grow(d, threshold, top, y, left, right));
    }
    // growing can make neighbours touch: keep lines apart and drop duplicates
    List<Line> distinct = new ArrayList<>();
    for (Line line : lines) {
      if (distinct.isEmpty() || line.top() >= distinct.get(distinct.size() - 1).bottom()) {
        distinct.add(line);
      }
    }
    return distinct;
  }

  /** The band's rows extended to where its characters end (their tops and bottoms are sparse). */
  private static Line grow(DocumentPhoto d, int threshold, int top, int bottom, int left, int right) {
    int core = bottom - top;
    int limit = Math.max(2, core);
    int minDark = Math.max(2, (int) ((right - left) * 0.01));
    int t = top;
    while (t > 0 && top - t < limit && darkCount(d, threshold, t - 1, left, right) >= minDark) {
      t--;
    }
    int b = bottom;
    while (b < d.height() && b - bottom < limit && darkCount(d, threshold, b, left, right) >= minDark) {
      b++;
    }
    return new Line(t, b, left, right);
  }

  private static int darkCount(DocumentPhoto d, int threshold, int y, int left, int right) {
    int n = 0;
    for (int x = left; x < right; x++) {
      if (d.at(x, y) <= threshold) {
        n++;
      }
    }
    return n;
  }

  /** The lowest group of 3 (TD1) or 2 (TD2, TD3) consecutive lines alike in length, height and spacing. */
  static List<Line> bestGroup(List<Line> lines, int documentHeight) {
    List<List<Line>> groups = new ArrayList<>();
    for (int size = 3; size >= 2; size--) {
      for (int i = 0; i + size <= lines.size(); i++) {
        List<Line> group = lines.subList(i, i + size);
        if (alike(group, documentHeight)) {
          groups.add(List.copyOf(group));
        }
      }
    }
    // the lowest group wins; of groups ending on the same line the larger one (a TD1's three lines)
    return groups.stream()
        .max(Comparator.<List<Line>>comparingDouble(g -> g.get(g.size() - 1).centre()).thenComparingInt(List::size))
        .orElse(null);
  }

  private static boolean alike(List<Line> group, int documentHeight) {
    int maxLength = group.stream().mapToInt(Line::length).max().orElseThrow();
    int minLength = group.stream().mapToInt(Line::length).min().orElseThrow();
    int maxHeight = group.stream().mapToInt(Line::height).max().orElseThrow();
    int minHeight = group.stream().mapToInt(Line::height).min().orElseThrow();
    if (minLength < 0.85 * maxLength || minHeight < 0.6 * maxHeight) {
      return false;
    }
    if (maxHeight < 0.012 * documentHeight || maxHeight > 0.1 * documentHeight) {
      return false;
    }
    for (int i = 1; i < group.size(); i++) {
      double pitch = group.get(i).centre() - group.get(i - 1).centre();
      if (pitch > 2.6 * maxHeight) {
        return false;
      }
    }
    return true;
  }

  /**
   * A line cut out of the document, scaled to {@code textHeight}, binarised (Otsu) and framed
   * by a white margin, as grey bytes for the OCR engine.
   */
  static LineImage lineImage(DocumentPhoto d, Line line, int textHeight) {
    double scale = (double) textHeight / Math.max(1, line.height());
    int padY = (int) Math.ceil(line.height() * 0.25);
    int padX = line.height();
    int x0 = Math.max(0, line.left() - padX);
    int x1 = Math.min(d.width(), line.right() + padX);
    int y0 = Math.max(0, line.top() - padY);
    int y1 = Math.min(d.height(), line.bottom() + padY);
    int w = Math.max(1, (int) Math.round((x1 - x0) * scale));
    int h = Math.max(1, (int) Math.round((y1 - y0) * scale));
    int[] scaled = new int[w * h];
    int[] histogram = new int[256];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = (int) Math.round(d.sample(x0 + (x + 0.5) / scale - 0.5, y0 + (y + 0.5) / scale - 0.5));
        scaled[y * w + x] = v;
        histogram[v]++;
      }
    }
    int threshold = DocumentPhoto.otsu(histogram);
    int margin = textHeight / 2;
    int outW = w + 2 * margin;
    int outH = h + 2 * margin;
    byte[] out = new byte[outW * outH];
    java.util.Arrays.fill(out, (byte) 255);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out[(y + margin) * outW + x + margin] = scaled[y * w + x] <= threshold ? 0 : (byte) 255;
      }
    }
    return new LineImage(out, outW, outH);
  }

  /** A binarised line image: grey bytes, 0 text, 255 paper. */
  record LineImage(byte[] pixels, int width, int height) {}
}
