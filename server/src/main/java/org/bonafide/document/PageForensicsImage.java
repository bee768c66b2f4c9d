package org.bonafide.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.ImageFormat;

/**
 * The page photo as the forensic checks read it: the encoded bytes (metadata, thumbnail) and the
 * raster exactly as stored, with EXIF orientation NOT applied, because the JPEG 8x8 block grid
 * and a screen's pixel grid live in the stored raster.
 *
 * @param bytes the encoded image
 * @param format {@code jpeg}, {@code png} or {@code webp}
 * @param width raster width
 * @param height raster height
 * @param rgb packed 0xRRGGBB pixels, row by row
 * @param luma BT.601 luma 0-255, row by row
 */
record PageForensicsImage(byte[] bytes, String format, int width, int height, int[] rgb, float[] luma) {
  static {
    ImageIO.setUseCache(false);
  }

  boolean isJpeg() {
    return ImageFormat.JPEG.equals(format);
  }

  float luma(int x, int y) {
    return luma[y * width + x];
  }

  /**
   * Decodes JPEG, PNG or WebP bytes (the formats the service accepts everywhere; the checks that
   * read JPEG structure run on JPEG only).
   *
   * @throws BonafideException {@code image-unreadable} for empty or undecodable bytes, {@code
   *     image-format-unsupported} for other formats, {@code image-too-many-pixels} above the limit
   *     (checked from the header before any pixel is decoded)
   */
  static PageForensicsImage decode(byte[] bytes, long maxPixels) {
    if (bytes == null || bytes.length == 0) {
      throw new BonafideException(ErrorCode.IMAGE_UNREADABLE, "The page image is empty.");
    }
    String format = ImageFormat.sniff(bytes);
    if (format == null) {
      throw new BonafideException(
          ErrorCode.IMAGE_FORMAT_UNSUPPORTED, "The page image is not JPEG, PNG or WebP (checked by its first bytes).");
    }
    BufferedImage image = BoundedImageReader.read(bytes, maxPixels, "The page image");
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    float[] luma = new float[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      luma[i] = (float) (0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff));
      rgb[i] = p & 0xffffff;
    }
    return new PageForensicsImage(bytes.clone(), format, w, h, rgb, luma);
  }

  BufferedImage toBufferedImage() {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, width, height, rgb, 0, width);
    return out;
  }

  /** Encodes a raster as baseline JPEG at a quality 0-1 (used to re-encode for error levels). */
  static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory JPEG encoding failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  /** Median absolute deviation scaled to a normal standard deviation (1.4826 MAD). */
  static double mad(double[] values, double median) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = Math.abs(values[i] - median);
    }
    return 1.4826 * median(d);
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
