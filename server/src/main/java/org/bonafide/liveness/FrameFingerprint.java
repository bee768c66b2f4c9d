package org.bonafide.liveness;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Perceptual fingerprints of a frame, for finding the same media submitted again: a 64-bit
 * difference hash of a 9x8 grey thumbnail (coarse, indexed in four 16-bit bands) and a 256-bit one
 * of a 17x16 thumbnail (fine, to confirm). Difference hashes survive re-encoding, scaling and small
 * tone changes, and change when the picture does. A frame that is nearly uniform (a covered lens, a
 * black first frame) has no fingerprint: every such frame would look alike.
 *
 * <p>The same hashes of the face box alone ({@link #ofFace}) find a face that was seen before in
 * other surroundings: a previous session's face cut out and pasted onto a new background, zoomed
 * in, or re-framed, which changes the whole frame's hash but not the face's.
 *
 * @param frameIndex the frame's index in its capture
 * @param coarse the 64-bit hash
 * @param fine the 256-bit hash as 4 longs
 */
public record FrameFingerprint(int frameIndex, long coarse, long[] fine) {
  /** Grey-level standard deviation of the thumbnail below which a frame is too uniform to compare. */
  static final double MIN_CONTRAST = 4.0;

  /** The frame's fingerprint, or null when it cannot be decoded or is nearly uniform. */
  public static FrameFingerprint of(int frameIndex, byte[] image) {
    BufferedImage small = decodeSmall(image);
    if (small == null) {
      return null;
    }
    return of(frameIndex, small, 0, 0, small.getWidth(), small.getHeight(), 1);
  }

  /**
   * The fingerprint of an already decoded frame: the same pixels as {@link #of(int, byte[])}'s
   * subsampled decoding reads (every {@code step}-th pixel of every {@code step}-th row from the
   * corner, {@code step} the shorter side over 64), so that the analysis, which decodes every frame
   * anyway, gives the same hashes without decoding it again. Null when nearly uniform.
   */
  public static FrameFingerprint ofImage(int frameIndex, BufferedImage image) {
    int step = Math.max(1, Math.min(image.getWidth(), image.getHeight()) / 64);
    int width = (image.getWidth() + step - 1) / step;
    int height = (image.getHeight() + step - 1) / step;
    BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        small.setRGB(x, y, image.getRGB(x * step, y * step));
      }
    }
    return of(frameIndex, small, 0, 0, width, height, 1);
  }

  /**
   * The fingerprint of the face box (clipped to the image) of a decoded frame, or null when the box
   * is empty or nearly uniform. The box is sampled with a step that leaves about 64 pixels a side.
   */
  public static FrameFingerprint ofFace(int frameIndex, BufferedImage image, org.bonafide.biometrics.FaceBox box) {
    int x1 = (int) Math.max(0, Math.floor(box.x1()));
    int y1 = (int) Math.max(0, Math.floor(box.y1()));
    int x2 = (int) Math.min(image.getWidth(), Math.ceil(box.x2()));
    int y2 = (int) Math.min(image.getHeight(), Math.ceil(box.y2()));
    if (x2 - x1 < 17 || y2 - y1 < 16) {
      return null;
    }
    int step = Math.max(1, Math.min(x2 - x1, y2 - y1) / 64);
    return of(frameIndex, image, x1, y1, x2 - x1, y2 - y1, step);
  }

  /** The hashes of a region of an image, read every {@code step} pixels; null when nearly uniform. */
  private static FrameFingerprint of(int frameIndex, BufferedImage image, int x0, int y0, int width, int height, int step) {
    Region region = new Region(image, x0, y0, width, height, step);
    double[][] fine = grey(region, 17, 16);
    if (contrast(fine) < MIN_CONTRAST) {
      return null;
    }
    long[] fineBits = new long[4];
    int bit = 0;
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++, bit++) {
        if (fine[y][x] < fine[y][x + 1]) {
          fineBits[bit >>> 6] |= 1L << (bit & 63);
        }
      }
    }
    double[][] coarse = grey(region, 9, 8);
    long coarseBits = 0;
    bit = 0;
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++, bit++) {
        if (coarse[y][x] < coarse[y][x + 1]) {
          coarseBits |= 1L << bit;
        }
      }
    }
    return new FrameFingerprint(frameIndex, coarseBits, fineBits);
  }

  /** The coarse hash's 16-bit band {@code i} (0-3), as stored in an index. */
  public int band(int i) {
    return (int) ((coarse >>> (16 * i)) & 0xffff);
  }

  /** Differing bits between the fine hashes (0-256). */
  public int fineDistance(long[] other) {
    int d = 0;
    for (int i = 0; i < 4; i++) {
      d += Long.bitCount(fine[i] ^ other[i]);
    }
    return d;
  }

  /** Differing bits between the coarse hashes (0-64). */
  public int coarseDistance(long other) {
    return Long.bitCount(coarse ^ other);
  }

  /** Decodes with subsampling, so a 640x480 JPEG costs a fraction of a full decode. */
  private static BufferedImage decodeSmall(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      if (in == null) {
        return null;
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int step = Math.max(1, Math.min(reader.getWidth(0), reader.getHeight(0)) / 64);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A rectangle of an image, read every {@code step} pixels. */
  private record Region(BufferedImage image, int x0, int y0, int width, int height, int step) {}

  /** Mean grey level of each cell of a {@code w} x {@code h} grid over the region. */
  private static double[][] grey(Region region, int w, int h) {
    double[][] sum = new double[h][w];
    int[][] count = new int[h][w];
    int width = region.width();
    int height = region.height();
    for (int y = 0; y < height; y += region.step()) {
      int cy = Math.min(h - 1, y * h / height);
      for (int x = 0; x < width; x += region.step()) {
        int cx = Math.min(w - 1, x * w / width);
        int rgb = region.image().getRGB(region.x0() + x, region.y0() + y);
        sum[cy][cx] += 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
        count[cy][cx]++;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        sum[y][x] = count[y][x] == 0 ? 0 : sum[y][x] / count[y][x];
      }
    }
    return sum;
  }

  private static double contrast(double[][] grid) {
    double mean = 0;
    int n = 0;
    for (double[] row : grid) {
      for (double v : row) {
        mean += v;
        n++;
      }
    }
    mean /= n;
    double var = 0;
    for (double[] row : grid) {
      for (double v : row) {
        var += (v - mean) * (v - mean);
      }
    }
    return Math.sqrt(var / n);
  }
}
