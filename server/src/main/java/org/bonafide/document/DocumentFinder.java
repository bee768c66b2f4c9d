package org.bonafide.document;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the document in a photo and checks that the photo is good enough to read it.
 *
 * <p>The document is taken to be the largest bright region (Otsu's threshold on a coarse copy)
 * whose four extreme corners enclose it tightly: a card or page held against a darker background.
 * Its quadrilateral is warped to an upright rectangle of the nearest ICAO aspect (ID-1 card
 * 85.6x54 mm, ID-2/ID-3 1.42). When no such outline stands out (a scan, a page filling the frame,
 * a white card on a white table) the whole photo is used. Then two quality checks run on the
 * document alone: blur (variance of the Laplacian) and glare (the share of clipped highlight
 * pixels, counted only when the paper itself is not clipped, since a scan's white paper is).
 */
final class DocumentFinder {
  static final double ID1_ASPECT = 85.6 / 54.0;
  static final double ID3_ASPECT = 125.0 / 88.0;
  /** Shorter document side, in photo pixels, below which the MRZ characters are too small to read. */
  static final int MIN_DOCUMENT_HEIGHT = 380;
  static final int MAX_CANONICAL_WIDTH = 1600;
  /** Variance of the Laplacian (grey levels squared) below which the document is blurred. */
  static final double MIN_SHARPNESS = 60;
  /** Share of the document's pixels that may be clipped highlights. */
  static final double MAX_GLARE_SHARE = 0.04;
  /** Median paper level at or above which clipped pixels are the paper itself (a scan), not glare. */
  static final int CLIPPED_PAPER = 240;
  /** Grey-level standard deviation below which the photo shows nothing (a blank or covered frame). */
  static final double MIN_CONTRAST = 6;

  /** Grey levels between the 1st and 99th percentiles of a well-exposed document photo. */
  static final double REFERENCE_RANGE = 200;

  /** The most the contrast is stretched before measuring sharpness. */
  static final double MAX_STRETCH = 4;
  private static final int COARSE_SIDE = 480;

  /**
   * What the finder saw.
   *
   * @param document the document, upright, warped to its canonical aspect (null when not found)
   * @param outline whether a document outline was found (false: the whole photo was used)
   * @param corners the outline in photo pixels, clockwise from top left (x0,y0,...,x3,y3)
   * @param sharpness variance of the Laplacian on the document
   * @param glare share of clipped highlight pixels counted as glare
   * @param reason why the photo cannot be read, or null
   */
  record Found(
      DocumentPhoto document, boolean outline, double[] corners, double sharpness, double glare, DocumentReason reason) {
    Map<String, Object> details() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("outlineFound", outline);
      d.put("corners", Arrays.stream(corners).map(c -> Math.round(c * 10) / 10.0).boxed().toList());
      d.put("sharpness", Math.round(sharpness * 10) / 10.0);
      d.put("glareShare", Math.round(glare * 10_000) / 10_000.0);
      if (document != null) {
        d.put("documentWidth", document.width());
        d.put("documentHeight", document.height());
      }
      return d;
    }
  }

  private DocumentFinder() {}

  static Found find(DocumentPhoto photo) {
    double[] whole = {0, 0, photo.width(), 0, photo.width(), photo.height(), 0, photo.height()};
    if (standardDeviation(photo) < MIN_CONTRAST) {
      return new Found(null, false, whole, 0, 0, DocumentReason.DOCUMENT_NOT_FOUND);
    }
    double[] corners = outline(photo);
    boolean outline = corners != null;
    double aspect;
    if (outline) {
      double measured = (side(corners, 0, 1) + side(corners, 3, 2)) / (side(corners, 0, 3) + side(corners, 1, 2));
      aspect = Math.abs(measured - ID1_ASPECT) < Math.abs(measured - ID3_ASPECT) ? ID1_ASPECT : ID3_ASPECT;
    } else {
      corners = whole;
      aspect = (double) photo.width() / photo.height();
    }
    double height = (side(corners, 0, 3) + side(corners, 1, 2)) / 2;
    double width = (side(corners, 0, 1) + side(corners, 3, 2)) / 2;
    if (Math.min(width, height) < MIN_DOCUMENT_HEIGHT) {
      return new Found(null, outline, corners, 0, 0, DocumentReason.DOCUMENT_TOO_SMALL);
    }
    int canonicalWidth = (int) Math.min(MAX_CANONICAL_WIDTH, Math.round(width));
    int canonicalHeight = (int) Math.round(canonicalWidth / aspect);
    DocumentPhoto document = warp(photo, corners, canonicalWidth, canonicalHeight);
    double sharpness = sharpness(document);
    double glare = glareShare(document);
    DocumentReason reason = null;
    if (glare > MAX_GLARE_SHARE) {
      reason = DocumentReason.DOCUMENT_GLARE;
    } else if (sharpness < MIN_SHARPNESS) {
      reason = DocumentReason.DOCUMENT_BLURRED;
    }
    return new Found(document, outline, corners, sharpness, glare, reason);
  }

  /** Corners of the document's outline, or null when none stands out from the background. */
  static double[] outline(DocumentPhoto photo) {
    int factor = Math.max(1, (int) Math.ceil(Math.max(photo.width(), photo.height()) / (double) COARSE_SIDE));
    DocumentPhoto coarse = photo.shrink(factor);
    int w = coarse.width();
    int h = coarse.height();
    int threshold = coarse.otsu(0, 0, w, h);
    int[] label = new int[w * h];
    int best = 0;
    int bestCount = 0;
    int next = 1;
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int start = 0; start < w * h; start++) {
      if (label[start] != 0 || coarse.grey()[start] <= threshold) {
        continue;
      }
      int id = next++;
      label[start] = id;
      queue.add(start);
      int count = 0;
      while (!queue.isEmpty()) {
        int p = queue.poll();
        count++;
        int x = p % w;
        int y = p / w;
        if (x > 0) visit(coarse, threshold, label, queue, p - 1, id);
        if (x < w - 1) visit(coarse, threshold, label, queue, p + 1, id);
        if (y > 0) visit(coarse, threshold, label, queue, p - w, id);
        if (y < h - 1) visit(coarse, threshold, label, queue, p + w, id);
      }
      if (count > bestCount) {
        bestCount = count;
        best = id;
      }
    }
    if (bestCount < 0.05 * w * h) {
      return null;
    }
    // extreme points along the diagonals are the corners of a roughly upright quadrilateral
    int tl = -1;
    int tr = -1;
    int br = -1;
    int bl = -1;
    int edgeTouches = 0;
    for (int p = 0; p < w * h; p++) {
      if (label[p] != best) {
        continue;
      }
      int x = p % w;
      int y = p / w;
      if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
        edgeTouches++;
      }
      if (tl < 0 || x + y < tl % w + tl / w) tl = p;
      if (br < 0 || x + y > br % w + br / w) br = p;
      if (tr < 0 || x - y > tr % w - tr / w) tr = p;
      if (bl < 0 || x - y < bl % w - bl / w) bl = p;
    }
    // a region running along the photo's border is background or a page filling the frame
    if (edgeTouches > 0.05 * 2 * (w + h)) {
      return null;
    }
    double[] corners = {
      tl % w, tl / w, tr % w + 1, tr / w, br % w + 1, br / w + 1, bl % w, bl / w + 1
    };
    double area = quadArea(corners);
    if (area <= 0 || bestCount / area < 0.85) {
      return null;
    }
    for (int i = 0; i < 8; i++) {
      corners[i] *= factor;
    }
    return corners;
  }

  private static void visit(DocumentPhoto coarse, int threshold, int[] label, ArrayDeque<Integer> queue, int p, int id) {
    if (label[p] == 0 && coarse.grey()[p] > threshold) {
      label[p] = id;
      queue.add(p);
    }
  }

  static double quadArea(double[] c) {
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      int j = (i + 1) % 4;
      sum += c[2 * i] * c[2 * j + 1] - c[2 * j] * c[2 * i + 1];
    }
    return Math.abs(sum) / 2;
  }

  private static double side(double[] c, int a, int b) {
    return Math.hypot(c[2 * a] - c[2 * b], c[2 * a + 1] - c[2 * b + 1]);
  }

  /** The quadrilateral mapped onto a {@code w x h} rectangle (bilinear sampling). */
  static DocumentPhoto warp(DocumentPhoto photo, double[] corners, int w, int h) {
    double[] m = homography(new double[] {0, 0, w, 0, w, h, 0, h}, corners);
    int[] grey = new int[w * h];
    boolean[] saturated = new boolean[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double u = x + 0.5;
        double v = y + 0.5;
        double d = m[6] * u + m[7] * v + 1;
        double sx = (m[0] * u + m[1] * v + m[2]) / d - 0.5;
        double sy = (m[3] * u + m[4] * v + m[5]) / d - 0.5;
        grey[y * w + x] = (int) Math.round(photo.sample(sx, sy));
        int nx = (int) Math.max(0, Math.min(photo.width() - 1, Math.round(sx)));
        int ny = (int) Math.max(0, Math.min(photo.height() - 1, Math.round(sy)));
        saturated[y * w + x] = photo.saturated()[ny * photo.width() + nx];
      }
    }
    return new DocumentPhoto(w, h, grey, saturated);
  }

  /** The projective map (8 coefficients, the ninth is 1) taking 4 points {@code from} to {@code to}. */
  static double[] homography(double[] from, double[] to) {
    double[][] a = new double[8][9];
    for (int i = 0; i < 4; i++) {
      double x = from[2 * i];
      double y = from[2 * i + 1];
      double u = to[2 * i];
      double v = to[2 * i + 1];
      a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
      a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
    }
    for (int col = 0; col < 8; col++) {
      int pivot = col;
      for (int r = col + 1; r < 8; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      for (int r = 0; r < 8; r++) {
        if (r != col && a[col][col] != 0) {
          double f = a[r][col] / a[col][col];
          for (int k = col; k < 9; k++) {
            a[r][k] -= f * a[col][k];
          }
        }
      }
    }
    double[] m = new double[8];
    for (int i = 0; i < 8; i++) {
      m[i] = a[i][8] / a[i][i];
    }
    return m;
  }

  /**
   * Sharpness as the Laplacian's variance of the document with its contrast stretched to {@link
   * #REFERENCE_RANGE} grey levels between the 1st and 99th percentiles: a dim, washed-out but
   * focused photo is readable and must not be taken as blurred (the variance falls with the
   * square of the contrast, focus or not). The stretch is capped at {@link #MAX_STRETCH}, so a
   * nearly flat picture is not made sharp by amplifying its noise.
   */
  static double sharpness(DocumentPhoto d) {
    int[] histogram = new int[256];
    for (int v : d.grey()) {
      histogram[v]++;
    }
    int n = d.grey().length;
    int low = percentile(histogram, n / 100);
    int high = percentile(histogram, n - 1 - n / 100);
    double stretch = Math.min(MAX_STRETCH, REFERENCE_RANGE / Math.max(1, high - low));
    return laplacianVariance(d) * stretch * stretch;
  }

  /** The grey level below which {@code rank} pixels lie. */
  private static int percentile(int[] histogram, int rank) {
    int seen = 0;
    for (int v = 0; v < 256; v++) {
      seen += histogram[v];
      if (seen > rank) {
        return v;
      }
    }
    return 255;
  }

  static double laplacianVariance(DocumentPhoto d) {
    int w = d.width();
    int h = d.height();
    double sum = 0;
    double sumSq = 0;
    long n = 0;
    int[] g = d.grey();
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        int p = y * w + x;
        double lap = g[p - 1] + g[p + 1] + g[p - w] + g[p + w] - 4.0 * g[p];
        sum += lap;
        sumSq += lap * lap;
        n++;
      }
    }
    if (n == 0) {
      return 0;
    }
    double mean = sum / n;
    return sumSq / n - mean * mean;
  }

  static double glareShare(DocumentPhoto d) {
    int[] histogram = new int[256];
    int clipped = 0;
    for (int i = 0; i < d.grey().length; i++) {
      histogram[d.grey()[i]]++;
      if (d.saturated()[i]) {
        clipped++;
      }
    }
    int half = d.grey().length / 2;
    int median = 0;
    for (int seen = 0; median < 255 && seen + histogram[median] <= half; median++) {
      seen += histogram[median];
    }
    if (median >= CLIPPED_PAPER) {
      return 0;
    }
    return (double) clipped / d.grey().length;
  }

  private static double standardDeviation(DocumentPhoto photo) {
    double sum = 0;
    double sumSq = 0;
    for (int v : photo.grey()) {
      sum += v;
      sumSq += (double) v * v;
    }
    double n = photo.grey().length;
    double mean = sum / n;
    return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  }
}
