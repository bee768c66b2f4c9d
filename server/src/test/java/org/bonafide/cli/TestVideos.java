package org.bonafide.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Short MPEG-4 (part 2) videos made in the test from still pictures, with FFmpeg through JavaCV.
 * Public for the tests of the command line's sub-packages.
 */
public final class TestVideos {
  public static final int WIDTH = 320;
  public static final int HEIGHT = 240;

  private TestVideos() {}

  /**
   * Writes each picture (fitted to 320x240) for {@code framesEach} frames, at {@code fps}.
   *
   * @return the file
   */
  public static Path write(Path file, List<BufferedImage> pictures, int framesEach, int fps) throws IOException {
    return write(file, pictures.stream().flatMap(p -> java.util.Collections.nCopies(framesEach, fit(p)).stream()).toList(), fps);
  }

  /** Writes the frames as they are (each already 320x240) at {@code fps}. */
  public static Path write(Path file, List<BufferedImage> frames, int fps) throws IOException {
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0);
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      recorder.setFormat("mp4");
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(fps);
      recorder.setVideoQuality(2);
      recorder.start();
      for (BufferedImage frame : frames) {
        recorder.record(converter.convert(frame));
      }
      recorder.stop();
    }
    return file;
  }

  /** The picture scaled and centred into 320x240 (cropped to the aspect, not stretched). */
  public static BufferedImage fit(BufferedImage picture) {
    double scale = Math.max((double) WIDTH / picture.getWidth(), (double) HEIGHT / picture.getHeight());
    int w = (int) Math.round(picture.getWidth() * scale);
    int h = (int) Math.round(picture.getHeight() * scale);
    BufferedImage out = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(picture, (WIDTH - w) / 2, (HEIGHT - h) / 2, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Mean absolute difference per channel of two images of the same size, 0-255. */
  public static double meanAbsDiff(BufferedImage a, BufferedImage b) {
    long sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
        }
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }
}
