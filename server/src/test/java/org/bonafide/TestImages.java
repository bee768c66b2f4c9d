package org.bonafide;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Test images: the sample photos fetched by the build, and images made here. */
final class TestImages {
  private TestImages() {}

  /** A face region of a sample photo (upright pixels), found by running the engine on the photo. */
  record Region(int photo, int x, int y, int width, int height) {
    boolean contains(double px, double py) {
      return px >= x && px < x + width && py >= y && py < y + height;
    }
  }

  /** The middle of the three women in sample1 (face box about 832,432-1032,647), with margin. */
  static final Region SAMPLE1_MIDDLE = new Region(1, 732, 332, 400, 415);
  /** The woman on the left of sample1, in clown make-up (face box about 414,360-596,590). */
  static final Region SAMPLE1_LEFT = new Region(1, 314, 260, 382, 430);
  /** The blonde woman on the left of sample3 (face box about 589,330-787,605). */
  static final Region SAMPLE3_LEFT = new Region(3, 489, 230, 398, 475);
  /** The middle woman of sample3, the largest of its three faces (face box about 1077,193-1296,506). */
  static final Region SAMPLE3_MIDDLE = new Region(3, 977, 93, 419, 513);

  static byte[] photo(int number) {
    String resource = "/photos/sample" + number + ".jpg";
    try (InputStream in = TestImages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is missing: the build fetches the test photos from npm; run ./mvnw -B verify.");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BufferedImage crop(Region region) {
    BufferedImage photo = read(photo(region.photo()));
    return copy(photo.getSubimage(region.x(), region.y(), region.width(), region.height()));
  }

  static BufferedImage read(byte[] bytes) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new IllegalStateException("not an image");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BufferedImage scale(BufferedImage image, double factor) {
    int w = (int) Math.round(image.getWidth() * factor);
    int h = (int) Math.round(image.getHeight() * factor);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** A smooth colour gradient: an image with no face in it. */
  static byte[] gradientPng(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = 255 * x / width;
        int g = 255 * y / height;
        image.setRGB(x, y, (r << 16) | (g << 8) | 128);
      }
    }
    return png(image);
  }

  /**
   * A decompression bomb: a valid PNG of a few dozen bytes whose header declares {@code width x
   * height} pixels. A decoder that trusted the header would allocate width * height * 3 bytes.
   */
  static byte[] pngDeclaring(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height);
    ihdr.put((byte) 8); // bit depth
    ihdr.put((byte) 2); // colour type: RGB
    ihdr.put((byte) 0); // compression: deflate
    ihdr.put((byte) 0); // filter method
    ihdr.put((byte) 0); // no interlace
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[1 + 3 * 16]); // one scanline's worth, far fewer than declared
    deflater.finish();
    byte[] buffer = new byte[256];
    int length = deflater.deflate(buffer);
    deflater.end();
    byte[] idat = java.util.Arrays.copyOf(buffer, length);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", idat);
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BufferedImage copy(BufferedImage image) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
