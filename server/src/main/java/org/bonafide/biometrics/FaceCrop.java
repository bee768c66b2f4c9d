package org.bonafide.biometrics;

import java.awt.image.BufferedImage;

/** Crops around a face, for evidence images. */
public final class FaceCrop {
  private FaceCrop() {}

  /**
   * The face box grown by a quarter of its width and height on each side, clipped to the image;
   * null when less than 2 pixels are left either way. The crop shares the image's pixels.
   */
  public static BufferedImage around(BufferedImage image, FaceBox box) {
    int x1 = (int) Math.max(0, box.x1() - box.width() / 4);
    int y1 = (int) Math.max(0, box.y1() - box.height() / 4);
    int x2 = (int) Math.min(image.getWidth(), box.x2() + box.width() / 4);
    int y2 = (int) Math.min(image.getHeight(), box.y2() + box.height() / 4);
    if (x2 - x1 < 2 || y2 - y1 < 2) {
      return null;
    }
    return image.getSubimage(x1, y1, x2 - x1, y2 - y1);
  }
}
