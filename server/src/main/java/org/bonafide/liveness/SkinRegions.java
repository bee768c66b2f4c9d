package org.bonafide.liveness;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.bonafide.biometrics.FaceBox;

/**
 * Samples the regions of {@link RegionColours} from a frame, placed by the 68 landmarks (iBUG
 * order: jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth 48-67) so they follow the head.
 */
final class SkinRegions {
  private SkinRegions() {}

  /** Samples the regions of one face; {@code image} is {@link BufferedImage#TYPE_3BYTE_BGR}. */
  static RegionColours sample(BufferedImage image, FaceBox box, float[] lm) {
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    int w = image.getWidth();
    int h = image.getHeight();
    double faceWidth = Math.hypot(lm[32] - lm[0], lm[33] - lm[1]);
    double radius = Math.max(2, 0.06 * faceWidth);
    // "up" along the nose: from the tip (30) to the bridge top (27)
    double ux = lm[54] - lm[60];
    double uy = lm[55] - lm[61];

    Accumulator centre = new Accumulator();
    disk(bgr, w, h, lm[58], lm[59], radius, centre); // nose (29)
    disk(bgr, w, h, lm[60], lm[61], radius, centre); // nose tip (30)
    Accumulator cheeks = new Accumulator();
    disk(bgr, w, h, blend(lm, 31, 2, 0.6, 0), blend(lm, 31, 2, 0.6, 1), radius, cheeks);
    disk(bgr, w, h, blend(lm, 35, 14, 0.6, 0), blend(lm, 35, 14, 0.6, 1), radius, cheeks);
    centre.add(cheeks);

    Accumulator forehead = new Accumulator();
    disk(bgr, w, h, lm[54] + 0.75 * ux, lm[55] + 0.75 * uy, radius, forehead);
    disk(bgr, w, h, lm[38] + 0.45 * ux, lm[39] + 0.45 * uy, radius, forehead);
    disk(bgr, w, h, lm[48] + 0.45 * ux, lm[49] + 0.45 * uy, radius, forehead);

    Accumulator edge = new Accumulator();
    double edgeRadius = Math.max(2, 0.7 * radius);
    disk(bgr, w, h, blend(lm, 31, 2, 0.2, 0), blend(lm, 31, 2, 0.2, 1), edgeRadius, edge);
    disk(bgr, w, h, blend(lm, 35, 14, 0.2, 0), blend(lm, 35, 14, 0.2, 1), edgeRadius, edge);
    disk(bgr, w, h, blend(lm, 48, 4, 0.2, 0), blend(lm, 48, 4, 0.2, 1), edgeRadius, edge);
    disk(bgr, w, h, blend(lm, 54, 12, 0.2, 0), blend(lm, 54, 12, 0.2, 1), edgeRadius, edge);

    Accumulator skin = new Accumulator();
    skin.add(centre);
    skin.add(forehead);
    // the neck: below the chin (8), 0.45 of the nose tip (30) to chin distance further down
    Accumulator neck = new Accumulator();
    double nx = lm[16] + 0.45 * (lm[16] - lm[60]);
    double ny = lm[17] + 0.45 * (lm[17] - lm[61]);
    disk(bgr, w, h, nx, ny, 1.5 * radius, neck);
    double[] neckMean = neck.count < 12 ? null : neck.mean();
    return new RegionColours(
        skin.mean(),
        centre.mean(),
        edge.mean(),
        background(bgr, w, h, box),
        forehead.mean(),
        cheeks.mean(),
        neckMean,
        seam(bgr, w, h, lm, faceWidth));
  }

  /**
   * Two thin bands along the lower jaw outline (points 3-13): small disks a twentieth of the face
   * width inside and outside each outline point, along the line to the nose tip. About 20 disks of
   * a few pixels each: negligible beside the face engine.
   */
  static RegionColours.Seam seam(byte[] bgr, int w, int h, float[] lm, double faceWidth) {
    double offset = Math.max(2, 0.05 * faceWidth);
    double r = Math.max(1.5, 0.03 * faceWidth);
    Band inner = new Band();
    Band outer = new Band();
    for (int k = 3; k <= 13; k++) {
      double px = lm[2 * k];
      double py = lm[2 * k + 1];
      double dx = lm[60] - px;
      double dy = lm[61] - py;
      double len = Math.hypot(dx, dy);
      if (len < 1e-6) {
        continue;
      }
      dx /= len;
      dy /= len;
      band(bgr, w, h, px + offset * dx, py + offset * dy, r, inner);
      band(bgr, w, h, px - offset * dx, py - offset * dy, r, outer);
    }
    if (inner.count < 8 || outer.count < 8) {
      return null;
    }
    return new RegionColours.Seam(inner.laplacianVariance(), outer.laplacianVariance(), inner.colour.mean(), outer.colour.mean());
  }

  private static void band(byte[] bgr, int w, int h, double cx, double cy, double r, Band band) {
    int x1 = (int) Math.max(1, Math.floor(cx - r));
    int x2 = (int) Math.min(w - 2, Math.ceil(cx + r));
    int y1 = (int) Math.max(1, Math.floor(cy - r));
    int y2 = (int) Math.min(h - 2, Math.ceil(cy + r));
    double r2 = r * r;
    for (int y = y1; y <= y2; y++) {
      for (int x = x1; x <= x2; x++) {
        double ddx = x - cx;
        double ddy = y - cy;
        if (ddx * ddx + ddy * ddy <= r2) {
          int o = (y * w + x) * 3;
          double lap =
              4 * grey(bgr, o) - grey(bgr, o - 3) - grey(bgr, o + 3) - grey(bgr, o - 3 * w) - grey(bgr, o + 3 * w);
          band.colour.add(bgr, o);
          band.sum += lap;
          band.sumSquares += lap * lap;
          band.count++;
        }
      }
    }
  }

  private static double grey(byte[] bgr, int o) {
    return 0.114 * (bgr[o] & 0xff) + 0.587 * (bgr[o + 1] & 0xff) + 0.299 * (bgr[o + 2] & 0xff);
  }

  private static final class Band {
    final Accumulator colour = new Accumulator();
    double sum;
    double sumSquares;
    int count;

    double laplacianVariance() {
      double mean = sum / count;
      return Math.max(0, sumSquares / count - mean * mean);
    }
  }

  /** The point {@code t} of the way from landmark {@code to} to landmark {@code from}, one axis. */
  private static double blend(float[] lm, int from, int to, double t, int axis) {
    return t * lm[2 * from + axis] + (1 - t) * lm[2 * to + axis];
  }

  /**
   * The frame beside and above the head: outside the face box grown by half its size each side,
   * and not below the face (shoulders and body). Sampled every 4th pixel.
   */
  private static double[] background(byte[] bgr, int w, int h, FaceBox box) {
    double bw = box.width();
    double bh = box.height();
    int ex1 = (int) Math.floor(box.x1() - 0.5 * bw);
    int ex2 = (int) Math.ceil(box.x2() + 0.5 * bw);
    int ey1 = (int) Math.floor(box.y1() - 0.5 * bh);
    int bottom = (int) Math.min(h, Math.ceil(box.y2()));
    Accumulator acc = new Accumulator();
    int minStrip = Math.max(8, w / 20);
    if (ex1 >= minStrip) {
      rect(bgr, w, 0, 0, ex1, bottom, acc);
    }
    if (w - ex2 >= minStrip) {
      rect(bgr, w, ex2, 0, w, bottom, acc);
    }
    if (ey1 >= Math.max(8, h / 20)) {
      rect(bgr, w, Math.max(0, ex1), 0, Math.min(w, ex2), ey1, acc);
    }
    return acc.count < 16 ? null : acc.mean();
  }

  private static void rect(byte[] bgr, int w, int x1, int y1, int x2, int y2, Accumulator acc) {
    for (int y = y1; y < y2; y += 4) {
      for (int x = x1; x < x2; x += 4) {
        acc.add(bgr, (y * w + x) * 3);
      }
    }
  }

  private static void disk(byte[] bgr, int w, int h, double cx, double cy, double r, Accumulator acc) {
    int x1 = (int) Math.max(0, Math.floor(cx - r));
    int x2 = (int) Math.min(w - 1, Math.ceil(cx + r));
    int y1 = (int) Math.max(0, Math.floor(cy - r));
    int y2 = (int) Math.min(h - 1, Math.ceil(cy + r));
    double r2 = r * r;
    for (int y = y1; y <= y2; y++) {
      for (int x = x1; x <= x2; x++) {
        double dx = x - cx;
        double dy = y - cy;
        if (dx * dx + dy * dy <= r2) {
          acc.add(bgr, (y * w + x) * 3);
        }
      }
    }
  }

  private static final class Accumulator {
    private double r;
    private double g;
    private double b;
    private int count;

    void add(byte[] bgr, int offset) {
      b += bgr[offset] & 0xff;
      g += bgr[offset + 1] & 0xff;
      r += bgr[offset + 2] & 0xff;
      count++;
    }

    void add(Accumulator other) {
      r += other.r;
      g += other.g;
      b += other.b;
      count += other.count;
    }

    double[] mean() {
      return count == 0 ? null : new double[] {r / count, g / count, b / count};
    }
  }
}
