package org.bonafide.cli.attack;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Frames the subject of {@link Footage} the way a phone's selfie camera would: a portrait window
 * (3:4) around the subject's face, the same size throughout a shot, following the face smoothly,
 * scaled to the output size. The source may show several people; the window shows one.
 */
final class Framing {
  /** A phone-like portrait capture size. */
  static final int WIDTH = 480;
  static final int HEIGHT = 640;

  /** Face box height as a share of the window's height: an arm's-length selfie. */
  private static final double FACE_SHARE = 0.36;
  /** Where the face centre sits, from the window's top, as a share of its height. */
  private static final double FACE_LEVEL = 0.45;
  /** Frames either side averaged into the window's centre: a hand-held camera follows, not jitters. */
  private static final int SMOOTH = 6;

  /** A crop window in source pixels. */
  record Window(double x, double y, double width, double height) {
    /** Maps a source x coordinate into output pixels. */
    double outX(double sourceX) {
      return (sourceX - x) * WIDTH / width;
    }

    double outY(double sourceY) {
      return (sourceY - y) * HEIGHT / height;
    }

    /** Output pixels per source pixel. */
    double scale() {
      return HEIGHT / height;
    }
  }

  private final Window[] windows;

  private Framing(Window[] windows) {
    this.windows = windows;
  }

  /** The window of every frame of the footage. */
  static Framing of(Footage footage) {
    int n = footage.size();
    Window[] windows = new Window[n];
    int imageW = footage.frames().get(0).image().getWidth();
    int imageH = footage.frames().get(0).image().getHeight();
    for (int from = 0; from < n; ) {
      int to = from;
      while (to < n && footage.shot(to) == footage.shot(from)) {
        to++;
      }
      frameShot(footage, from, to, imageW, imageH, windows);
      from = to;
    }
    return new Framing(windows);
  }

  private static void frameShot(Footage footage, int from, int to, int imageW, int imageH, Window[] out) {
    int len = to - from;
    double[] cx = new double[len];
    double[] cy = new double[len];
    boolean[] seen = new boolean[len];
    java.util.List<Double> heights = new java.util.ArrayList<>();
    for (int i = 0; i < len; i++) {
      Footage.Subject s = footage.subject(from + i);
      if (s != null) {
        seen[i] = true;
        cx[i] = s.centreX();
        cy[i] = s.centreY();
        heights.add((double) s.box().height());
      }
    }
    double height;
    if (heights.isEmpty()) {
      // No face in the shot: a centred window as large as the frame allows.
      height = Math.min(imageH, imageW * 4.0 / 3.0);
      for (int i = 0; i < len; i++) {
        cx[i] = imageW / 2.0;
        cy[i] = imageH * FACE_LEVEL;
        seen[i] = true;
      }
    } else {
      java.util.Collections.sort(heights);
      height = Math.min(heights.get(heights.size() / 2) / FACE_SHARE, Math.min(imageH, imageW * 4.0 / 3.0));
      fillGaps(cx, seen);
      fillGaps(cy, seen);
    }
    double width = height * 3.0 / 4.0;
    for (int i = 0; i < len; i++) {
      double sx = 0;
      double sy = 0;
      int count = 0;
      for (int k = Math.max(0, i - SMOOTH); k <= Math.min(len - 1, i + SMOOTH); k++) {
        sx += cx[k];
        sy += cy[k];
        count++;
      }
      double x = sx / count - width / 2;
      double y = sy / count - height * FACE_LEVEL;
      x = Math.max(0, Math.min(imageW - width, x));
      y = Math.max(0, Math.min(imageH - height, y));
      out[from + i] = new Window(x, y, width, height);
    }
  }

  /** Frames without the face take the nearest seen frame's value. */
  private static void fillGaps(double[] values, boolean[] seen) {
    int last = -1;
    for (int i = 0; i < values.length; i++) {
      if (seen[i]) {
        if (last < 0) {
          for (int k = 0; k < i; k++) {
            values[k] = values[i];
          }
        } else {
          for (int k = last + 1; k < i; k++) {
            values[k] = (k - last) <= (i - k) ? values[last] : values[i];
          }
        }
        last = i;
      }
    }
    for (int k = last + 1; k < values.length && last >= 0; k++) {
      values[k] = values[last];
    }
  }

  Window window(int frame) {
    return windows[frame];
  }

  /** The frame's window, scaled to {@value #WIDTH}x{@value #HEIGHT}. */
  BufferedImage crop(BufferedImage source, int frame) {
    Window w = windows[frame];
    BufferedImage out = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      int x1 = (int) Math.round(w.x());
      int y1 = (int) Math.round(w.y());
      int x2 = (int) Math.round(w.x() + w.width());
      int y2 = (int) Math.round(w.y() + w.height());
      g.drawImage(source, 0, 0, WIDTH, HEIGHT, x1, y1, x2, y2, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
