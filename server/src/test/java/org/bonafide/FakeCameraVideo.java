package org.bonafide;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bonafide.testing.TestImages;

/**
 * A YUV4MPEG2 (4:2:0) video for Chromium's fake camera ({@code --use-file-for-fake-video-capture}),
 * made from a real face photo: a crop around one face, moved a few pixels and scaled a little from
 * frame to frame so it is not a still image. It is a fixed recording, the kind of video a
 * re-flashed phone feeds to the camera: it cannot turn, blink or reflect the screen colours on
 * request. Chromium plays it in a loop.
 */
final class FakeCameraVideo {
  static final int WIDTH = 640;
  static final int HEIGHT = 480;
  static final int FPS = 15;
  static final int FRAMES = 3 * FPS;

  private FakeCameraVideo() {}

  /**
   * The source picture: the middle woman of sample3 (face box about 1077,193-1296,506), facing the
   * camera with her eyes open, in a 4:3 region centred on her face and narrow enough to leave her
   * neighbours' faces out.
   */
  static BufferedImage sourceRegion() {
    BufferedImage photo = TestImages.read(TestImages.photo(TestImages.SAMPLE3_MIDDLE.photo()));
    int centreX = 1196;
    int centreY = 370;
    int width = 630;
    int height = width * HEIGHT / WIDTH;
    return photo.getSubimage(centreX - width / 2, centreY - height / 2, width, height);
  }

  /** Frame {@code i} of the video: the source region, shifted and scaled by a slow, smooth jitter. */
  static BufferedImage frame(BufferedImage source, int i) {
    double phase = 2 * Math.PI * i / FRAMES;
    double dx = 5 * Math.sin(phase) + 2 * Math.sin(3 * phase);
    double dy = 4 * Math.cos(phase);
    double scale = 1.0 + 0.015 * Math.sin(2 * phase);
    BufferedImage out = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      // a little larger than the frame, so the shifted picture never shows an empty border
      double fill = 1.03 * scale * WIDTH / source.getWidth();
      AffineTransform transform = new AffineTransform();
      transform.translate(WIDTH / 2.0 + dx, HEIGHT / 2.0 + dy);
      transform.scale(fill, fill);
      transform.translate(-source.getWidth() / 2.0, -source.getHeight() / 2.0);
      g.drawImage(source, transform, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Writes the video to {@code target} and returns it. */
  static Path write(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    BufferedImage source = sourceRegion();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
      // Ip: progressive, A1:1: square pixels, C420jpeg: 4:2:0 with centred chroma
      String header = "YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F" + FPS + ":1 Ip A1:1 C420jpeg\n";
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < FRAMES; i++) {
        out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
        out.write(i420(frame(source, i)));
      }
    }
    return target;
  }

  /**
   * The picture as planar Y, U, V (BT.601, video range: Y 16-235), chroma averaged over 2x2
   * blocks, which is how Chromium reads a 4:2:0 Y4M file.
   */
  static byte[] i420(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[w * h * 3 / 2];
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < rgb.length; i++) {
      int r = (rgb[i] >> 16) & 0xff;
      int g = (rgb[i] >> 8) & 0xff;
      int b = rgb[i] & 0xff;
      out[i] = clip(16 + 0.257 * r + 0.504 * g + 0.098 * b);
    }
    int uOffset = w * h;
    int vOffset = uOffset + (w / 2) * (h / 2);
    for (int y = 0; y < h / 2; y++) {
      for (int x = 0; x < w / 2; x++) {
        double r = 0;
        double g = 0;
        double b = 0;
        for (int k = 0; k < 4; k++) {
          int p = rgb[(2 * y + k / 2) * w + 2 * x + k % 2];
          r += (p >> 16) & 0xff;
          g += (p >> 8) & 0xff;
          b += p & 0xff;
        }
        r /= 4;
        g /= 4;
        b /= 4;
        int c = y * (w / 2) + x;
        out[uOffset + c] = clip(128 - 0.148 * r - 0.291 * g + 0.439 * b);
        out[vOffset + c] = clip(128 + 0.439 * r - 0.368 * g - 0.071 * b);
      }
    }
    return out;
  }

  private static byte clip(double value) {
    return (byte) Math.max(0, Math.min(255, Math.round(value)));
  }
}
