package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.Test;

/** The JPEG marker reader on JPEGs made here, with segments spliced in where a test needs them. */
class JpegTraitsTest {
  static BufferedImage picture(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = (int) (120 + 60 * Math.sin(x / 7.0) * Math.cos(y / 11.0));
        image.setRGB(x, y, (v << 16) | ((255 - v) << 8) | (x * 255 / w));
      }
    }
    return image;
  }

  /** A JPEG with a segment (marker, payload) inserted right after the first segment (JFIF). */
  static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
    int afterApp0 = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
    int length = payload.length + 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, afterApp0);
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length});
    out.writeBytes(payload);
    out.write(jpeg, afterApp0, jpeg.length - afterApp0);
    return out.toByteArray();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** An EXIF APP1 payload whose IFD0 holds Make, Model and Software (little-endian, values after the IFD). */
  static byte[] exifWithWriter(String make, String model, String software) {
    String[] values = {make + "\0", model + "\0", software + "\0"};
    int[] tags = {0x010F, 0x0110, 0x0131};
    int ifdSize = 2 + 12 * 3 + 4;
    int dataAt = 8 + ifdSize;
    ByteBuffer tiff = ByteBuffer.allocate(dataAt + 200).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    tiff.put(new byte[] {'I', 'I', 42, 0}).putInt(8);
    tiff.putShort((short) 3);
    int offset = dataAt;
    for (int i = 0; i < 3; i++) {
      tiff.putShort((short) tags[i]).putShort((short) 2).putInt(values[i].length()).putInt(offset);
      offset += values[i].length();
    }
    tiff.putInt(0);
    for (String v : values) {
      tiff.put(ascii(v));
    }
    ByteArrayOutputStream exif = new ByteArrayOutputStream();
    exif.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
    exif.write(tiff.array(), 0, tiff.position());
    return exif.toByteArray();
  }

  static byte[] encode(BufferedImage image, JPEGImageWriteParam param) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  @Test
  void readsSizeLayoutAndTheIjgQualityOfTheProjectsEncoder() {
    for (float q : new float[] {0.5f, 0.75f, 0.85f, 0.92f, 0.3f}) {
      JpegTraits t = JpegTraits.read(TestImages.jpeg(picture(320, 240), q));
      assertThat(t).isNotNull();
      assertThat(t.width()).isEqualTo(320);
      assertThat(t.height()).isEqualTo(240);
      assertThat(t.sofMarker()).isEqualTo(0xC0);
      assertThat(t.progressive()).isFalse();
      assertThat(t.subsampling()).isEqualTo("4:2:0");
      assertThat(t.quality()).as("quality %s", q).isEqualTo(Math.round(q * 100));
      assertThat(t.segments()).containsExactly("APP0:JFIF");
      assertThat(t.foreign()).isEmpty();
    }
  }

  @Test
  void tablesOfOneQualityHashAlikeAndOfAnotherDiffer() {
    JpegTraits a = JpegTraits.read(TestImages.jpeg(picture(320, 240), 0.85f));
    JpegTraits b = JpegTraits.read(TestImages.jpeg(picture(160, 120), 0.85f));
    JpegTraits c = JpegTraits.read(TestImages.jpeg(picture(320, 240), 0.84f));
    assertThat(a.encoding()).isEqualTo(b.encoding());
    assertThat(a.encoding()).isNotEqualTo(c.encoding());
  }

  @Test
  void tablesThatAreNotScaledStandardTablesHaveNoQuality() {
    int[] flat = new int[64];
    java.util.Arrays.fill(flat, 7);
    flat[0] = 3;
    JPEGImageWriteParam param = new JPEGImageWriteParam(null);
    param.setEncodeTables(
        new JPEGQTable[] {new JPEGQTable(flat), new JPEGQTable(flat)},
        new JPEGHuffmanTable[] {JPEGHuffmanTable.StdDCLuminance, JPEGHuffmanTable.StdDCChrominance},
        new JPEGHuffmanTable[] {JPEGHuffmanTable.StdACLuminance, JPEGHuffmanTable.StdACChrominance});
    JpegTraits t = JpegTraits.read(encode(picture(64, 48), param));
    assertThat(t.quality()).isEqualTo(-1);
    assertThat(t.width()).isEqualTo(64);
  }

  @Test
  void tellsProgressiveFrames() {
    JPEGImageWriteParam param = new JPEGImageWriteParam(null);
    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    JpegTraits t = JpegTraits.read(encode(picture(64, 48), param));
    assertThat(t.sofMarker()).isEqualTo(0xC2);
    assertThat(t.progressive()).isTrue();
  }

  @Test
  void anEncoderCommentIsForeignAndNamed() {
    byte[] jpeg = withSegment(TestImages.jpeg(picture(64, 48), 0.85f), 0xFE, ascii("Lavc60.31.102\0"));
    JpegTraits t = JpegTraits.read(jpeg);
    assertThat(t.segments()).containsExactly("APP0:JFIF", "COM");
    assertThat(t.foreign()).containsExactly("COM");
    assertThat(t.texts()).containsExactly("Lavc60.31.102");
    assertThat(JpegTraits.signature(t.texts(), InjectionDetector.ENCODERS)).isEqualTo("lavc");
    assertThat(t.quality()).isEqualTo(85);
    assertThat(t.width()).isEqualTo(64);
  }

  @Test
  void exifNamingACameraOrSoftwareIsForeignButAnOrientationAloneIsNot() {
    byte[] base = TestImages.jpeg(picture(64, 48), 0.85f);
    JpegTraits camera = JpegTraits.read(withSegment(base, 0xE1, exifWithWriter("Canon", "Canon EOS 80D", "GIMP 2.10.34")));
    assertThat(camera.foreign()).containsExactly("APP1:Exif");
    assertThat(camera.texts()).containsExactly("Make=Canon", "Model=Canon EOS 80D", "Software=GIMP 2.10.34");
    assertThat(JpegTraits.signature(camera.texts(), InjectionDetector.ENCODERS)).isEqualTo("gimp");

    JpegTraits orientation = JpegTraits.read(TestImages.withExifOrientation(base, 6));
    assertThat(orientation.segments()).contains("APP1:Exif");
    assertThat(orientation.foreign()).isEmpty();
  }

  @Test
  void photoshopAdobeAndXmpSegmentsAreForeignAnIccProfileIsNot() {
    byte[] base = TestImages.jpeg(picture(64, 48), 0.85f);
    byte[] jpeg = withSegment(base, 0xEE, ascii("Adobe\0\144\0\0\0\0\1"));
    jpeg = withSegment(jpeg, 0xED, ascii("Photoshop 3.0\08BIM"));
    jpeg = withSegment(
        jpeg, 0xE1, ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description xmp:CreatorTool=\"Adobe Photoshop 25.0\"/>"));
    jpeg = withSegment(jpeg, 0xE2, ascii("ICC_PROFILE\0\1\1profile"));
    JpegTraits t = JpegTraits.read(jpeg);
    assertThat(t.segments()).containsExactly("APP0:JFIF", "APP2:ICC", "APP1:XMP", "APP13:Photoshop", "APP14:Adobe");
    assertThat(t.foreign()).containsExactly("APP1:XMP", "APP13:Photoshop", "APP14:Adobe");
    assertThat(t.texts()).containsExactly("Adobe Photoshop 25.0");
  }

  @Test
  void notAJpegOrABrokenOneIsHandled() {
    assertThat(JpegTraits.read(TestImages.png(picture(8, 8)))).isNull();
    assertThat(JpegTraits.read(new byte[0])).isNull();
    assertThat(JpegTraits.read(null)).isNull();
    byte[] jpeg = TestImages.jpeg(picture(64, 48), 0.85f);
    // cut inside the quantisation tables: what came before is kept, nothing throws
    JpegTraits cut = JpegTraits.read(java.util.Arrays.copyOf(jpeg, 30));
    assertThat(cut).isNotNull();
    assertThat(cut.segments()).containsExactly("APP0:JFIF");
    assertThat(cut.hasFrameHeader()).isFalse();
    // a segment length running past the end, and garbage EXIF offsets
    byte[] bad = withSegment(jpeg, 0xE1, new byte[] {'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 127, 127, 127, 127});
    assertThat(JpegTraits.read(bad).foreign()).isEmpty();
    assertThat(JpegTraits.read(bad).width()).isEqualTo(64);
  }
}
