package org.bonafide.liveness;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * A frame's grey levels at every {@code stride}-th pixel of every {@code stride}-th row. The pixels
 * are picked, not averaged, so each keeps the sensor noise of one pixel (averaging would divide
 * it by the stride): consecutive thumbnails compare a feed's temporal noise and tell repeated
 * frames at a few per cent of the cost and memory of the whole frame (160x120 bytes for 640x480).
 *
 * @param width thumbnail columns
 * @param height thumbnail rows
 * @param stride the frame's pixels per thumbnail pixel, in each direction
 * @param grey grey levels (0-255, Rec. 601 luma), row by row
 */
record GreyThumbnail(int width, int height, int stride, byte[] grey) {
  /** Longest side of a thumbnail, in thumbnail pixels. */
  static final int MAX_SIDE = 160;

  /** Samples a decoded frame; BGR byte rasters are read directly, other types pixel by pixel. */
  static GreyThumbnail sample(BufferedImage image) {
    int stride = Math.max(1, (Math.max(image.getWidth(), image.getHeight()) + MAX_SIDE - 1) / MAX_SIDE);
    int w = image.getWidth() / stride;
    int h = image.getHeight() / stride;
    byte[] out = new byte[w * h];
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
        && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
        && image.getRaster().getSampleModelTranslateX() == 0
        && image.getRaster().getSampleModelTranslateY() == 0) {
      byte[] bgr = buffer.getData();
      int rowBytes = image.getWidth() * 3;
      for (int y = 0; y < h; y++) {
        int row = y * stride * rowBytes;
        for (int x = 0; x < w; x++) {
          int p = row + x * stride * 3;
          out[y * w + x] = luma(bgr[p + 2] & 0xff, bgr[p + 1] & 0xff, bgr[p] & 0xff);
        }
      }
    } else {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int rgb = image.getRGB(x * stride, y * stride);
          out[y * w + x] = luma((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
        }
      }
    }
    return new GreyThumbnail(w, h, stride, out);
  }

  private static byte luma(int r, int g, int b) {
    return (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
  }

  int at(int x, int y) {
    return grey[y * width + x] & 0xff;
  }

  /** Whether the two thumbnails have the same geometry (a resolution change breaks comparisons). */
  boolean comparable(GreyThumbnail other) {
    return other != null && width == other.width && height == other.height && stride == other.stride;
  }

  /** Mean absolute grey difference to a comparable thumbnail. */
  double meanAbsDifference(GreyThumbnail other) {
    long sum = 0;
    for (int i = 0; i < grey.length; i++) {
      sum += Math.abs((grey[i] & 0xff) - (other.grey[i] & 0xff));
    }
    return grey.length == 0 ? 0 : (double) sum / grey.length;
  }

  /**
   * Whether the mean absolute grey difference to a comparable thumbnail is below {@code mean};
   * stops as soon as it cannot be, so that comparing a frame with every earlier one stays cheap.
   */
  boolean closerThan(GreyThumbnail other, double mean) {
    double limit = mean * grey.length;
    long sum = 0;
    for (int i = 0; i < grey.length; i++) {
      sum += Math.abs((grey[i] & 0xff) - (other.grey[i] & 0xff));
      if (sum >= limit) {
        return false;
      }
    }
    return sum < limit;
  }

  /** Standard deviation of the grey levels: near 0 for a black, white or uniform frame. */
  double contrast() {
    if (grey.length == 0) {
      return 0;
    }
    double sum = 0;
    double squares = 0;
    for (byte b : grey) {
      int v = b & 0xff;
      sum += v;
      squares += (double) v * v;
    }
    double mean = sum / grey.length;
    return Math.sqrt(Math.max(0, squares / grey.length - mean * mean));
  }
}
