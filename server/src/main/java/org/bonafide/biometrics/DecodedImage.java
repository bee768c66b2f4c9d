package org.bonafide.biometrics;

import java.awt.image.BufferedImage;

/**
 * A decoded, upright image ready for the models.
 *
 * @param pixels upright image of type {@link BufferedImage#TYPE_3BYTE_BGR}
 * @param format the detected container format (jpeg, png, webp)
 * @param sha256 hex SHA-256 of the bytes as received
 * @param byteSize size of the bytes as received
 */
public record DecodedImage(BufferedImage pixels, String format, String sha256, long byteSize) {
  public int width() {
    return pixels.getWidth();
  }

  public int height() {
    return pixels.getHeight();
  }
}
