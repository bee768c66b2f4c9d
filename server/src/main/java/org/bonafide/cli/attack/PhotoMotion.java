package org.bonafide.cli.attack;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.bonafide.biometrics.FaceBox;
import org.bonafide.biometrics.Landmarks;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.Prompt;
import org.bonafide.liveness.PromptStep;

/**
 * One still photo turned into camera frames, as the photo attacks of the attack kit make them:
 * framed like a selfie ({@value Framing#WIDTH}x{@value Framing#HEIGHT}, the face about a third of
 * the height), shaken as a hand holds a phone or a print, optionally animated in 2D (the picture
 * tilted as a plane and the face turned on a cylinder for turns, the inner face slid up or down for
 * nods, the eye regions squashed and painted over with closed lids for a blink), slightly blurred
 * and with per-frame sensor noise.
 *
 * <p>Everything is one inverse mapping per output pixel (hand-held shake, then the plane's
 * rotation, then the selfie framing, then the head's turn or nod and the blink squash in the
 * photo's own pixels), sampled bilinearly and then covered by the painted lids, so no intermediate
 * copy of a large photo is made per frame.
 */
final class PhotoMotion {
  /** Share of the frame's height the face box takes (as {@link Framing} frames footage). */
  private static final double FACE_SHARE = 0.36;
  /** Where the face's centre sits, as a share of the frame's height from the top. */
  private static final double FACE_LEVEL = 0.45;
  /** Focal length of the simulated camera in output pixels: a phone's front camera, about 60 degrees wide. */
  private static final double FOCAL = 1.1 * Framing.WIDTH;

  /**
   * The photo and its subject's face.
   *
   * @param image the photo, {@code TYPE_3BYTE_BGR}
   * @param box the face's box in the photo's pixels
   * @param landmarks the face's 68 landmarks (iBUG order) in the photo's pixels
   */
  record Still(BufferedImage image, FaceBox box, float[] landmarks) {
    Still {
      if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
        throw new IllegalArgumentException("a still is TYPE_3BYTE_BGR");
      }
      if (landmarks.length != 136) {
        throw new IllegalArgumentException("a still has 68 landmarks");
      }
    }
  }

  /**
   * What the picture does at one frame.
   *
   * @param turn the plane's rotation about the vertical axis, degrees; positive turns the face
   *     toward the image's right (the applicant's own left: {@link Prompt#TURN_LEFT})
   * @param nod the rotation about the horizontal axis, degrees; positive tilts the face up
   *     ({@link Prompt#LOOK_UP})
   * @param blink how far the eyes are squashed shut, 0 (open) to 1 (closed)
   */
  record Pose(double turn, double nod, double blink) {
    static final Pose NEUTRAL = new Pose(0, 0, 0);
  }

  /**
   * A hand's shake at one frame, applied to the whole picture around the frame's centre.
   *
   * @param dx horizontal shift, output pixels
   * @param dy vertical shift, output pixels
   * @param rotation degrees
   * @param scale 1 for none
   * @param blur 0 (sharp) to 1 (a 3x3 box blur)
   */
  record Shake(double dx, double dy, double rotation, double scale, double blur) {
    static final Shake NONE = new Shake(0, 0, 0, 1, 0);
  }

  private PhotoMotion() {}

  /**
   * A hand's shake over the frames: each quantity a slowly wandering random walk (mean-reverting),
   * so consecutive frames are close and the picture drifts by a few pixels, about a degree and a
   * few percent of scale over a session.
   */
  static Shake[] handHeld(int frames, RandomGenerator random) {
    Shake[] out = new Shake[frames];
    double dx = 0;
    double dy = 0;
    double rot = 0;
    double logScale = 0;
    for (int k = 0; k < frames; k++) {
      dx = 0.85 * dx + random.nextGaussian() * 2.5;
      dy = 0.85 * dy + random.nextGaussian() * 2.5;
      rot = 0.9 * rot + random.nextGaussian() * 0.35;
      logScale = 0.92 * logScale + random.nextGaussian() * 0.008;
      double blur = Math.min(1, Math.max(0, 0.3 + random.nextGaussian() * 0.25));
      out[k] = new Shake(dx, dy, rot, Math.exp(logScale), blur);
    }
    return out;
  }

  /**
   * What an animation tool answering the challenge does at each capture time: each head movement
   * acted out in its own prompt window in the challenge's order (out, a short hold, back), and one
   * blink in the blink window; nothing for the colours or the hand sweep (a 2D animation has no
   * hand to pass).
   */
  static Pose[] choreography(Challenge challenge, long[] timestamps, RandomGenerator random) {
    List<double[]> actions = new ArrayList<>(); // {start, end, turn, nod, blink}
    long t0 = 0;
    for (PromptStep step : challenge.prompts()) {
      double d = step.durationMs();
      Prompt p = step.prompt();
      if (p.isMovement()) {
        double start = t0 + d * (0.08 + 0.12 * random.nextDouble());
        double end = Math.min(t0 + d * 0.95, start + 1300 + random.nextInt(300));
        double turnDeg = 28 + 8 * random.nextDouble();
        double nodDeg = 24 + 4 * random.nextDouble();
        double turn = p == Prompt.TURN_LEFT ? turnDeg : p == Prompt.TURN_RIGHT ? -turnDeg : 0;
        double nod = p == Prompt.LOOK_UP ? nodDeg : p == Prompt.LOOK_DOWN ? -nodDeg : 0;
        actions.add(new double[] {start, end, turn, nod, 0});
      } else if (p == Prompt.BLINK) {
        double centre = t0 + d * (0.3 + 0.3 * random.nextDouble());
        double half = 150 + random.nextInt(60);
        actions.add(new double[] {centre - half, centre + half, 0, 0, 1});
      }
      t0 += step.durationMs();
    }
    Pose[] poses = new Pose[timestamps.length];
    for (int k = 0; k < timestamps.length; k++) {
      double turn = 0;
      double nod = 0;
      double blink = 0;
      for (double[] a : actions) {
        double t = timestamps[k];
        if (t <= a[0] || t >= a[1]) {
          continue;
        }
        double phase = (t - a[0]) / (a[1] - a[0]);
        if (a[4] > 0) {
          // Shut for the middle third, as a real blink holds the lids closed for a frame or two.
          blink = Math.max(blink, Math.min(1, 1.6 * Math.sin(Math.PI * phase)));
        } else {
          // Out in the first 40%, held, back in the last 40%: smooth ramps as an animation eases.
          double level = phase < 0.4 ? ease(phase / 0.4) : phase > 0.6 ? ease((1 - phase) / 0.4) : 1;
          turn += a[2] * level;
          nod += a[3] * level;
        }
      }
      poses[k] = new Pose(turn, nod, blink);
    }
    return poses;
  }

  private static double ease(double x) {
    return (1 - Math.cos(Math.PI * Math.max(0, Math.min(1, x)))) / 2;
  }

  /** The photo framed, moved and shaken into one {@value Framing#WIDTH}x{@value Framing#HEIGHT} frame (no noise). */
  static BufferedImage render(Still still, Pose pose, Shake shake) {
    int w = Framing.WIDTH;
    int h = Framing.HEIGHT;
    FaceBox box = still.box();
    // Selfie framing: source pixels per output pixel, and where the output's origin lies in the photo.
    double perOut = box.height() / FACE_SHARE / h;
    double faceCx = (box.x1() + box.x2()) / 2.0;
    double faceCy = (box.y1() + box.y2()) / 2.0;
    double originX = faceCx - perOut * w / 2.0;
    double originY = faceCy - perOut * h * FACE_LEVEL;
    // The face's centre in output pixels: the plane rotates about it.
    double cx = w / 2.0;
    double cy = h * FACE_LEVEL;
    double faceHalfWidth = box.width() / perOut / 2;
    double[] inverse = invert(planeRotation(pose, cx, cy, faceHalfWidth));
    double cos = Math.cos(Math.toRadians(-shake.rotation())) / shake.scale();
    double sin = Math.sin(Math.toRadians(-shake.rotation())) / shake.scale();
    Eye[] eyes = pose.blink() > 0 ? new Eye[] {Eye.of(still.landmarks(), Landmarks.LEFT_EYE), Eye.of(still.landmarks(), Landmarks.RIGHT_EYE)} : new Eye[0];
    Lid[] lids =
        pose.blink() > 0
            ? new Lid[] {Lid.of(still.landmarks(), Landmarks.LEFT_EYE, still.image()), Lid.of(still.landmarks(), Landmarks.RIGHT_EYE, still.image())}
            : new Lid[0];
    HeadWarp head = new HeadWarp(faceCx, faceCy, box.width(), box.height(), pose);

    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    byte[] src = ((DataBufferByte) still.image().getRaster().getDataBuffer()).getData();
    int sw = still.image().getWidth();
    int sh = still.image().getHeight();
    double[] sample = new double[3];
    for (int v = 0; v < h; v++) {
      for (int u = 0; u < w; u++) {
        // 1. undo the hand's shake (about the frame's centre)
        double ax = u + 0.5 - w / 2.0 - shake.dx();
        double ay = v + 0.5 - h / 2.0 - shake.dy();
        double px = cos * ax - sin * ay + w / 2.0;
        double py = sin * ax + cos * ay + h / 2.0;
        // 2. undo the plane's rotation
        double hz = inverse[6] * px + inverse[7] * py + inverse[8];
        double qx = (inverse[0] * px + inverse[1] * py + inverse[2]) / hz;
        double qy = (inverse[3] * px + inverse[4] * py + inverse[5]) / hz;
        // 3. into the photo
        double sx = originX + qx * perOut;
        double sy = originY + qy * perOut;
        // 4. the head's turn or nod drawn on the face as on a cylinder (the far side compressed)
        if (head.active()) {
          double[] warped = head.source(sx, sy);
          sx = warped[0];
          sy = warped[1];
        }
        // 5. the blink: sample the lids instead of the eye, then draw the closed lid over it
        for (Eye eye : eyes) {
          sy = eye.squash(sx, sy, pose.blink());
        }
        bilinear(src, sw, sh, sx - 0.5, sy - 0.5, sample);
        for (Lid lid : lids) {
          lid.cover(sx, sy, pose.blink(), sample);
        }
        int p = (v * w + u) * 3;
        dst[p] = (byte) Math.round(sample[0]);
        dst[p + 1] = (byte) Math.round(sample[1]);
        dst[p + 2] = (byte) Math.round(sample[2]);
      }
    }
    return out;
  }

  /**
   * The forward homography (row-major 3x3, output pixels to output pixels) of the picture seen as a
   * plane rotated about the face's centre, with the face's centre shifted the way a head's centre
   * moves when it turns (a quarter of the face's half-width at 30 degrees).
   */
  static double[] planeRotation(Pose pose, double cx, double cy, double faceHalfWidth) {
    double a = Math.toRadians(pose.turn());
    double b = Math.toRadians(pose.nod());
    // The plane point (X, Y) rotated about the vertical axis, then about the horizontal one, seen
    // from distance FOCAL: the side turned away gets smaller, as a tilted print does.
    double f = FOCAL;
    double[] yaw = {f * Math.cos(a), 0, 0, 0, f, 0, Math.sin(a), 0, f};
    double[] pitch = {f, 0, 0, 0, f * Math.cos(b), 0, 0, -Math.sin(b), f};
    double[] rot = multiply(pitch, yaw);
    double shiftX = 0.5 * faceHalfWidth * Math.sin(a);
    double shiftY = -0.5 * faceHalfWidth * Math.sin(b);
    double[] toCentre = {1, 0, -cx, 0, 1, -cy, 0, 0, 1};
    double[] back = {1, 0, cx + shiftX, 0, 1, cy + shiftY, 0, 0, 1};
    return multiply(back, multiply(rot, toCentre));
  }

  static double[] multiply(double[] m, double[] n) {
    double[] r = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[3 * i + j] = m[3 * i] * n[j] + m[3 * i + 1] * n[3 + j] + m[3 * i + 2] * n[6 + j];
      }
    }
    return r;
  }

  static double[] invert(double[] m) {
    double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
    double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    return new double[] {
      (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
      (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
      (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det
    };
  }

  /** Corner to corner width of the eye starting at {@code first} (points first and first + 3). */
  static double eyeWidth(float[] landmarks, int first) {
    return Math.hypot(
        landmarks[2 * (first + 3)] - landmarks[2 * first], landmarks[2 * (first + 3) + 1] - landmarks[2 * first + 1]);
  }

  /** A forward homography applied to one point. */
  static double[] apply(double[] m, double x, double y) {
    double z = m[6] * x + m[7] * y + m[8];
    return new double[] {(m[0] * x + m[1] * y + m[2]) / z, (m[3] * x + m[4] * y + m[5]) / z};
  }

  /**
   * A head's turn or nod drawn on the flat picture, as animation apps do. For a turn the face is
   * treated as a cylinder about the vertical axis, radius about the face's half-width, rotated by
   * the turn's angle: the near side widens, the far side is compressed and the nose moves further
   * than the face's outline; the displacement fades to nothing outside the head, so the background
   * stays put. For a nod the inner face (eyes, nose, mouth) slides up or down inside the still
   * outline. A plane tilt alone moves every feature consistently, and the pose model reads only a
   * few degrees from it (measured: under 6 degrees of pitch for a 30-degree plane tilt).
   */
  record HeadWarp(double cx, double cy, double rx, double ry, double turn, double nod) {
    /** How far the inner face slides for a nod, in radii per unit of the angle's sine. */
    private static final double NOD_SHIFT = 0.8;
    /** The sliding region's spread (Gaussian sigma), in radii. */
    private static final double NOD_SPREAD = 0.3;

    HeadWarp(double cx, double cy, double faceWidth, double faceHeight, Pose pose) {
      this(cx, cy, 0.62 * faceWidth, 0.62 * faceHeight, Math.toRadians(pose.turn()), Math.toRadians(pose.nod()));
    }

    boolean active() {
      return turn != 0 || nod != 0;
    }

    /** Where in the photo the output point (x, y), in the photo's pixels, takes its colour from. */
    double[] source(double x, double y) {
      double u = (x - cx) / rx;
      double v = (y - cy) / ry;
      double weight = fade(Math.hypot(u, v * 0.85));
      double du = turn == 0 ? 0 : unrotate(u, turn) - u;
      if (nod != 0) {
        // The inner face (eyes, nose, mouth) slides up or down inside a still outline, as the
        // features do when a head tips back or forward.
        double g = Math.exp(-(u * u + v * v) / (2 * NOD_SPREAD * NOD_SPREAD));
        y += g * Math.sin(nod) * NOD_SHIFT * ry;
      }
      return new double[] {x + weight * du * rx, y};
    }

    /** The point on a unit cylinder seen at {@code p} after a rotation by {@code angle}, before it. */
    private static double unrotate(double p, double angle) {
      double clamped = Math.max(-1, Math.min(1, p));
      double theta = Math.asin(clamped) - angle;
      theta = Math.max(-Math.PI / 2, Math.min(Math.PI / 2, theta));
      return Math.sin(theta) + (p - clamped);
    }

    /** 1 over the face, easing to 0 at 1.6 radii. */
    private static double fade(double r) {
      if (r <= 0.9) {
        return 1;
      }
      if (r >= 1.6) {
        return 0;
      }
      double s = (1.6 - r) / 0.7;
      return s * s * (3 - 2 * s);
    }
  }

  /**
   * A closed eyelid drawn over one eye, as blink animations paint it: the lid's edge comes down
   * from the upper lid's curve to the lower lid's as the blink closes; above the edge, inside the
   * eye's polygon (from its six landmarks, enlarged to cover the lashes and the rim), the eye is
   * painted over with skin of the colour sampled on the cheek just below the eye, shaded a little
   * darker toward the edge; the edge itself is a dark lash line. The cover is feathered at the
   * polygon's sides. A squash alone fails on a small or shadowed face: the iris and the white of
   * the eye stay visible, and the eye model still reads the eye as open.
   */
  private record Lid(double[] polygon, double[] upper, double[] lower, double[] skin, double lash, double feather) {
    static Lid of(float[] lm, int first, BufferedImage image) {
      double[] centre = Landmarks.eyeCentre(lm, first);
      double x = centre[0];
      double y = centre[1];
      double width = eyeWidth(lm, first);
      // The corners pushed out a little, the upper lid's points raised toward the brow (a deep-set
      // or shadowed eye socket reads as an open eye to the model), the lower lid's lowered a little.
      double[] lift = {0, -0.3, -0.3, 0, 0.08, 0.08};
      double[] poly = new double[12];
      for (int i = 0; i < 6; i++) {
        poly[2 * i] = x + (lm[2 * (first + i)] - x) * 1.15;
        poly[2 * i + 1] = lm[2 * (first + i) + 1] + lift[i] * width;
      }
      if (signedArea(poly) < 0) {
        for (int i = 0; i < 3; i++) {
          swap(poly, i, 5 - i);
        }
      }
      // Corner, two upper lid points, corner; and corner, two lower lid points, corner.
      double[] upper = curve(lm, first, first + 1, first + 2, first + 3);
      double[] lower = curve(lm, first, first + 5, first + 4, first + 3);
      double[] skin = mean(image, x, y + 0.6 * width, 0.25 * width, 0.12 * width);
      return new Lid(poly, upper, lower, skin, Math.max(1.2, 0.07 * width), Math.max(1, 0.12 * width));
    }

    private static double[] curve(float[] lm, int... points) {
      double[] c = new double[2 * points.length];
      for (int i = 0; i < points.length; i++) {
        c[2 * i] = lm[2 * points[i]];
        c[2 * i + 1] = lm[2 * points[i] + 1];
      }
      return c;
    }

    /** The curve's height at x: piecewise linear between its points, flat beyond its ends. */
    private static double at(double[] c, double x) {
      boolean rising = c[c.length - 2] >= c[0];
      int n = c.length / 2;
      for (int i = 0; i < n - 1; i++) {
        double x0 = rising ? c[2 * i] : c[2 * (n - 1 - i)];
        double y0 = rising ? c[2 * i + 1] : c[2 * (n - 1 - i) + 1];
        double x1 = rising ? c[2 * (i + 1)] : c[2 * (n - 2 - i)];
        double y1 = rising ? c[2 * (i + 1) + 1] : c[2 * (n - 2 - i) + 1];
        if (x <= x1 || i == n - 2) {
          double t = x1 == x0 ? 0 : Math.max(0, Math.min(1, (x - x0) / (x1 - x0)));
          return y0 + t * (y1 - y0);
        }
      }
      return c[1];
    }

    private static double[] mean(BufferedImage image, double cx, double cy, double hw, double hh) {
      byte[] px = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      int w = image.getWidth();
      int h = image.getHeight();
      double[] sum = new double[3];
      int n = 0;
      for (int y = (int) Math.max(0, cy - hh); y <= Math.min(h - 1, cy + hh); y++) {
        for (int x = (int) Math.max(0, cx - hw); x <= Math.min(w - 1, cx + hw); x++) {
          int p = (y * w + x) * 3;
          for (int c = 0; c < 3; c++) {
            sum[c] += px[p + c] & 0xff;
          }
          n++;
        }
      }
      for (int c = 0; c < 3; c++) {
        sum[c] = n == 0 ? 128 : sum[c] / n;
      }
      return sum;
    }

    private static double signedArea(double[] p) {
      double a = 0;
      for (int i = 0; i < 6; i++) {
        int j = (i + 1) % 6;
        a += p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1];
      }
      return a;
    }

    private static void swap(double[] p, int i, int j) {
      double x = p[2 * i];
      double y = p[2 * i + 1];
      p[2 * i] = p[2 * j];
      p[2 * i + 1] = p[2 * j + 1];
      p[2 * j] = x;
      p[2 * j + 1] = y;
    }

    /** Paints the lid over {@code sample} (BGR) at photo point (x, y) for a blink closed by {@code closure}. */
    void cover(double x, double y, double closure, double[] sample) {
      double inside = FaceSwap.insideDistance(polygon, x, y);
      if (closure <= 0 || inside <= -feather) {
        return;
      }
      double side = Math.min(1, (inside + feather) / (2 * feather));
      double c = Math.min(1, closure);
      double edge = (1 - c) * at(upper, x) + c * at(lower, x);
      // Skin above the edge (softened over a pixel), the lash line on it.
      double lid = Math.max(0, Math.min(1, (edge - y) + 0.5));
      double line = Math.max(0, 1 - Math.abs(y - edge) / lash) * c;
      double weight = side * Math.max(lid, line) * Math.min(1, 2 * closure);
      if (weight <= 0) {
        return;
      }
      double shade = 1 - 0.12 * Math.max(0, 1 - (edge - y) / (3 * lash)) - 0.6 * line;
      for (int k = 0; k < 3; k++) {
        sample[k] = (1 - weight) * sample[k] + weight * skin[k] * shade;
      }
    }
  }

  /** One eye's region in the photo, from its six landmarks. */
  private record Eye(double cx, double cy, double halfWidth, double opening, double region) {
    static Eye of(float[] lm, int first) {
      double[] centre = Landmarks.eyeCentre(lm, first);
      double x = centre[0];
      double y = centre[1];
      double width = eyeWidth(lm, first);
      // Upper lid points first+1, first+2; lower lid first+5, first+4.
      double open =
          (Math.abs(lm[2 * (first + 5) + 1] - lm[2 * (first + 1) + 1])
                  + Math.abs(lm[2 * (first + 4) + 1] - lm[2 * (first + 2) + 1]))
              / 4;
      double halfOpen = Math.max(open, 0.12 * width);
      return new Eye(x, y, 0.75 * width, 1.4 * halfOpen, Math.max(3.2 * halfOpen, 0.45 * width));
    }

    /**
     * Pushes a sample point inside the eye's region away from the eye's centre line, so the output
     * shows the lids and the skin around them where the eye was; the push fades to nothing at the
     * region's edge (top, bottom and corners), so the picture stays continuous.
     */
    double squash(double x, double y, double closure) {
      double u = (x - cx) / halfWidth;
      double dy = y - cy;
      if (Math.abs(u) >= 1 || Math.abs(dy) >= region) {
        return y;
      }
      double taper = 1 - u * u;
      double push = closure * taper * opening * (1 - Math.abs(dy) / region);
      return cy + Math.signum(dy == 0 ? 1 : dy) * (Math.abs(dy) + push);
    }
  }

  /** Bilinear sample of a 3-byte-per-pixel raster at (x, y), clamped to the image. */
  static void bilinear(byte[] src, int w, int h, double x, double y, double[] out) {
    x = Math.max(0, Math.min(w - 1.001, x));
    y = Math.max(0, Math.min(h - 1.001, y));
    int x0 = (int) x;
    int y0 = (int) y;
    double fx = x - x0;
    double fy = y - y0;
    int p00 = (y0 * w + x0) * 3;
    int p01 = p00 + 3;
    int p10 = p00 + w * 3;
    int p11 = p10 + 3;
    for (int c = 0; c < 3; c++) {
      double top = (src[p00 + c] & 0xff) * (1 - fx) + (src[p01 + c] & 0xff) * fx;
      double bottom = (src[p10 + c] & 0xff) * (1 - fx) + (src[p11 + c] & 0xff) * fx;
      out[c] = top * (1 - fy) + bottom * fy;
    }
  }

  /**
   * Camera degradations in place: a blur of the given strength (mixing each pixel with its 3x3
   * neighbourhood mean) and Gaussian sensor noise of {@code noise} levels, fresh in every frame.
   */
  static void degrade(BufferedImage frame, double blur, double noise, RandomGenerator random) {
    int w = frame.getWidth();
    int h = frame.getHeight();
    byte[] data = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
    byte[] copy = blur > 0 ? data.clone() : data;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = (y * w + x) * 3;
        for (int c = 0; c < 3; c++) {
          double value = copy[p + c] & 0xff;
          if (blur > 0) {
            double sum = 0;
            int n = 0;
            for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
              for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                sum += copy[(yy * w + xx) * 3 + c] & 0xff;
                n++;
              }
            }
            value = (1 - blur) * value + blur * sum / n;
          }
          if (noise > 0) {
            value += random.nextGaussian() * noise;
          }
          data[p + c] = (byte) Math.max(0, Math.min(255, Math.round(value)));
        }
      }
    }
  }
}
