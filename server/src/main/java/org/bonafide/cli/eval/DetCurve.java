package org.bonafide.cli.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.bonafide.cli.Metrics;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * Detection error trade-off (DET) curves of a liveness score, where a higher score means more
 * like a live person and a session is classified bona fide when its score is at or above the
 * threshold: APCER(t) is the share of attacks scoring {@code >= t}, BPCER(t) the share of bona fide
 * sessions scoring {@code < t}. Drawn with Java2D on normal-deviate axes, as ISO/IEC 30107-3 and
 * the NIST DET convention do, so that normally distributed scores give straight lines.
 */
final class DetCurve {
  /** The plotted range of both rates; rates outside it (0 and 1 included) are drawn at its edge. */
  static final double LOW = 0.001;

  static final double HIGH = 0.999;

  private static final double[] TICKS = {0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.99, 0.999};
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f)
  };

  /** One operating point: the rates at a threshold. */
  record Point(double threshold, double apcer, double bpcer) {}

  /** A curve to draw and, optionally, the decision's own operating point on it. */
  record Curve(String label, List<Point> points, Point operating) {}

  private DetCurve() {}

  /**
   * The operating points at every threshold where a rate changes: each distinct score, and one
   * above the highest (everything rejected: APCER 0, BPCER 1). The first point (the lowest score
   * as threshold) accepts everything: APCER 1 and BPCER 0. Ordered by rising threshold, so APCER
   * falls and BPCER rises along the list. Empty when either class is empty.
   */
  static List<Point> points(double[] bonaFideScores, double[] attackScores) {
    if (bonaFideScores.length == 0 || attackScores.length == 0) {
      return List.of();
    }
    double[] bona = Metrics.sorted(bonaFideScores);
    double[] attacks = Metrics.sorted(attackScores);
    TreeSet<Double> thresholds = new TreeSet<>();
    Arrays.stream(bona).forEach(thresholds::add);
    Arrays.stream(attacks).forEach(thresholds::add);
    thresholds.add(Double.POSITIVE_INFINITY);
    List<Point> points = new ArrayList<>(thresholds.size());
    for (double t : thresholds) {
      points.add(new Point(t, Metrics.acceptRate(attacks, t), Metrics.rejectRate(bona, t)));
    }
    return points;
  }

  /**
   * The standard normal quantile (probit) of {@code p} in (0, 1), by Acklam's rational
   * approximation (relative error below 1.2e-9).
   */
  static double probit(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("probit needs 0 < p < 1, was " + p);
    }
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
      -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
      -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
      4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    double low = 0.02425;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
      return -probit(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }

  /**
   * Draws the curves (BPCER across, APCER up, both on normal-deviate axes from {@link #LOW} to
   * {@link #HIGH}) and writes them as a PNG.
   */
  static void writePng(List<Curve> curves, String title, Path file) {
    BufferedImage image = draw(curves, title);
    try {
      if (!ImageIO.write(image, "png", file.toFile())) {
        throw new IOException("no PNG writer");
      }
    } catch (IOException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot write " + file + ": " + e.getMessage());
    }
  }

  static BufferedImage draw(List<Curve> curves, String title) {
    int width = 900;
    int height = 760;
    int left = 80;
    int top = 50;
    int plot = 600;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      Axis axis = new Axis(left, top, plot);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      for (double tick : TICKS) {
        int x = axis.x(tick);
        int y = axis.y(tick);
        g.setColor(new Color(0xdddddd));
        g.drawLine(x, top, x, top + plot);
        g.drawLine(left, y, left + plot, y);
        g.setColor(Color.DARK_GRAY);
        String label = percent(tick);
        g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, top + plot + 16);
        g.drawString(label, left - 6 - g.getFontMetrics().stringWidth(label), y + 4);
      }
      g.setColor(Color.BLACK);
      g.drawRect(left, top, plot, plot);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(title, left, top - 20);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.drawString("BPCER (bona fide sessions classified as attacks)", left + 120, top + plot + 40);
      g.rotate(-Math.PI / 2);
      g.drawString("APCER (attacks classified as bona fide)", -(top + plot / 2 + 130), 22);
      g.rotate(Math.PI / 2);
      int legendY = top + 10;
      for (int i = 0; i < curves.size(); i++) {
        Curve curve = curves.get(i);
        Color colour = PALETTE[i % PALETTE.length];
        g.setColor(colour);
        g.setStroke(new BasicStroke(2.2f));
        Path2D.Double line = new Path2D.Double();
        Point previous = null;
        for (Point p : curve.points()) {
          double x = axis.px(p.bpcer());
          double y = axis.py(p.apcer());
          if (previous == null) {
            line.moveTo(x, y);
          } else {
            // A DET curve of finitely many scores is a staircase: the rates change one at a time.
            line.lineTo(axis.px(p.bpcer()), axis.py(previous.apcer()));
            line.lineTo(x, y);
          }
          previous = p;
        }
        g.draw(line);
        if (curve.operating() != null) {
          int x = (int) Math.round(axis.px(curve.operating().bpcer()));
          int y = (int) Math.round(axis.py(curve.operating().apcer()));
          g.fillOval(x - 5, y - 5, 10, 10);
        }
        g.setStroke(new BasicStroke(3f));
        g.drawLine(left + plot + 20, legendY, left + plot + 45, legendY);
        g.setColor(Color.BLACK);
        g.drawString(curve.label(), left + plot + 52, legendY + 5);
        legendY += 22;
      }
      g.setColor(Color.DARK_GRAY);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      g.drawString("dot: the analysis's own decision", left + plot + 20, legendY + 10);
      g.drawString("rates of 0 and 1 are drawn", left + plot + 20, legendY + 28);
      g.drawString("at the axes' ends (" + percent(LOW) + ", " + percent(HIGH) + ")", left + plot + 20, legendY + 42);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static String percent(double p) {
    double v = p * 100;
    return String.format(Locale.ROOT, Math.abs(v - Math.rint(v)) < 1e-9 ? "%.0f%%" : "%.1f%%", v);
  }

  /** Maps a rate to a pixel on the normal-deviate scale, clamped to the plotted range. */
  private record Axis(int left, int top, int size) {
    double position(double rate) {
      double clamped = Math.min(HIGH, Math.max(LOW, rate));
      double lo = probit(LOW);
      double hi = probit(HIGH);
      return (probit(clamped) - lo) / (hi - lo);
    }

    double px(double rate) {
      return left + position(rate) * size;
    }

    double py(double rate) {
      return top + size - position(rate) * size;
    }

    int x(double rate) {
      return (int) Math.round(px(rate));
    }

    int y(double rate) {
      return (int) Math.round(py(rate));
    }
  }
}
