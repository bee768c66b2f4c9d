package org.bonafide.shared;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

/**
 * An image file's EXIF orientation (1-8): how the stored pixels must be turned or mirrored to show
 * the scene upright. Phones store a photo taken upright as landscape pixels with orientation 6.
 *
 * @param value 1 (as stored) to 8
 */
public record ExifOrientation(int value) {
  public static final ExifOrientation AS_STORED = new ExifOrientation(1);

  public ExifOrientation {
    if (value < 1 || value > 8) {
      throw new IllegalArgumentException("EXIF orientation is 1 to 8, was " + value);
    }
  }

  /**
   * The orientation a JPEG or WebP file declares; {@link #AS_STORED} when it declares none, its
   * metadata cannot be read, or it is another format.
   */
  public static ExifOrientation of(byte[] file) {
    try {
      Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(file));
      ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
      if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
        int value = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
        return value >= 1 && value <= 8 ? new ExifOrientation(value) : AS_STORED;
      }
    } catch (Exception e) {
      // unreadable metadata means no usable orientation; the pixels may still decode fine
    }
    return AS_STORED;
  }

  /** Whether width and height trade places (orientations 5 to 8 turn by a quarter). */
  public boolean swapsSides() {
    return value >= 5;
  }

  /** The image drawn once into a BGR raster, upright; the image itself when it already is BGR and upright. */
  public BufferedImage upright(BufferedImage src) {
    if (value == 1 && src.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return src;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage dst = new BufferedImage(swapsSides() ? h : w, swapsSides() ? w : h, BufferedImage.TYPE_3BYTE_BGR);
    AffineTransform t = new AffineTransform();
    switch (value) {
      case 2 -> t.setTransform(-1, 0, 0, 1, w, 0);
      case 3 -> t.setTransform(-1, 0, 0, -1, w, h);
      case 4 -> t.setTransform(1, 0, 0, -1, 0, h);
      case 5 -> t.setTransform(0, 1, 1, 0, 0, 0);
      case 6 -> t.setTransform(0, 1, -1, 0, h, 0);
      case 7 -> t.setTransform(0, -1, -1, 0, h, w);
      case 8 -> t.setTransform(0, -1, 1, 0, 0, w);
      default -> {}
    }
    Graphics2D g = dst.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, dst.getWidth(), dst.getHeight());
      g.drawImage(src, t, null);
    } finally {
      g.dispose();
    }
    return dst;
  }
}
