package org.bonafide.biometrics;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.ImageFormat;
import org.bonafide.shared.ExifOrientation;

/**
 * Decodes JPEG, PNG and WebP into an upright BGR raster. Byte and pixel limits are checked before
 * any pixel is decoded, so a decompression bomb (small file, huge declared size) is refused
 * cheaply.
 */
final class ImageDecoder {
  static {
    ImageIO.setUseCache(false);
  }

  private final long maxBytes;
  private final long maxPixels;

  ImageDecoder(long maxBytes, long maxPixels) {
    this.maxBytes = maxBytes;
    this.maxPixels = maxPixels;
  }

  DecodedImage decode(byte[] bytes) {
    return decode(bytes, maxPixels, Double.POSITIVE_INFINITY);
  }

  /**
   * Decodes with a tighter budget than the configured one: at most {@code pixelLimit} pixels (never
   * more than the configured limit) and a long side at most {@code maxAspect} times the short one,
   * both read from the header before any pixel is decoded.
   */
  DecodedImage decode(byte[] bytes, long pixelLimit, double maxAspect) {
    if (bytes == null || bytes.length == 0) {
      throw new BonafideException(ErrorCode.IMAGE_UNREADABLE, "The image is empty.");
    }
    if (bytes.length > maxBytes) {
      throw new BonafideException(
          ErrorCode.IMAGE_TOO_LARGE,
          "The image is " + bytes.length + " bytes; the limit is " + maxBytes + " bytes.",
          Map.of("limit", maxBytes, "size", bytes.length));
    }
    String format = ImageFormat.sniff(bytes);
    if (format == null) {
      throw new BonafideException(
          ErrorCode.IMAGE_FORMAT_UNSUPPORTED,
          "The image is not JPEG, PNG or WebP (checked by its first bytes, not its name).");
    }
    BufferedImage raw = read(bytes, format, Math.min(pixelLimit, maxPixels), maxAspect);
    ExifOrientation orientation =
        ImageFormat.JPEG.equals(format) || ImageFormat.WEBP.equals(format) ? ExifOrientation.of(bytes) : ExifOrientation.AS_STORED;
    return new DecodedImage(orientation.upright(raw), format, sha256(bytes), bytes.length);
  }

  private BufferedImage read(byte[] bytes, String format, long maxPixels, double maxAspect) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw new BonafideException(
          ErrorCode.IMAGE_FORMAT_UNSUPPORTED, "No decoder for " + format + " is installed.");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      long width = reader.getWidth(0);
      long height = reader.getHeight(0);
      if (width <= 0 || height <= 0) {
        throw unreadable("the image declares no size", null);
      }
      if (width * height > maxPixels) {
        throw new BonafideException(
            ErrorCode.IMAGE_TOO_MANY_PIXELS,
            "The image declares "
                + width
                + "x"
                + height
                + " pixels; the limit is "
                + maxPixels
                + " pixels. It was not decoded.",
            Map.of("limit", maxPixels, "width", width, "height", height));
      }
      if (Math.max(width, height) > maxAspect * Math.min(width, height)) {
        throw new BonafideException(
            ErrorCode.VALIDATION_FAILED,
            "The image declares " + width + "x" + height + " pixels; its long side may be at most " + maxAspect
                + " times its short side. It was not decoded.",
            Map.of("maxAspect", maxAspect, "width", width, "height", height));
      }
      BufferedImage image = reader.read(0);
      if (image == null) {
        throw unreadable("the decoder returned no image", null);
      }
      return image;
    } catch (BonafideException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw unreadable(e.getMessage(), e);
    } finally {
      reader.dispose();
    }
  }

  private static BonafideException unreadable(String why, Throwable cause) {
    return new BonafideException(
        ErrorCode.IMAGE_UNREADABLE,
        "The image cannot be decoded" + (why == null ? "." : ": " + why),
        Map.of(),
        cause);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
