package org.bonafide.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.bonafide.biometrics.JpegEncoder;

/**
 * Images for every test: the npm demo photos the build fetched onto the test classpath
 * ({@code build/test-photos.sha256}: group photos from {@code @vladmandic/face-api}), and images
 * made here (gradients, re-encodings, decompression bombs, EXIF-rotated JPEGs).
 */
public final class TestImages {
  /** The demo photos are {@code sample1.jpg} to {@code sample6.jpg}. */
  public static final int PHOTO_COUNT = 6;

  /** A face region of a demo photo (upright pixels), found by running the engine on the photo. */
  public record Region(int photo, int x, int y, int width, int height) {
    public boolean contains(double px, double py) {
      return px >= x && px < x + width && py >= y && py < y + height;
    }
  }

  /** The middle of the three women in sample1 (face box about 832,432-1032,647), with margin. */
  public static final Region SAMPLE1_MIDDLE = new Region(1, 732, 332, 400, 415);
  /** The woman on the left of sample1, in clown make-up (face box about 414,360-596,590). */
  public static final Region SAMPLE1_LEFT = new Region(1, 314, 260, 382, 430);
  /** The blonde woman on the left of sample3 (face box about 589,330-787,605). */
  public static final Region SAMPLE3_LEFT = new Region(3, 489, 230, 398, 475);
  /** The middle woman of sample3, its subject and largest face (face box about 1077,193-1296,506). */
  public static final Region SAMPLE3_MIDDLE = new Region(3, 977, 93, 419, 513);

  private TestImages() {}

  /** The bytes of demo photo {@code sample<number>.jpg}. */
  public static byte[] photo(int number) {
    return photo("sample" + number + ".jpg");
  }

  public static byte[] photo(String name) {
    try (InputStream in = TestImages.class.getResourceAsStream("/photos/" + name)) {
      if (in == null) {
        throw missing(name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where demo photo {@code sample<number>.jpg} lies on disk. */
  public static Path photoPath(int number) {
    String name = "sample" + number + ".jpg";
    URL url = TestImages.class.getResource("/photos/" + name);
    if (url == null) {
      throw missing(name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static IllegalStateException missing(String name) {
    return new IllegalStateException(
        "photos/" + name + " is not on the test classpath: the build fetches it from npm; run ./mvnw -B verify");
  }

  /** Copies demo photo {@code number} into {@code dir} under its own name. */
  public static Path copyPhoto(int number, Path dir) throws IOException {
    return Files.copy(photoPath(number), dir.resolve("sample" + number + ".jpg"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes demo photo {@code number} scaled by {@code factor} as a new JPEG: same faces, other pixels. */
  public static Path writeResized(int number, double factor, Path target) throws IOException {
    return Files.write(target, jpeg(scaled(read(photo(number)), factor), 0.75f));
  }

  /** A region of a demo photo, as a new image. */
  public static BufferedImage crop(Region region) {
    BufferedImage photo = read(photo(region.photo()));
    return bgr(photo.getSubimage(region.x(), region.y(), region.width(), region.height()));
  }

  public static BufferedImage read(byte[] bytes) {
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

  public static BufferedImage scaled(BufferedImage image, double factor) {
    int w = (int) Math.round(image.getWidth() * factor);
    int h = (int) Math.round(image.getHeight() * factor);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Every channel multiplied by {@code factor} (clipped): a brighter or darker exposure. */
  public static BufferedImage brightness(BufferedImage image, float factor) {
    return new RescaleOp(factor, 0, null).filter(bgr(image), null);
  }

  public static byte[] jpeg(BufferedImage image, float quality) {
    return JpegEncoder.encode(bgr(image), quality);
  }

  public static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A smooth gradient: an image with no face in it. */
  public static BufferedImage gradient(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(30, 60, 90), width, height, new Color(220, 200, 160)));
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  public static byte[] gradientPng(int width, int height) {
    return png(gradient(width, height));
  }

  /**
   * A decompression bomb: a valid PNG of a few dozen bytes whose header declares {@code width x
   * height} pixels. A decoder that trusted the header would allocate width * height * 3 bytes.
   */
  public static byte[] pngDeclaring(int width, int height) {
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

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", Arrays.copyOf(buffer, length));
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

  /**
   * The JPEG with an EXIF APP1 segment carrying only an orientation tag (1-8), inserted right after
   * the SOI marker, as a phone camera writes it.
   */
  public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(26);
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8); // big-endian TIFF header, IFD0 at offset 8
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0); // no next IFD
    ByteArrayOutputStream exif = new ByteArrayOutputStream();
    exif.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
    exif.writeBytes(tiff.array());
    int length = exif.size() + 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
    out.writeBytes(exif.toByteArray());
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy in the engine's raster type, which every writer and filter here accepts. */
  private static BufferedImage bgr(BufferedImage image) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
