package org.bonafide.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code compression-inconsistent}: parts of the page that were compressed differently from the
 * rest. Two measures per region of interest (the caller's portrait and field boxes, or a tiling of
 * the page when none is given), each compared with the page's tiles by a robust z-score
 * ((value - median) / (1.4826 MAD)), so an ordinary JPEG, whose tiles all went through the same
 * compression, stays inside its own spread:
 *
 * <ul>
 *   <li>error level: the page is re-encoded at a known quality and the per-pixel difference is
 *       averaged per 8x8 block, divided by the block's gradient energy (edges re-encode with more
 *       error whatever their history, text-heavy fields must not stand out for being text);
 *   <li>block grid ({@link DoubleCompression}): a region whose 8x8 grid falls at another phase
 *       than the page's, or is much stronger than the page's tiles' grids.
 * </ul>
 *
 * Evidence: the error-level z-score heat map with the regions outlined.
 */
final class ErrorLevel {
  static final String ID = "compression-inconsistent";
  private static final int BLOCK = 8;
  /** Above this share of content-edge pixel pairs a region is too textured for the grid test. */
  static final double MAX_EDGE_SHARE = 0.06;
  /** Below this share of content-edge pixel pairs a region is smooth (see the stronger-grid test). */
  static final double MIN_EDGE_SHARE = 0.01;

  private final PageForensics.Settings settings;

  ErrorLevel(PageForensics.Settings settings) {
    this.settings = settings;
  }

  DocumentCheck check(PageForensicsImage image, List<PageForensics.Region> regions) {
    int cols = image.width() / BLOCK;
    int rows = image.height() / BLOCK;
    if (cols < 4 || rows < 4) {
      return DocumentCheck.pass(ID, 0.5, Map.of("note", "image too small to compare regions"));
    }
    double[] ela = errorLevels(image, cols, rows);
    double[] energy = gradientEnergy(image, cols, rows);
    double[] normalised = new double[ela.length];
    for (int i = 0; i < ela.length; i++) {
      normalised[i] = ela[i] / (energy[i] + 2.0);
    }
    int tile = tileSize(image);
    List<PageForensics.Region> tiles = tiles(image, tile);
    double[] tileEla = new double[tiles.size()];
    List<Double> tileGrid = new ArrayList<>();
    List<Double> tileForeign = new ArrayList<>();
    for (int i = 0; i < tiles.size(); i++) {
      PageForensics.Region t = tiles.get(i);
      tileEla[i] = mean(normalised, cols, rows, t);
    }
    DoubleCompression.Grid page = DoubleCompression.measure(image, 0, 0, image.width(), image.height());
    for (PageForensics.Region t : tiles) {
      DoubleCompression.Grid g = DoubleCompression.measure(image, t.x(), t.y(), t.width(), t.height());
      double s = g.strengthAt(page.phaseX(), page.phaseY());
      if (!Double.isNaN(s)) {
        tileGrid.add(s);
      }
      double f = DoubleCompression.foreignStrength(g, page.phaseX(), page.phaseY());
      if (!Double.isNaN(f)) {
        tileForeign.add(f);
      }
    }
    double elaMedian = PageForensicsImage.median(tileEla);
    double elaSpread = Math.max(PageForensicsImage.mad(tileEla, elaMedian), 0.1 * elaMedian + 1e-3);
    double[] grids = tileGrid.stream().mapToDouble(Double::doubleValue).toArray();
    double gridMedian = grids.length == 0 ? 0 : PageForensicsImage.median(grids);
    double gridSpread = grids.length == 0 ? 1 : Math.max(PageForensicsImage.mad(grids, gridMedian), 0.1);
    double[] foreign = tileForeign.stream().mapToDouble(Double::doubleValue).toArray();
    double foreignMedian = foreign.length == 0 ? 0 : PageForensicsImage.median(foreign);
    double foreignSpread = foreign.length == 0 ? 1 : Math.max(PageForensicsImage.mad(foreign, foreignMedian), 0.02);

    boolean tiling = regions.isEmpty();
    // A tiling makes hundreds of comparisons instead of a handful: a stricter bar keeps chance
    // outliers of an ordinary photo from firing.
    double maxZ = tiling ? 1.5 * settings.maxRegionZ() : settings.maxRegionZ();
    List<PageForensics.Region> examined = tiling ? tiles : regions;
    List<Map<String, Object>> findings = new ArrayList<>();
    List<Map<String, Object>> measured = new ArrayList<>();
    boolean[] flagged = new boolean[examined.size()];
    double worst = 0;
    for (int index = 0; index < examined.size(); index++) {
      PageForensics.Region r = examined.get(index);
      double elaZ = (mean(normalised, cols, rows, r) - elaMedian) / elaSpread;
      DoubleCompression.Grid g = DoubleCompression.measure(image, r.x(), r.y(), r.width(), r.height());
      double atPage = g.strengthAt(page.phaseX(), page.phaseY());
      double gridZ = Double.isNaN(atPage) ? 0 : (atPage - gridMedian) / gridSpread;
      double other = DoubleCompression.foreignStrength(g, page.phaseX(), page.phaseY());
      // The tiles' spread is that of a mean over one tile; a larger region averages more boundaries,
      // so its chance spread shrinks with the square root of its area.
      double shrink = Math.sqrt(Math.min(1.0, (double) tile * tile / ((double) r.width() * r.height())));
      double foreignZ = Double.isNaN(other) ? 0 : (other - foreignMedian) / Math.max(0.01, foreignSpread * shrink);
      // Text at a fixed pitch (an MRZ, a monospaced field) has its own periodic steps that mimic a
      // shifted grid; where content edges are dense the grid test says nothing.
      boolean textured = g.edgeShare() > MAX_EDGE_SHARE;
      boolean shifted = !textured && !Double.isNaN(other) && other >= settings.minGridStrength() && foreignZ > maxZ;
      List<String> why = new ArrayList<>();
      if (elaZ > maxZ) {
        why.add("error-level");
      }
      // A smooth area shows the same quantisation's grid more plainly than a busy one: only a region
      // with some content counts as blocking more than the page.
      if (gridZ > maxZ && atPage >= settings.minGridStrength() && g.edgeShare() >= MIN_EDGE_SHARE) {
        why.add("stronger-block-grid");
      }
      if (shifted) {
        why.add("shifted-block-grid");
      }
      worst = Math.max(worst, Math.max(elaZ, Math.max(gridZ, shifted ? foreignZ : 0)) / maxZ);
      Map<String, Object> m = new LinkedHashMap<>(r.describe());
      m.put("errorLevelZ", PageForensicsImage.round(elaZ));
      m.put("gridZ", PageForensicsImage.round(gridZ));
      m.put("gridPhase", List.of(g.phaseX(), g.phaseY()));
      m.put("gridStrength", g.flat() ? "flat" : PageForensicsImage.round(g.strength()));
      m.put("shiftedGridStrength", Double.isNaN(other) ? "flat" : PageForensicsImage.round(other));
      m.put("shiftedGridZ", PageForensicsImage.round(foreignZ));
      m.put("edgeShare", PageForensicsImage.round(g.edgeShare()));
      if (!why.isEmpty()) {
        m.put("why", List.copyOf(why));
        findings.add(m);
        flagged[index] = true;
      }
      if (!tiling) {
        measured.add(m);
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    boolean fires = !findings.isEmpty();
    if (tiling) {
      // An ordinary photo has scattered outlier tiles (sky, glare, a busy texture) and, where it is
      // flat, whole areas that block more: a pasted part is one compact group of a few tiles.
      int cluster = largestCluster(flagged, image.width() / tile, image.height() / tile);
      details.put("largestFlaggedCluster", cluster);
      fires = cluster >= MIN_CLUSTER && cluster <= MAX_CLUSTER_SHARE * tiles.size();
      if (!fires) {
        worst = Math.min(worst, 0.99);
      }
    }
    details.put("elaQuality", settings.elaQuality());
    details.put("maxRegionZ", maxZ);
    details.put("pageGridPhase", List.of(page.phaseX(), page.phaseY()));
    details.put("pageGridStrength", page.flat() ? "flat" : PageForensicsImage.round(page.strength()));
    details.put("tiles", tiles.size());
    details.put("tileSize", tile);
    details.put("mode", tiling ? "tiles" : "regions");
    if (!tiling) {
      details.put("regions", measured);
    }
    details.put("inconsistent", findings.size() > 20 ? findings.subList(0, 20) : findings);
    double[] heat = new double[normalised.length];
    for (int i = 0; i < heat.length; i++) {
      heat[i] = (normalised[i] - elaMedian) / elaSpread;
    }
    DocumentCheck.Evidence evidence =
        HeatMap.png("error-level-heat-map", heat, cols, rows, BLOCK, -2, settings.maxRegionZ(), examined == tiles ? List.of() : examined);
    double score = Math.max(0, Math.min(1, 1 - worst / 2));
    return !fires
        ? new DocumentCheck(ID, true, score, null, details, List.of(evidence))
        : new DocumentCheck(ID, false, Math.min(score, 0.4), DocumentReason.COMPRESSION_INCONSISTENT.code(), details, List.of(evidence));
  }

  /** Tiles in a flagged group before a tiling fires, and the largest share of the page it may be. */
  static final int MIN_CLUSTER = 3;

  static final double MAX_CLUSTER_SHARE = 0.2;

  /** The size of the largest 4-connected group of flagged tiles (row-major, columns x rows). */
  static int largestCluster(boolean[] flagged, int columns, int rows) {
    if (columns * rows != flagged.length) {
      return 0;
    }
    boolean[] seen = new boolean[flagged.length];
    int best = 0;
    java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
    for (int start = 0; start < flagged.length; start++) {
      if (!flagged[start] || seen[start]) {
        continue;
      }
      int size = 0;
      seen[start] = true;
      queue.add(start);
      while (!queue.isEmpty()) {
        int i = queue.poll();
        size++;
        int x = i % columns;
        int[] next = {x > 0 ? i - 1 : -1, x < columns - 1 ? i + 1 : -1, i - columns, i + columns};
        for (int n : next) {
          if (n >= 0 && n < flagged.length && flagged[n] && !seen[n]) {
            seen[n] = true;
            queue.add(n);
          }
        }
      }
      best = Math.max(best, size);
    }
    return best;
  }

  /** Per 8x8 block: the mean absolute RGB difference after re-encoding at the settings' quality. */
  private double[] errorLevels(PageForensicsImage image, int cols, int rows) {
    BufferedImage again;
    try {
      again = ImageIO.read(new ByteArrayInputStream(PageForensicsImage.jpeg(image.toBufferedImage(), (float) settings.elaQuality())));
    } catch (IOException e) {
      throw new IllegalStateException("re-encoded JPEG does not decode", e);
    }
    int w = image.width();
    int[] re = again.getRGB(0, 0, w, image.height(), null, 0, w);
    int[] rgb = image.rgb();
    double[] out = new double[cols * rows];
    for (int by = 0; by < rows; by++) {
      for (int bx = 0; bx < cols; bx++) {
        double sum = 0;
        for (int y = by * BLOCK; y < by * BLOCK + BLOCK; y++) {
          for (int x = bx * BLOCK; x < bx * BLOCK + BLOCK; x++) {
            int a = rgb[y * w + x];
            int b = re[y * w + x];
            sum +=
                Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff))
                    + Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff))
                    + Math.abs((a & 0xff) - (b & 0xff));
          }
        }
        out[by * cols + bx] = sum / (3.0 * BLOCK * BLOCK);
      }
    }
    return out;
  }

  private static double[] gradientEnergy(PageForensicsImage image, int cols, int rows) {
    int w = image.width();
    float[] l = image.luma();
    double[] out = new double[cols * rows];
    for (int by = 0; by < rows; by++) {
      for (int bx = 0; bx < cols; bx++) {
        double sum = 0;
        for (int y = by * BLOCK; y < by * BLOCK + BLOCK; y++) {
          for (int x = bx * BLOCK; x < bx * BLOCK + BLOCK; x++) {
            int xr = Math.min(w - 1, x + 1);
            int yd = Math.min(image.height() - 1, y + 1);
            sum += Math.abs(l[y * w + xr] - l[y * w + x]) + Math.abs(l[yd * w + x] - l[y * w + x]);
          }
        }
        out[by * cols + bx] = sum / (BLOCK * BLOCK);
      }
    }
    return out;
  }

  /** Mean of the blocks a region covers (at least one). */
  private static double mean(double[] blocks, int cols, int rows, PageForensics.Region r) {
    int bx0 = Math.min(cols - 1, r.x() / BLOCK);
    int by0 = Math.min(rows - 1, r.y() / BLOCK);
    int bx1 = Math.max(bx0 + 1, Math.min(cols, (r.x() + r.width()) / BLOCK));
    int by1 = Math.max(by0 + 1, Math.min(rows, (r.y() + r.height()) / BLOCK));
    double sum = 0;
    for (int y = by0; y < by1; y++) {
      for (int x = bx0; x < bx1; x++) {
        sum += blocks[y * cols + x];
      }
    }
    return sum / ((bx1 - bx0) * (by1 - by0));
  }

  /** Tiles a multiple of 8 wide, about a twelfth of the shorter side, between 32 and 256. */
  static int tileSize(PageForensicsImage image) {
    int t = Math.min(image.width(), image.height()) / 12;
    return Math.max(32, Math.min(256, t / 8 * 8));
  }

  static List<PageForensics.Region> tiles(PageForensicsImage image, int tile) {
    List<PageForensics.Region> out = new ArrayList<>();
    for (int y = 0; y + tile <= image.height(); y += tile) {
      for (int x = 0; x + tile <= image.width(); x += tile) {
        out.add(new PageForensics.Region("tile-" + x + "-" + y, PageForensics.Region.Kind.FIELD, x, y, tile, tile));
      }
    }
    if (out.isEmpty()) {
      out.add(new PageForensics.Region("page", PageForensics.Region.Kind.FIELD, 0, 0, image.width(), image.height()));
    }
    return out;
  }
}
