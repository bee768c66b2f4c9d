package org.bonafide.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * Decodes an image only after its header showed it within a pixel limit, so a small file that
 * declares a huge image cannot take the memory; every failure is a {@link BonafideException} with
 * an image error code, never an unchecked exception from the decoder.
 */
final class BoundedImageReader {
  private BoundedImageReader() {}

  /**
   * @param what how messages name the image ("The document image", "The page image")
   * @throws BonafideException {@code image-unreadable} for empty, corrupt or unknown bytes, {@code
   *     image-too-many-pixels} above the limit
   */
  static BufferedImage read(byte[] bytes, long maxPixels, String what) {
    if (bytes == null || bytes.length == 0) {
      throw new BonafideException(ErrorCode.IMAGE_UNREADABLE, what + " is empty.");
    }
    BufferedImage image;
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new BonafideException(ErrorCode.IMAGE_UNREADABLE, what + " is not in a format that can be decoded.");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > maxPixels) {
          throw new BonafideException(
              ErrorCode.IMAGE_TOO_MANY_PIXELS,
              what + " has " + pixels + " pixels; at most " + maxPixels + " are accepted.",
              Map.of("limit", maxPixels, "pixels", pixels));
        }
        image = reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BonafideException b) {
        throw b;
      }
      throw new BonafideException(ErrorCode.IMAGE_UNREADABLE, what + " cannot be decoded.", Map.of(), e);
    }
    if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
      throw new BonafideException(ErrorCode.IMAGE_UNREADABLE, what + " cannot be decoded.");
    }
    return image;
  }
}
