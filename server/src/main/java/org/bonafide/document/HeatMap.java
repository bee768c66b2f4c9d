package org.bonafide.document;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Renders a grid of values as a PNG heat map (dark blue low, through green and yellow, to red
 * high) with the examined regions outlined in white, for an analyst to see where a check looked.
 */
final class HeatMap {
  private HeatMap() {}

  /**
   * @param values row-major grid, NaN drawn grey
   * @param cell pixels of the page per grid cell (regions are drawn in page pixels / cell)
   * @param low value drawn darkest
   * @param high value drawn red
   */
  static DocumentCheck.Evidence png(
      String name, double[] values, int columns, int rows, int cell, double low, double high, List<PageForensics.Region> regions) {
    int scale = Math.max(1, Math.min(4, 600 / Math.max(columns, rows)));
    BufferedImage out = new BufferedImage(columns * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        double v = values[y * columns + x];
        int colour = Double.isNaN(v) ? 0x808080 : ramp((v - low) / (high - low));
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            out.setRGB(x * scale + dx, y * scale + dy, colour);
          }
        }
      }
    }
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.setStroke(new BasicStroke(1));
      for (PageForensics.Region r : regions) {
        g.drawRect(r.x() * scale / cell, r.y() * scale / cell, Math.max(1, r.width() * scale / cell), Math.max(1, r.height() * scale / cell));
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(out, "png", bytes);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory PNG encoding failed", e);
    }
    return new DocumentCheck.Evidence(name, "image/png", bytes.toByteArray());
  }

  private static int ramp(double t) {
    double c = Math.max(0, Math.min(1, t));
    double r = Math.max(0, Math.min(1, 2 * c - 0.5) * 1.0);
    double gr = c < 0.5 ? 2 * c : 2 - 2 * c * 0.9;
    double b = Math.max(0, 0.6 - 1.2 * c);
    gr = Math.max(0, Math.min(1, gr));
    return ((int) (r * 255) << 16) | ((int) (gr * 255) << 8) | (int) (b * 255 + 40 * (1 - c));
  }
}
