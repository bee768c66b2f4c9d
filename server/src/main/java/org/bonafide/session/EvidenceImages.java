package org.bonafide.session;

import java.awt.image.BufferedImage;
import org.bonafide.biometrics.FaceBox;
import org.bonafide.biometrics.JpegEncoder;

/** Encodes evidence images: face crops with a margin, as JPEG. */
final class EvidenceImages {
  private static final float QUALITY = 0.9f;

  byte[] faceCrop(BufferedImage image, FaceBox box) {
    float margin = 0.25f * Math.max(box.width(), box.height());
    int x1 = clamp(Math.round(box.x1() - margin), image.getWidth());
    int y1 = clamp(Math.round(box.y1() - margin), image.getHeight());
    int x2 = clamp(Math.round(box.x2() + margin), image.getWidth());
    int y2 = clamp(Math.round(box.y2() + margin), image.getHeight());
    if (x2 - x1 < 2 || y2 - y1 < 2) {
      return jpeg(image);
    }
    return jpeg(image.getSubimage(x1, y1, x2 - x1, y2 - y1));
  }

  static byte[] jpeg(BufferedImage image) {
    return JpegEncoder.encode(image, QUALITY);
  }

  private static int clamp(int value, int size) {
    return Math.max(0, Math.min(size, value));
  }
}
