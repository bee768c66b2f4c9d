package org.bonafide.cli.attack;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import java.util.random.RandomGenerator;
import org.bonafide.liveness.ColourFlash;

/**
 * Simulates the light of a phone's screen on a face filmed by its selfie camera: the only thing
 * the bona fide simulator adds to real footage.
 *
 * <p>The model: the head is an ellipsoid fitted to the face's landmarks (as wide as the jaw, from
 * the chin to above the brows, as deep as it is wide, tilted with the eye line), lit from the
 * front by the screen. In linear light, each pixel on it gains {@code pixel * gain * screen *
 * cos(angle between its surface normal and the direction to the screen)}: the pixel's own value
 * stands for the albedo (what the existing light reveals of it), so skin gains more than dark hair
 * or eyes, the face's centre more than its sides, and nothing outside the head (a far background
 * receives a negligible share of a phone's light). The screen's colour reaches the sensor with a
 * little cross-talk between channels. The camera sees the screen with a lag (the exposure ends
 * {@code lagMs} before the frame's timestamp and lasts {@value #EXPOSURE_MS} ms, so a frame taken
 * at a colour change mixes the two colours), and the frame gets Gaussian sensor noise.
 */
final class ScreenLight {
  /** Exposure time of a frame. */
  static final int EXPOSURE_MS = 33;
  /**
   * The capture page's own light between flashes: a dark neutral page, in linear units of a full
   * white screen.
   */
  static final double PAGE_LEVEL = 0.08;

  /** Sensor response of R, G, B to the screen's R, G, B primaries: mostly diagonal. */
  private static final double[][] CROSS_TALK = {{1.0, 0.10, 0.03}, {0.08, 1.0, 0.10}, {0.03, 0.12, 1.0}};

  private static final double[] TO_LINEAR = new double[256];

  static {
    for (int v = 0; v < 256; v++) {
      double c = v / 255.0;
      TO_LINEAR[v] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
  }

  /**
   * @param gain the screen's light relative to the light already on the face (0.1 = a tenth more at
   *     full white, where the face directly faces the screen)
   * @param lagMs how long before a frame's timestamp its exposure ends
   * @param noise the sensor noise's standard deviation, in 8-bit levels
   */
  record Params(double gain, int lagMs, double noise) {}

  private ScreenLight() {}

  /**
   * The screen's light, per channel in linear units of a full white screen, reaching a frame taken
   * at {@code timestampMs} while {@code colours} flash from time {@code colourStartMs} on.
   */
  static double[] screenAt(List<ColourFlash> colours, long colourStartMs, long timestampMs, int lagMs) {
    double[] sum = new double[3];
    long end = timestampMs - lagMs;
    long start = end - EXPOSURE_MS;
    for (long t = start; t < end; t++) {
      double[] rgb = screenColour(colours, t - colourStartMs);
      for (int c = 0; c < 3; c++) {
        sum[c] += rgb[c];
      }
    }
    for (int c = 0; c < 3; c++) {
      sum[c] /= EXPOSURE_MS;
    }
    return sum;
  }

  /** The screen's colour {@code ms} after the colours began: a flash, or the page outside them. */
  private static double[] screenColour(List<ColourFlash> colours, long ms) {
    if (ms >= 0) {
      long t = 0;
      for (ColourFlash flash : colours) {
        if (ms < t + flash.durationMs()) {
          int[] rgb = flash.rgb();
          return new double[] {TO_LINEAR[rgb[0]], TO_LINEAR[rgb[1]], TO_LINEAR[rgb[2]]};
        }
        t += flash.durationMs();
      }
    }
    return new double[] {PAGE_LEVEL, PAGE_LEVEL, PAGE_LEVEL};
  }

  /**
   * Lights the face in {@code frame} (in place) with the screen's light {@code screen}.
   *
   * @param landmarks the 68 face landmarks in the frame's pixels (x0, y0, x1, y1, ...), or null
   *     when no face was found: then only noise is added
   */
  static void apply(BufferedImage frame, float[] landmarks, double[] screen, Params params, RandomGenerator random) {
    if (frame.getType() != BufferedImage.TYPE_3BYTE_BGR) {
      throw new IllegalArgumentException("screen light is applied to TYPE_3BYTE_BGR frames");
    }
    int w = frame.getWidth();
    int h = frame.getHeight();
    byte[] bgr = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
    double[] sensor = new double[3]; // R, G, B
    for (int c = 0; c < 3; c++) {
      for (int k = 0; k < 3; k++) {
        sensor[c] += CROSS_TALK[c][k] * screen[k];
      }
    }
    Head head = landmarks == null ? null : Head.fit(landmarks);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = (y * w + x) * 3;
        double cos = head == null ? 0 : head.cosToScreen(x + 0.5, y + 0.5);
        for (int c = 0; c < 3; c++) {
          int offset = 2 - c; // BGR storage: R at +2
          double linear = TO_LINEAR[bgr[p + offset] & 0xff];
          if (cos > 0) {
            linear *= 1 + params.gain() * sensor[c] * cos;
          }
          double value = toSrgb(linear) * 255 + random.nextGaussian() * params.noise();
          bgr[p + offset] = (byte) Math.max(0, Math.min(255, Math.round(value)));
        }
      }
    }
  }

  private static double toSrgb(double linear) {
    double c = Math.min(1, linear);
    return c <= 0.0031308 ? c * 12.92 : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
  }

  /** The head's ellipsoid as seen from the camera. */
  record Head(double cx, double cy, double a, double b, double cos, double sin) {
    static Head fit(float[] lm) {
      double jawLx = lm[0];
      double jawLy = lm[1];
      double jawRx = lm[32];
      double jawRy = lm[33];
      double chinX = lm[16];
      double chinY = lm[17];
      double browX = 0;
      double browY = 0;
      for (int i = 17; i <= 26; i++) {
        browX += lm[2 * i] / 10;
        browY += lm[2 * i + 1] / 10;
      }
      double[] leftEye = mean(lm, 36, 41);
      double[] rightEye = mean(lm, 42, 47);
      double angle = Math.atan2(rightEye[1] - leftEye[1], rightEye[0] - leftEye[0]);
      double halfWidth = 0.525 * Math.hypot(jawRx - jawLx, jawRy - jawLy);
      double browToChin = Math.hypot(chinX - browX, chinY - browY);
      // Forehead: from the brows up about half the brow-to-chin distance.
      double top = -0.55 * browToChin;
      double bottom = browToChin;
      double halfHeight = (bottom - top) / 2;
      double centreAlong = (bottom + top) / 2; // from the brows towards the chin
      double ux = (chinX - browX) / browToChin;
      double uy = (chinY - browY) / browToChin;
      double cx = browX + ux * centreAlong;
      double cy = browY + uy * centreAlong;
      return new Head(cx, cy, Math.max(1, halfWidth), Math.max(1, halfHeight), Math.cos(angle), Math.sin(angle));
    }

    private static double[] mean(float[] lm, int first, int last) {
      double x = 0;
      double y = 0;
      int n = last - first + 1;
      for (int i = first; i <= last; i++) {
        x += lm[2 * i];
        y += lm[2 * i + 1];
      }
      return new double[] {x / n, y / n};
    }

    /**
     * The cosine between the surface normal at the head's point seen at (x, y) and the direction to
     * the screen (the camera's axis); 0 off the head.
     */
    double cosToScreen(double x, double y) {
      double dx = x - cx;
      double dy = y - cy;
      double u = (dx * cos + dy * sin) / a; // across the face, along the eye line
      double v = (-dx * sin + dy * cos) / b; // down the face
      double r2 = u * u + v * v;
      if (r2 >= 1) {
        return 0;
      }
      // Ellipsoid x²/a² + y²/b² + z²/c² = 1 with depth c = a: normal ∝ (u/a, v/b, z/a²) with z = a·√(1-r²).
      double nz = Math.sqrt(1 - r2) / a;
      double nx = u / a;
      double ny = v / b;
      return nz / Math.sqrt(nx * nx + ny * ny + nz * nz);
    }
  }
}
