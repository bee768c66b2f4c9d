package org.bonafide.document;

/**
 * The 8x8 block grid a JPEG compression leaves in a rectangle: neighbouring pixels across a block
 * boundary differ more than neighbours inside a block. The grid's phase (where the boundaries
 * fall, 0-7 per axis) tells which JPEG the pixels came from: a region pasted from another JPEG at a
 * position that is not a multiple of 8 keeps its own grid, shifted against the page's; a region
 * pasted from a JPEG of lower quality keeps a stronger grid at the same phase.
 */
final class DoubleCompression {
  /** Differences below this (grey levels) are flat: a flat region neither has nor lacks a grid. */
  private static final double FLAT = 0.35;
  /**
   * Differences above this (grey levels) are content edges, left out: a few strong edges at one
   * phase would otherwise outweigh the small, regular steps of a block grid.
   */
  private static final float EDGE = 12;

  private DoubleCompression() {}

  /**
   * A rectangle's grid.
   *
   * @param phaseX column boundary phase: the grid separates column x from x+1 where x % 8 == phaseX
   * @param phaseY row boundary phase
   * @param strengthX boundary differences over the other columns' differences, minus one
   * @param strengthY the same for rows
   * @param profileX mean horizontal difference per phase
   * @param profileY mean vertical difference per phase
   * @param edgeShare the share of neighbour pairs left out as content edges
   */
  record Grid(
      int phaseX, int phaseY, double strengthX, double strengthY, double[] profileX, double[] profileY, double edgeShare) {
    /** The weaker axis' strength: a real block grid shows in both directions. */
    double strength() {
      return Math.min(strengthX, strengthY);
    }

    /** The strength this rectangle's grid has at another grid's phase. */
    double strengthAt(int px, int py) {
      return Math.min(DoubleCompression.strength(profileX, px), DoubleCompression.strength(profileY, py));
    }

    boolean flat() {
      return Double.isNaN(strengthX) || Double.isNaN(strengthY);
    }
  }

  static Grid measure(PageForensicsImage image, int x0, int y0, int w, int h) {
    double[] hx = new double[8];
    double[] nx = new double[8];
    double[] vy = new double[8];
    double[] ny = new double[8];
    float[] l = image.luma();
    long edges = 0;
    long pairs = 0;
    int width = image.width();
    for (int y = y0; y < y0 + h; y++) {
      int row = y * width;
      for (int x = x0; x < x0 + w - 1; x++) {
        float d = Math.abs(l[row + x + 1] - l[row + x]);
        pairs++;
        if (d > EDGE) {
          edges++;
        } else {
          hx[x & 7] += d;
          nx[x & 7]++;
        }
      }
    }
    for (int y = y0; y < y0 + h - 1; y++) {
      int row = y * width;
      for (int x = x0; x < x0 + w; x++) {
        float d = Math.abs(l[row + width + x] - l[row + x]);
        pairs++;
        if (d > EDGE) {
          edges++;
        } else {
          vy[y & 7] += d;
          ny[y & 7]++;
        }
      }
    }
    double[] px = new double[8];
    double[] py = new double[8];
    for (int p = 0; p < 8; p++) {
      px[p] = nx[p] == 0 ? 0 : hx[p] / nx[p];
      py[p] = ny[p] == 0 ? 0 : vy[p] / ny[p];
    }
    int bx = argmax(px);
    int by = argmax(py);
    return new Grid(bx, by, strength(px, bx), strength(py, by), px, py, pairs == 0 ? 0 : edges / (double) pairs);
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * (boundary - median of the profile) / (the median + a floor); the median ignores a second grid's peak: the floor keeps a nearly flat
   * region from showing a huge ratio out of noise. NaN when the region is flat.
   */
  static double strength(double[] profile, int phase) {
    double others = PageForensicsImage.median(profile);
    if (others < FLAT && profile[phase] < FLAT) {
      return Double.NaN;
    }
    return (profile[phase] - others) / (others + 0.25);
  }

  /** The strongest phase per axis other than the given one, and its strength (the weaker axis'). */
  static double foreignStrength(Grid g, int pagePhaseX, int pagePhaseY) {
    double bx = Double.NaN;
    double by = Double.NaN;
    for (int p = 0; p < 8; p++) {
      if (p != pagePhaseX) {
        double s = strength(g.profileX(), p);
        bx = Double.isNaN(bx) || s > bx ? s : bx;
      }
      if (p != pagePhaseY) {
        double s = strength(g.profileY(), p);
        by = Double.isNaN(by) || s > by ? s : by;
      }
    }
    return Math.min(bx, by);
  }
}
