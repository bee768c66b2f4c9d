package org.bonafide.document;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;

/** Made page photos whose history is known: rendered, "photographed", pasted on, re-encoded. */
final class PageForensicsImages {
  static final int WIDTH = 1000;
  static final int HEIGHT = 640;
  /** Portrait box on the rendered card; 60 and 140 are not multiples of 8 on purpose. */
  static final PageForensics.Region PORTRAIT = PageForensics.Region.portrait(60, 140, 240, 300);

  private PageForensicsImages() {}

  /** A card rendered then softened and noised as a phone camera would, not yet encoded. */
  static BufferedImage card(long seed) {
    BufferedImage card = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = card.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, new Color(214, 226, 236), WIDTH, HEIGHT, new Color(236, 222, 206)));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    // Guilloche-like security lines.
    g.setStroke(new BasicStroke(1.2f));
    g.setColor(new Color(170, 190, 210));
    for (int k = 0; k < 14; k++) {
      int prevX = 0;
      int prevY = 0;
      for (int x = 0; x <= WIDTH; x += 4) {
        int y = (int) (60 + k * 40 + 14 * Math.sin(x / 37.0 + k) + 6 * Math.sin(x / 11.0 + 2 * k));
        if (x > 0) {
          g.drawLine(prevX, prevY, x, y);
        }
        prevX = x;
        prevY = y;
      }
    }
    g.setColor(new Color(40, 60, 110));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
    g.drawString("IDENTITY CARD", 330, 70);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
    String[][] fields = {{"Surname", "MUSTERMANN"}, {"Given names", "ERIKA"}, {"Date of birth", "12.08.1983"}, {"Nationality", "UTOPIA"}, {"Expiry", "01.03.2031"}};
    for (int i = 0; i < fields.length; i++) {
      g.setColor(new Color(90, 100, 120));
      g.drawString(fields[i][0], 340, 150 + i * 62);
      g.setColor(new Color(20, 20, 30));
      g.drawString(fields[i][1], 340, 176 + i * 62);
    }
    g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 26));
    g.drawString("IDUTOD231458907<<<<<<<<<<<<<<<", 40, 540);
    g.drawString("8308126F3103012UTO<<<<<<<<<<<6", 40, 580);
    g.dispose();
    drawPortrait(card, PORTRAIT, seed);
    return photograph(card, seed);
  }

  /** A synthetic face: background, shoulders, head, eyes and mouth, with some texture. */
  static void drawPortrait(BufferedImage target, PageForensics.Region box, long seed) {
    Random random = new Random(seed);
    Graphics2D g = target.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    int x = box.x();
    int y = box.y();
    int w = box.width();
    int h = box.height();
    g.setClip(x, y, w, h);
    g.setPaint(new GradientPaint(x, y, new Color(150 + random.nextInt(60), 170, 190), x, y + h, new Color(110, 130, 160 + random.nextInt(60))));
    g.fillRect(x, y, w, h);
    g.setColor(new Color(40 + random.nextInt(60), 50, 70));
    g.fillOval(x + w / 8, y + h * 3 / 4, w * 3 / 4, h / 2);
    Color skin = new Color(190 + random.nextInt(40), 150 + random.nextInt(30), 120 + random.nextInt(30));
    g.setColor(skin);
    g.fillOval(x + w / 4, y + h / 6, w / 2, h * 3 / 5);
    g.setColor(new Color(50 + random.nextInt(40), 35, 25));
    g.fillArc(x + w / 4 - 4, y + h / 8, w / 2 + 8, h / 3, 0, 180);
    g.setColor(Color.DARK_GRAY);
    g.fillOval(x + w * 3 / 8 - 8, y + h * 2 / 5, 16, 9);
    g.fillOval(x + w * 5 / 8 - 8, y + h * 2 / 5, 16, 9);
    g.setColor(new Color(150, 70, 70));
    g.fillOval(x + w / 2 - 20, y + h * 3 / 5, 40, 10);
    g.dispose();
    for (int yy = y; yy < y + h; yy++) {
      for (int xx = x; xx < x + w; xx++) {
        int p = target.getRGB(xx, yy);
        int d = (int) (random.nextGaussian() * 5);
        target.setRGB(xx, yy, clamp(((p >> 16) & 0xff) + d) << 16 | clamp(((p >> 8) & 0xff) + d) << 8 | clamp((p & 0xff) + d));
      }
    }
  }

  /** Camera optics (a 5-tap blur) and sensor noise. */
  static BufferedImage photograph(BufferedImage source, long seed) {
    Random random = new Random(seed * 31 + 7);
    int w = source.getWidth();
    int h = source.getHeight();
    int[] in = source.getRGB(0, 0, w, h, null, 0, w);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    double[] k = {0.1, 0.2, 0.4, 0.2, 0.1};
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double r = 0;
        double gg = 0;
        double b = 0;
        for (int dy = -2; dy <= 2; dy++) {
          for (int dx = -2; dx <= 2; dx++) {
            int p = in[Math.min(h - 1, Math.max(0, y + dy)) * w + Math.min(w - 1, Math.max(0, x + dx))];
            double f = k[dy + 2] * k[dx + 2];
            r += f * ((p >> 16) & 0xff);
            gg += f * ((p >> 8) & 0xff);
            b += f * (p & 0xff);
          }
        }
        double n = random.nextGaussian() * 2;
        out.setRGB(x, y, clamp((int) Math.round(r + n)) << 16 | clamp((int) Math.round(gg + n)) << 8 | clamp((int) Math.round(b + n)));
      }
    }
    return out;
  }

  /** The genuine card photo, saved as JPEG at quality 0.85. */
  static byte[] genuine(long seed) {
    return PageForensicsImage.jpeg(card(seed), 0.85f);
  }

  /**
   * The genuine JPEG decoded, another portrait pasted from a JPEG saved at {@code pasteQuality}
   * (sharp, not blurred by any camera), and saved again at 0.85.
   */
  static byte[] pasted(long seed, float pasteQuality) {
    BufferedImage page = decode(genuine(seed));
    BufferedImage donor = new BufferedImage(PORTRAIT.width(), PORTRAIT.height(), BufferedImage.TYPE_INT_RGB);
    drawPortrait(donor, PageForensics.Region.portrait(0, 0, PORTRAIT.width(), PORTRAIT.height()), seed + 1000);
    BufferedImage donorJpeg = decode(PageForensicsImage.jpeg(donor, pasteQuality));
    Graphics2D g = page.createGraphics();
    g.drawImage(donorJpeg, PORTRAIT.x(), PORTRAIT.y(), null);
    g.dispose();
    return PageForensicsImage.jpeg(page, 0.85f);
  }

  /**
   * The card shown on an LCD (each pixel three vertical R, G, B stripes over a darker gap row, 3x3
   * screen pixels), photographed at a slight angle and a scale that under-samples the stripes (the
   * moiré), with the refresh's horizontal banding, noise, and JPEG at 0.9.
   */
  static byte[] screenRecapture(long seed) {
    BufferedImage card = card(seed);
    int sw = card.getWidth() / 2;
    int sh = card.getHeight() / 2;
    BufferedImage small = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(card, 0, 0, sw, sh, null);
    g.dispose();
    int w = sw * 3;
    int h = sh * 3;
    float[][] screen = new float[3][w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = small.getRGB(x / 3, y / 3);
        int channel = x % 3;
        float gap = y % 3 == 2 ? 0.35f : 1f;
        float value = ((p >> (16 - 8 * channel)) & 0xff) * gap;
        screen[channel][y * w + x] = value;
      }
    }
    Random random = new Random(seed);
    double angle = Math.toRadians(2.5);
    double scale = 1.75; // screen pixels per camera pixel: the 3-pixel stripe period aliases
    int ow = 820;
    int oh = 520;
    BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    for (int y = 0; y < oh; y++) {
      double band = 1 + 0.06 * Math.sin(2 * Math.PI * y / 13.0);
      for (int x = 0; x < ow; x++) {
        double u = (x - ow / 2.0) * scale;
        double v = (y - oh / 2.0) * scale;
        double sx = w / 2.0 + u * cos - v * sin;
        double sy = h / 2.0 + u * sin + v * cos;
        int rgb = 0;
        double noise = random.nextGaussian() * 2;
        for (int c = 0; c < 3; c++) {
          double value = bilinear(screen[c], w, h, sx, sy) * band * 1.6 + noise;
          rgb |= clamp((int) Math.round(value)) << (16 - 8 * c);
        }
        out.setRGB(x, y, rgb);
      }
    }
    return PageForensicsImage.jpeg(out, 0.9f);
  }

  /** A plain scene (sky, hills, a textured ground, noise) photographed: no screen in it. */
  static byte[] plainPhoto(long seed) {
    Random random = new Random(seed);
    BufferedImage scene = new BufferedImage(900, 600, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scene.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, new Color(120, 170, 230), 0, 300, new Color(200, 220, 240)));
    g.fillRect(0, 0, 900, 600);
    for (int i = 0; i < 40; i++) {
      g.setColor(new Color(40 + random.nextInt(80), 90 + random.nextInt(80), 30 + random.nextInt(50)));
      int cx = random.nextInt(900);
      int cy = 250 + random.nextInt(350);
      int r = 30 + random.nextInt(120);
      g.fillOval(cx - r, cy - r / 2, 2 * r, r);
    }
    g.dispose();
    return PageForensicsImage.jpeg(photograph(scene, seed), 0.88f);
  }

  /** A photo with refresh banding only: rows brightened and darkened by a sine of some rows' period. */
  static byte[] banded(byte[] jpeg, double amplitude, double period) {
    BufferedImage image = decode(jpeg);
    for (int y = 0; y < image.getHeight(); y++) {
      double f = 1 + amplitude * Math.sin(2 * Math.PI * y / period);
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        image.setRGB(x, y, clamp((int) Math.round(((p >> 16) & 0xff) * f)) << 16 | clamp((int) Math.round(((p >> 8) & 0xff) * f)) << 8 | clamp((int) Math.round((p & 0xff) * f)));
      }
    }
    return PageForensicsImage.jpeg(image, 0.9f);
  }

  private static double bilinear(float[] plane, int w, int h, double x, double y) {
    if (x < 0 || y < 0 || x >= w - 1 || y >= h - 1) {
      return 0;
    }
    int x0 = (int) x;
    int y0 = (int) y;
    double fx = x - x0;
    double fy = y - y0;
    return plane[y0 * w + x0] * (1 - fx) * (1 - fy)
        + plane[y0 * w + x0 + 1] * fx * (1 - fy)
        + plane[(y0 + 1) * w + x0] * (1 - fx) * fy
        + plane[(y0 + 1) * w + x0 + 1] * fx * fy;
  }

  static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  /**
   * The JPEG with an EXIF APP1 segment spliced in after SOI: IFD0 with Make, optional Software and
   * DateTime, an Exif IFD with DateTimeOriginal, and optionally IFD1 pointing at a JPEG thumbnail.
   */
  static byte[] withExif(byte[] jpeg, String software, String modifyDate, String originalDate, byte[] thumbnail) {
    ByteBuffer tiff = ByteBuffer.allocate(4096 + (thumbnail == null ? 0 : thumbnail.length)).order(ByteOrder.BIG_ENDIAN);
    byte[] make = ascii("PhoneMaker");
    byte[] soft = software == null ? null : ascii(software);
    byte[] modified = modifyDate == null ? null : ascii(modifyDate);
    byte[] original = ascii(originalDate);
    int ifd0Entries = 2 + (soft == null ? 0 : 1) + (modified == null ? 0 : 1);
    int ifd0 = 8;
    int ifd0Size = 2 + ifd0Entries * 12 + 4;
    int exifIfd = ifd0 + ifd0Size;
    int exifSize = 2 + 12 + 4;
    int ifd1 = exifIfd + exifSize;
    int ifd1Size = thumbnail == null ? 0 : 2 + 2 * 12 + 4;
    int data = ifd1 + ifd1Size;
    tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0);
    // IFD0, entries in ascending tag order.
    tiff.putShort((short) ifd0Entries);
    int cursor = data;
    entry(tiff, 0x010F, 2, make.length, cursor);
    int makeAt = cursor;
    cursor += make.length;
    int softAt = cursor;
    if (soft != null) {
      entry(tiff, 0x0131, 2, soft.length, cursor);
      cursor += soft.length;
    }
    int modAt = cursor;
    if (modified != null) {
      entry(tiff, 0x0132, 2, modified.length, cursor);
      cursor += modified.length;
    }
    entry(tiff, 0x8769, 4, 1, exifIfd);
    tiff.putInt(thumbnail == null ? 0 : ifd1);
    // Exif IFD.
    tiff.putShort((short) 1);
    int originalAt = cursor;
    entry(tiff, 0x9003, 2, original.length, cursor);
    cursor += original.length;
    tiff.putInt(0);
    int thumbAt = cursor;
    if (thumbnail != null) {
      tiff.putShort((short) 2);
      entry(tiff, 0x0201, 4, 1, thumbAt);
      entry(tiff, 0x0202, 4, 1, thumbnail.length);
      tiff.putInt(0);
    }
    tiff.position(makeAt).put(make);
    if (soft != null) {
      tiff.position(softAt).put(soft);
    }
    if (modified != null) {
      tiff.position(modAt).put(modified);
    }
    tiff.position(originalAt).put(original);
    if (thumbnail != null) {
      tiff.position(thumbAt).put(thumbnail);
      cursor += thumbnail.length;
    }
    byte[] body = new byte[cursor];
    tiff.position(0).get(body);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8);
    int length = 2 + 6 + body.length;
    out.write(0xFF);
    out.write(0xE1);
    out.write(length >> 8);
    out.write(length & 0xff);
    out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(count);
    if (type == 2 && count <= 4) {
      throw new IllegalArgumentException("short strings are not used by these tests");
    }
    b.putInt(value);
  }

  private static byte[] ascii(String s) {
    return (s + "\0").getBytes(StandardCharsets.US_ASCII);
  }

  /** The JPEG with an XMP APP1 segment naming a creator tool and a history of edits. */
  static byte[] withXmp(byte[] jpeg, String creatorTool) {
    String xmp =
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
            + " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" xmlns:stEvt=\"http://ns.adobe.com/xap/1.0/sType/ResourceEvent#\""
            + " xmp:CreatorTool=\"" + creatorTool + "\"><xmpMM:History><rdf:Seq>"
            + "<rdf:li stEvt:action=\"created\" stEvt:softwareAgent=\"" + creatorTool + "\"/>"
            + "<rdf:li stEvt:action=\"saved\" stEvt:softwareAgent=\"" + creatorTool + "\"/>"
            + "</rdf:Seq></xmpMM:History></rdf:Description></rdf:RDF></x:xmpmeta>";
    byte[] header = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
    byte[] body = xmp.getBytes(StandardCharsets.UTF_8);
    int length = 2 + header.length + body.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8);
    out.write(0xFF);
    out.write(0xE1);
    out.write(length >> 8);
    out.write(length & 0xff);
    out.writeBytes(header);
    out.writeBytes(body);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** A 160x102 JPEG thumbnail of an image. */
  static byte[] thumbnailOf(BufferedImage image) {
    BufferedImage t = new BufferedImage(160, 102, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = t.createGraphics();
    g.drawImage(image.getScaledInstance(160, 102, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
    g.dispose();
    return PageForensicsImage.jpeg(t, 0.8f);
  }
}
