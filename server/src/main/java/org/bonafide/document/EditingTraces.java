package org.bonafide.document;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.photoshop.PhotoshopDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * {@code editing-traces}: what the file says about its own history. Editing software names itself
 * in EXIF Software or XMP CreatorTool, leaves an XMP edit history (xmpMM:History) or a Photoshop
 * resource block; an editor that rewrites the pixels but copies the camera's EXIF leaves the old
 * EXIF thumbnail, which then shows a different picture; and a modify date long after the capture
 * date says the file was changed later. Any of these fires. A camera's own file has none of them.
 */
final class EditingTraces {
  static final String ID = "editing-traces";
  private static final DateTimeFormatter EXIF_DATE = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss", Locale.ROOT);

  private final PageForensics.Settings settings;

  EditingTraces(PageForensics.Settings settings) {
    this.settings = settings;
  }

  DocumentCheck check(PageForensicsImage image) {
    Map<String, Object> details = new LinkedHashMap<>();
    List<String> traces = new ArrayList<>();
    Metadata metadata = read(image.bytes());
    if (metadata == null) {
      details.put("note", "metadata could not be read");
    } else {
      software(metadata, details, traces);
      dates(metadata, details, traces);
    }
    if (image.isJpeg()) {
      thumbnail(image, details, traces);
    }
    details.put("traces", List.copyOf(traces));
    if (traces.isEmpty()) {
      return DocumentCheck.pass(ID, 1.0, details);
    }
    return DocumentCheck.fail(ID, Math.max(0, 0.4 - 0.1 * (traces.size() - 1)), DocumentReason.EDITING_TRACES, details);
  }

  private static Metadata read(byte[] bytes) {
    try {
      return ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
    } catch (Exception e) {
      // A damaged metadata block says nothing either way; the pixel checks still run.
      return null;
    }
  }

  private void software(Metadata metadata, Map<String, Object> details, List<String> traces) {
    TreeSet<String> tools = new TreeSet<>();
    for (ExifIFD0Directory d : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
      addIfPresent(tools, d.getString(ExifIFD0Directory.TAG_SOFTWARE));
    }
    int historyEdits = 0;
    for (XmpDirectory d : metadata.getDirectoriesOfType(XmpDirectory.class)) {
      for (Map.Entry<String, String> e : d.getXmpProperties().entrySet()) {
        String key = e.getKey();
        if (key.equals("xmp:CreatorTool") || key.endsWith("stEvt:softwareAgent")) {
          addIfPresent(tools, e.getValue());
        }
        if (key.startsWith("xmpMM:History") && key.endsWith("stEvt:action")) {
          String action = e.getValue() == null ? "" : e.getValue().toLowerCase(Locale.ROOT);
          if (!action.equals("created")) {
            historyEdits++;
          }
        }
      }
    }
    details.put("software", List.copyOf(tools));
    for (String tool : tools) {
      String lower = tool.toLowerCase(Locale.ROOT);
      for (String editor : settings.editorNames()) {
        if (lower.contains(editor.toLowerCase(Locale.ROOT))) {
          traces.add("editor:" + tool);
          break;
        }
      }
    }
    details.put("xmpHistoryEdits", historyEdits);
    if (historyEdits > 0) {
      traces.add("xmp-history:" + historyEdits + " edits");
    }
    boolean photoshopBlock = false;
    for (Directory d : metadata.getDirectoriesOfType(PhotoshopDirectory.class)) {
      photoshopBlock |= d.getTagCount() > 0;
    }
    details.put("photoshopResources", photoshopBlock);
    if (photoshopBlock) {
      traces.add("photoshop-resources");
    }
  }

  private static void addIfPresent(TreeSet<String> tools, String value) {
    if (value != null && !value.isBlank()) {
      tools.add(value.trim());
    }
  }

  private void dates(Metadata metadata, Map<String, Object> details, List<String> traces) {
    LocalDateTime original = null;
    LocalDateTime modified = null;
    for (ExifSubIFDDirectory d : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
      original = original != null ? original : parse(d.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL));
    }
    for (ExifIFD0Directory d : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
      modified = modified != null ? modified : parse(d.getString(ExifIFD0Directory.TAG_DATETIME));
    }
    if (original == null || modified == null) {
      return;
    }
    double hours = Duration.between(original, modified).toMinutes() / 60.0;
    details.put("modifiedHoursAfterCapture", PageForensicsImage.round(hours));
    if (hours > settings.maxModifyHours()) {
      traces.add("modified-after-capture:" + Math.round(hours) + "h");
    }
  }

  private static LocalDateTime parse(String value) {
    if (value == null || value.length() < 19) {
      return null;
    }
    try {
      return LocalDateTime.parse(value.substring(0, 19), EXIF_DATE);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void thumbnail(PageForensicsImage image, Map<String, Object> details, List<String> traces) {
    byte[] thumbBytes = exifThumbnail(image.bytes());
    if (thumbBytes == null) {
      return;
    }
    BufferedImage thumb;
    try {
      thumb = ImageIO.read(new ByteArrayInputStream(thumbBytes));
    } catch (Exception e) {
      thumb = null;
    }
    if (thumb == null || thumb.getWidth() < 8 || thumb.getHeight() < 8) {
      details.put("thumbnail", "present, not decodable");
      return;
    }
    ThumbnailComparison c = compare(image, thumb);
    details.put(
        "thumbnail",
        Map.of(
            "width", thumb.getWidth(),
            "height", thumb.getHeight(),
            "meanDifference", PageForensicsImage.round(c.meanDifference()),
            "hashDistance", c.hashDistance(),
            "maxCellDifference", PageForensicsImage.round(c.maxCellDifference())));
    if (c.meanDifference() > settings.thumbnailMaxMeanDifference()
        || c.hashDistance() > settings.thumbnailMaxHashDistance()
        || c.maxCellDifference() > settings.thumbnailMaxCellDifference()) {
      traces.add("thumbnail-differs");
    }
  }

  /**
   * @param meanDifference mean absolute grey difference over the frame
   * @param hashDistance difference-hash bits that differ
   * @param maxCellDifference the largest mean difference in one cell of an 8x8 grid: a replaced
   *     portrait changes a small part of the page, which the whole-frame measures average away
   */
  record ThumbnailComparison(double meanDifference, int hashDistance, double maxCellDifference) {}

  private static final int CELLS = 8;

  /**
   * Compares the thumbnail with the image scaled to the thumbnail's frame. A camera letterboxes a
   * thumbnail whose aspect differs from the image's, so the image is fitted inside it, centred, and
   * only the covered part is compared.
   */
  static ThumbnailComparison compare(PageForensicsImage image, BufferedImage thumb) {
    int tw = thumb.getWidth();
    int th = thumb.getHeight();
    double scale = Math.min(tw / (double) image.width(), th / (double) image.height());
    int fw = Math.max(8, (int) Math.round(image.width() * scale));
    int fh = Math.max(8, (int) Math.round(image.height() * scale));
    fw = Math.min(fw, tw);
    fh = Math.min(fh, th);
    int ox = (tw - fw) / 2;
    int oy = (th - fh) / 2;
    float[] main = grey(scaled(image.toBufferedImage(), fw, fh));
    float[] small = grey(scaled(thumb.getSubimage(ox, oy, fw, fh), fw, fh));
    double sum = 0;
    double[] cells = new double[CELLS * CELLS];
    int[] counts = new int[CELLS * CELLS];
    for (int i = 0; i < main.length; i++) {
      double d = Math.abs(main[i] - small[i]);
      sum += d;
      int cell = Math.min(CELLS - 1, (i / fw) * CELLS / fh) * CELLS + Math.min(CELLS - 1, (i % fw) * CELLS / fw);
      cells[cell] += d;
      counts[cell]++;
    }
    double maxCell = 0;
    for (int c = 0; c < cells.length; c++) {
      if (counts[c] > 0) {
        maxCell = Math.max(maxCell, cells[c] / counts[c]);
      }
    }
    int distance = Long.bitCount(dHash(main, fw, fh) ^ dHash(small, fw, fh));
    return new ThumbnailComparison(sum / main.length, distance, maxCell);
  }

  private static BufferedImage scaled(BufferedImage source, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      // Area averaging through the scaled instance keeps a large image's downscale free of aliasing.
      g.drawImage(source.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static float[] grey(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    float[] out = new float[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      out[i] = (float) (0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff));
    }
    return out;
  }

  /** 64-bit difference hash: a 9x8 mean grid, one bit per left/right comparison. */
  static long dHash(float[] grey, int w, int h) {
    double[] cells = new double[9 * 8];
    int[] counts = new int[9 * 8];
    for (int y = 0; y < h; y++) {
      int cy = Math.min(7, y * 8 / h);
      for (int x = 0; x < w; x++) {
        int cx = Math.min(8, x * 9 / w);
        cells[cy * 9 + cx] += grey[y * w + x];
        counts[cy * 9 + cx]++;
      }
    }
    long hash = 0;
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        double left = cells[y * 9 + x] / Math.max(1, counts[y * 9 + x]);
        double right = cells[y * 9 + x + 1] / Math.max(1, counts[y * 9 + x + 1]);
        hash = (hash << 1) | (left > right ? 1 : 0);
      }
    }
    return hash;
  }

  /**
   * The JPEG thumbnail inside the EXIF APP1 segment: the bytes from the first SOI after the TIFF
   * header to the last EOI of the segment, or null when there is none.
   */
  static byte[] exifThumbnail(byte[] jpeg) {
    int i = 2;
    while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
      int marker = jpeg[i + 1] & 0xff;
      if (marker == 0xDA || marker == 0xD9) {
        return null;
      }
      int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
      int start = i + 4;
      int end = Math.min(jpeg.length, i + 2 + length);
      if (length < 2) {
        return null;
      }
      if (marker == 0xE1
          && end - start > 14
          && new String(jpeg, start, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
        int soi = -1;
        for (int k = start + 14; k + 2 < end; k++) {
          if ((jpeg[k] & 0xff) == 0xFF && (jpeg[k + 1] & 0xff) == 0xD8 && (jpeg[k + 2] & 0xff) == 0xFF) {
            soi = k;
            break;
          }
        }
        if (soi < 0) {
          return null;
        }
        int eoi = -1;
        for (int k = end - 2; k > soi; k--) {
          if ((jpeg[k] & 0xff) == 0xFF && (jpeg[k + 1] & 0xff) == 0xD9) {
            eoi = k + 2;
            break;
          }
        }
        return eoi < 0 ? null : java.util.Arrays.copyOfRange(jpeg, soi, eoi);
      }
      i = end;
    }
    return null;
  }
}
