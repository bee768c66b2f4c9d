package org.bonafide.biometrics;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Images made in the tests, and the npm demo photos the build fetched into test resources. */
final class TestImages {
  private TestImages() {}

  /** A demo photo from @vladmandic/face-api (fetched by the build, checksummed). */
  static byte[] photo(String name) {
    try (InputStream in = TestImages.class.getResourceAsStream("/photos/" + name)) {
      if (in == null) {
        throw new IllegalStateException("test photo " + name + " missing: run the Maven build, which fetches it from npm");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BufferedImage read(byte[] bytes) {
    try {
      return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] jpeg(BufferedImage image, float quality) {
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    rgb.getGraphics().drawImage(image, 0, 0, null);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(rgb, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
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

  static BufferedImage scaled(BufferedImage image, double factor) {
    int w = (int) Math.round(image.getWidth() * factor);
    int h = (int) Math.round(image.getHeight() * factor);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(image, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  static BufferedImage brightness(BufferedImage image, float factor) {
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    rgb.getGraphics().drawImage(image, 0, 0, null);
    return new RescaleOp(factor, 0, null).filter(rgb, null);
  }

  /** A smooth gradient: an image with no face in it. */
  static BufferedImage gradient(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(30, 60, 90), w, h, new Color(220, 200, 160)));
    g.fillRect(0, 0, w, h);
    g.dispose();
    return image;
  }

  /**
   * A PNG of a few hundred bytes whose header declares {@code width x height} pixels: a
   * decompression bomb as far as a decoder that trusts the header is concerned.
   */
  static byte[] pngDeclaring(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2);
    ihdr.put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    java.util.zip.Deflater deflater = new java.util.zip.Deflater();
    deflater.setInput(new byte[4096]);
    deflater.finish();
    byte[] buf = new byte[8192];
    int n = deflater.deflate(buf);
    chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /**
   * The JPEG with an EXIF APP1 segment carrying only an orientation tag (1-8), inserted right after
   * the SOI marker, as a phone camera writes it.
   */
  static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(26);
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8); // big-endian TIFF header, IFD0 at offset 8
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0); // no next IFD
    byte[] exif = new byte[6 + tiff.capacity()];
    System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, exif, 0, 6);
    System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8);
    out.write(0xFF);
    out.write(0xE1);
    int length = exif.length + 2;
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(exif);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }
}
