package org.bonafide.document;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws document photos for the tests: an ID card (TD1) or a passport data page (TD3) with a
 * portrait box, printed data and an MRZ in OCR-B (Debian's fonts-ocr-b; the JVM's monospaced font
 * where it is not installed), then places it in a photo: on a darker background, turned, in
 * perspective, blurred, with a highlight, JPEG-compressed.
 */
public final class DocumentPhotoRenderer {
  /** ICAO 9303 part 5's TD1 specimen. */
  static final List<String> TD1 =
      List.of("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
  /** ICAO 9303 part 4's TD3 specimen. */
  static final List<String> TD3 =
      List.of("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10");

  private static final File OCR_B = new File("/usr/share/fonts/opentype/ocr-b/OCRB.otf");
  private static final Color PAPER = new Color(226, 228, 214);

  private DocumentPhotoRenderer() {}

  /** Whether the MRZ is rendered in OCR-B (Debian's fonts-ocr-b), not in a monospaced stand-in. */
  static boolean ocrB() {
    return OCR_B.isFile();
  }

  static Font mrzFont() {
    if (OCR_B.isFile()) {
      try {
        return Font.createFont(Font.TRUETYPE_FONT, OCR_B);
      } catch (FontFormatException | IOException e) {
        throw new IllegalStateException("cannot load " + OCR_B, e);
      }
    }
    return new Font(Font.MONOSPACED, Font.PLAIN, 12);
  }

  /** A document of {@code width} pixels: ID-1 card for three MRZ lines, ID-3 page for two. */
  static BufferedImage document(List<String> mrz, int width, boolean withMrz) {
    return document(mrz, width, withMrz, null);
  }

  /** The same, with this photo printed as the holder's portrait (null: a drawn silhouette). */
  public static BufferedImage document(List<String> mrz, int width, boolean withMrz, BufferedImage portrait) {
    boolean card = mrz.size() == 3;
    double aspect = card ? 85.6 / 54.0 : 125.0 / 88.0;
    int height = (int) Math.round(width / aspect);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(PAPER);
    g.fillRect(0, 0, width, height);
    // a faint guilloche-like pattern, as security printing has
    g.setColor(new Color(205, 214, 208));
    g.setStroke(new BasicStroke(Math.max(1, width / 800f)));
    for (int i = 0; i < 12; i++) {
      g.drawOval(width / 3 + i * width / 60, height / 8 - i * 3, width / 2, height / 3);
    }
    // portrait
    // the portrait and the printed data end above the MRZ (the bottom third of a card, quarter of a page)
    int px = width / 20;
    int py = height / 5;
    int pw = card ? width / 6 : width / 4;
    int ph = (int) (pw * 1.28);
    if (portrait != null) {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.drawImage(portrait, px, py, pw, ph, null);
    } else {
      g.setColor(new Color(170, 175, 185));
      g.fillRect(px, py, pw, ph);
      g.setColor(new Color(120, 95, 80));
      g.fillOval(px + pw / 5, py + ph / 8, pw * 3 / 5, ph * 3 / 5);
      g.fillRoundRect(px + pw / 10, py + ph * 3 / 4, pw * 4 / 5, ph / 3, pw / 3, pw / 3);
    }
    // printed data
    g.setColor(new Color(30, 30, 40));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, height / 14));
    g.drawString("UTOPIA", width / 3, height / 9);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, height / 30));
    String[] labels = {"Surname / Nom", "Given names / Prénoms", "Date of birth", "Nationality", "Date of expiry"};
    String[] values = {"ERIKSSON", "ANNA MARIA", "12 AUG 1974", "UTOPIAN", "15 APR 2012"};
    int ty = py + height / 40;
    for (int i = 0; i < (card ? 3 : labels.length); i++) {
      g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, height / 34));
      g.drawString(labels[i], width / 3 + width / 40, ty);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, height / 24));
      g.drawString(values[i], width / 3 + width / 30, ty + height / 22);
      ty += height / (card ? 10 : 11);
    }
    if (withMrz) {
      drawMrz(g, mrz, width, height);
    }
    g.dispose();
    return image;
  }

  private static void drawMrz(Graphics2D g, List<String> mrz, int width, int height) {
    int chars = mrz.get(0).length();
    // ICAO 9303: 2.54 mm pitch; the zone starts about 6 mm in from the left edge
    double mm = width / (mrz.size() == 3 ? 85.6 : 125.0);
    double pitch = 2.54 * mm * (mrz.size() == 3 ? 0.98 : 1.0);
    Font base = mrzFont();
    Font sized = base.deriveFont(100f);
    double advance = g.getFontMetrics(sized).charWidth('<');
    // ICAO 9303 characters stand about 2.4 mm tall: a fallback font with taller capitals than
    // OCR-B's is sized by height, not by width, so the lines keep their gap
    double capHeight =
        sized.createGlyphVector(g.getFontRenderContext(), "H").getVisualBounds().getHeight();
    double size = Math.min(100 * pitch / advance, 100 * 2.4 * mm / capHeight);
    Font font = base.deriveFont((float) size);
    g.setFont(font);
    g.setColor(new Color(20, 20, 25));
    double lineStep = 4.2 * mm;
    double left = (width - pitch * chars) / 2;
    double baseline = height - 3.2 * mm - (mrz.size() - 1) * lineStep;
    for (String line : mrz) {
      for (int i = 0; i < line.length(); i++) {
        g.drawString(String.valueOf(line.charAt(i)), (float) (left + i * pitch), (float) baseline);
      }
      baseline += lineStep;
    }
  }

  /** The document on a darker, mottled background, turned by {@code degrees} about its centre. */
  public static BufferedImage onBackground(BufferedImage document, int width, int height, double degrees, long seed) {
    BufferedImage photo = background(width, height, seed);
    Graphics2D g = photo.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    AffineTransform t = new AffineTransform();
    t.translate(width / 2.0, height / 2.0);
    t.rotate(Math.toRadians(degrees));
    t.translate(-document.getWidth() / 2.0, -document.getHeight() / 2.0);
    g.drawImage(document, t, null);
    g.dispose();
    return photo;
  }

  /** The document seen at an angle: its corners land on {@code corners} (x0,y0,... clockwise from top left). */
  static BufferedImage inPerspective(BufferedImage document, int width, int height, double[] corners, long seed) {
    BufferedImage photo = background(width, height, seed);
    double[] m =
        DocumentFinder.homography(
            corners, new double[] {0, 0, document.getWidth(), 0, document.getWidth(), document.getHeight(), 0, document.getHeight()});
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double d = m[6] * x + m[7] * y + 1;
        double u = (m[0] * x + m[1] * y + m[2]) / d;
        double v = (m[3] * x + m[4] * y + m[5]) / d;
        if (u >= 0 && v >= 0 && u < document.getWidth() - 1 && v < document.getHeight() - 1) {
          photo.setRGB(x, y, bilinear(document, u, v));
        }
      }
    }
    return photo;
  }

  private static int bilinear(BufferedImage image, double u, double v) {
    int x0 = (int) u;
    int y0 = (int) v;
    double fx = u - x0;
    double fy = v - y0;
    int[] c = {image.getRGB(x0, y0), image.getRGB(x0 + 1, y0), image.getRGB(x0, y0 + 1), image.getRGB(x0 + 1, y0 + 1)};
    int rgb = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      double top = ((c[0] >> shift) & 0xff) * (1 - fx) + ((c[1] >> shift) & 0xff) * fx;
      double bottom = ((c[2] >> shift) & 0xff) * (1 - fx) + ((c[3] >> shift) & 0xff) * fx;
      rgb |= ((int) Math.round(top * (1 - fy) + bottom * fy)) << shift;
    }
    return rgb;
  }

  private static BufferedImage background(int width, int height, long seed) {
    BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(seed);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int v = 70 + (int) (15 * Math.sin(x / 37.0) * Math.cos(y / 53.0)) + random.nextInt(12);
        photo.setRGB(x, y, (v + 20) << 16 | (v + 8) << 8 | v);
      }
    }
    return photo;
  }

  /** The image blurred by a box filter {@code size} pixels wide, applied twice (near Gaussian). */
  public static BufferedImage blurred(BufferedImage image, int size) {
    float[] weights = new float[size * size];
    java.util.Arrays.fill(weights, 1f / (size * size));
    ConvolveOp op = new ConvolveOp(new Kernel(size, size, weights), ConvolveOp.EDGE_NO_OP, null);
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(image, 0, 0, null);
    return op.filter(op.filter(rgb, null), null);
  }

  /** A clipped white highlight, as a lamp's reflection on a laminated card, centred on (x, y). */
  static BufferedImage withGlare(BufferedImage image, int x, int y, int rx, int ry) {
    BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = copy.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillOval(x - rx, y - ry, 2 * rx, 2 * ry);
    g.dispose();
    return copy;
  }

  /**
   * The image with its contrast squeezed to {@code share} of the range around mid-grey, as a dim,
   * washed-out photo: every channel becomes {@code 128 + (c - 128) * share}.
   */
  static BufferedImage lowContrast(BufferedImage image, double share) {
    BufferedImage flat = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int out = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
          int c = (rgb >> shift) & 0xff;
          out |= ((int) Math.round(128 + (c - 128) * share)) << shift;
        }
        flat.setRGB(x, y, out);
      }
    }
    return flat;
  }

  /** The image turned upside down. */
  static BufferedImage upsideDown(BufferedImage image) {
    BufferedImage turned = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        turned.setRGB(image.getWidth() - 1 - x, image.getHeight() - 1 - y, image.getRGB(x, y));
      }
    }
    return turned;
  }

  public static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ByteArrayOutputStream out = new ByteArrayOutputStream();
        MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
      stream.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }
}
