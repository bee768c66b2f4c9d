package org.bonafide.liveness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a frame's JPEG markers say about the encoder that wrote it, read from the bytes without
 * decoding the image: the markers before the first scan are walked by their lengths (a few
 * microseconds a frame). The injection detector compares these traits between the frames of a
 * capture and with what the client claims (a browser canvas at a fixed quality).
 *
 * @param width pixels per row from the frame header (SOF), 0 when there is none
 * @param height rows from the frame header, 0 when there is none
 * @param sofMarker the frame header's marker (0xC0 baseline, 0xC1 extended, 0xC2 progressive, …),
 *     0 when there is none
 * @param subsampling {@code 4:2:0}, {@code 4:2:2}, {@code 4:4:4}, {@code 4:4:0}, {@code grey}, or
 *     the sampling factors ({@code 2x2,1x1,1x1}) of other layouts; null without a frame header
 * @param tablesHash a hash of every quantisation table's id, precision and values (0 when none)
 * @param quality the IJG quality (1-100) whose scaled standard tables the frame's tables are, or -1
 *     when they are not scaled standard tables
 * @param segments the metadata segments, in order: {@code APP0:JFIF}, {@code APP1:Exif}, {@code
 *     APP1:XMP}, {@code APP2:ICC}, {@code APP13:Photoshop}, {@code APP14:Adobe}, {@code COM}, or
 *     {@code APPn} for others
 * @param foreign the segments a frame encoder of a browser canvas or a phone's image API never
 *     writes: COM, EXIF naming a camera or software (Make, Model, Software), XMP, APP13, APP14 and
 *     APPn other than JFIF, EXIF and ICC
 * @param texts what those segments say about their writer: COM text, EXIF Make, Model and
 *     Software, XMP CreatorTool (each at most {@value #MAX_TEXT} characters)
 */
record JpegTraits(
    int width,
    int height,
    int sofMarker,
    String subsampling,
    long tablesHash,
    int quality,
    List<String> segments,
    List<String> foreign,
    List<String> texts) {

  static final int MAX_TEXT = 64;
  /** Segments kept per frame (a frame of thousands of tiny segments is not a camera's either). */
  static final int MAX_SEGMENTS = 16;

  /** The natural-order index of each zig-zag position: DQT stores tables in zig-zag order. */
  static final int[] ZIGZAG = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
    28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
    54, 47, 55, 62, 63
  };

  /** The standard luminance table (ITU-T T.81 Annex K, IJG's base), natural order. */
  static final int[] STD_LUMINANCE = {
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29,
    51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121,
    120, 101, 72, 92, 95, 98, 112, 100, 103, 99
  };

  /** The standard chrominance table, natural order. */
  static final int[] STD_CHROMINANCE = {
    17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99
  };

  /** The largest difference of one table entry from IJG's scaled standard table still counted as standard. */
  static final int STANDARD_TOLERANCE = 1;

  private static final Pattern CREATOR_TOOL = Pattern.compile("CreatorTool(?:=\"|>)([^\"<]{1,64})");

  boolean hasFrameHeader() {
    return sofMarker != 0;
  }

  boolean progressive() {
    return sofMarker == 0xC2 || sofMarker == 0xC6 || sofMarker == 0xCA || sofMarker == 0xCE;
  }

  /** What must stay the same between frames of one encoder at one setting. */
  String encoding() {
    return Long.toHexString(tablesHash) + "/" + Integer.toHexString(sofMarker) + "/" + subsampling;
  }

  /** {@code WxH}, or null without a frame header. */
  String size() {
    return hasFrameHeader() ? width + "x" + height : null;
  }

  /**
   * Reads the markers up to the first scan; null when the bytes do not start as a JPEG. A
   * truncated or malformed segment ends the walk: what was read before it is kept.
   */
  static JpegTraits read(byte[] bytes) {
    if (bytes == null || bytes.length < 4 || (bytes[0] & 0xff) != 0xFF || (bytes[1] & 0xff) != 0xD8) {
      return null;
    }
    int[][] tables = new int[4][];
    int[] precision = new int[4];
    int width = 0;
    int height = 0;
    int sof = 0;
    int[] componentTables = null;
    String subsampling = null;
    List<String> segments = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    int p = 2;
    while (p + 4 <= bytes.length) {
      if ((bytes[p] & 0xff) != 0xFF) {
        break;
      }
      int marker = bytes[p + 1] & 0xff;
      if (marker == 0xFF) {
        p++; // fill byte
        continue;
      }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        p += 2; // markers without a length
        continue;
      }
      if (marker == 0xD9 || marker == 0xDA) {
        break; // end of image, or the first scan: everything this reads comes before it
      }
      int length = u16(bytes, p + 2);
      int start = p + 4;
      int end = p + 2 + length;
      if (length < 2 || end > bytes.length) {
        break;
      }
      if (marker == 0xDB) {
        readTables(bytes, start, end, tables, precision);
      } else if (isFrameHeader(marker) && end - start >= 6) {
        sof = marker;
        height = u16(bytes, start + 1);
        width = u16(bytes, start + 3);
        int components = bytes[start + 5] & 0xff;
        if (components > 0 && start + 6 + 3 * components <= end) {
          int[] h = new int[components];
          int[] v = new int[components];
          componentTables = new int[components];
          for (int c = 0; c < components; c++) {
            int factors = bytes[start + 6 + 3 * c + 1] & 0xff;
            h[c] = factors >> 4;
            v[c] = factors & 0x0f;
            componentTables[c] = bytes[start + 6 + 3 * c + 2] & 0x03;
          }
          subsampling = subsampling(h, v);
        }
      } else if ((marker >= 0xE0 && marker <= 0xEF) || marker == 0xFE) {
        if (segments.size() < MAX_SEGMENTS) {
          metadata(bytes, marker, start, end, segments, foreign, texts);
        }
      }
      p = end;
    }
    long tablesHash = hashTables(tables, precision);
    int quality = ijgQuality(tables, componentTables);
    return new JpegTraits(
        width, height, sof, subsampling, tablesHash, quality, List.copyOf(segments), dedupe(foreign), List.copyOf(texts));
  }

  private static boolean isFrameHeader(int marker) {
    // C0-CF are frame headers except C4 (DHT), C8 (reserved) and CC (DAC)
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  private static void readTables(byte[] bytes, int start, int end, int[][] tables, int[] precision) {
    int q = start;
    while (q < end) {
      int pq = (bytes[q] & 0xff) >> 4;
      int tq = bytes[q] & 0x03;
      int size = pq == 0 ? 64 : 128;
      if (q + 1 + size > end) {
        return;
      }
      int[] values = new int[64];
      for (int k = 0; k < 64; k++) {
        values[k] = pq == 0 ? bytes[q + 1 + k] & 0xff : u16(bytes, q + 1 + 2 * k);
      }
      tables[tq] = values;
      precision[tq] = pq;
      q += 1 + size;
    }
  }

  private static String subsampling(int[] h, int[] v) {
    if (h.length == 1) {
      return "grey";
    }
    boolean chromaSame = true;
    for (int c = 2; c < h.length; c++) {
      chromaSame &= h[c] == h[1] && v[c] == v[1];
    }
    if (h.length == 3 && chromaSame && h[1] == 1 && v[1] == 1) {
      if (h[0] == 2 && v[0] == 2) {
        return "4:2:0";
      }
      if (h[0] == 2 && v[0] == 1) {
        return "4:2:2";
      }
      if (h[0] == 1 && v[0] == 1) {
        return "4:4:4";
      }
      if (h[0] == 1 && v[0] == 2) {
        return "4:4:0";
      }
    }
    StringBuilder s = new StringBuilder();
    for (int c = 0; c < h.length; c++) {
      s.append(c == 0 ? "" : ",").append(h[c]).append('x').append(v[c]);
    }
    return s.toString();
  }

  private static void metadata(
      byte[] bytes, int marker, int start, int end, List<String> segments, List<String> foreign, List<String> texts) {
    if (marker == 0xFE) {
      segments.add("COM");
      foreign.add("COM");
      texts.add(text(bytes, start, Math.min(end, start + MAX_TEXT)));
      return;
    }
    int n = marker - 0xE0;
    String name;
    boolean isForeign;
    if (n == 0 && (startsWith(bytes, start, end, "JFIF\0") || startsWith(bytes, start, end, "JFXX\0"))) {
      name = "APP0:JFIF";
      isForeign = false;
    } else if (n == 1 && startsWith(bytes, start, end, "Exif\0")) {
      name = "APP1:Exif";
      List<String> exif = exifWriter(bytes, start + 6, end);
      isForeign = !exif.isEmpty();
      texts.addAll(exif);
    } else if (n == 1 && startsWith(bytes, start, end, "http://ns.adobe.com/xap/1.0/\0")) {
      name = "APP1:XMP";
      isForeign = true;
      Matcher m = CREATOR_TOOL.matcher(text(bytes, start, Math.min(end, start + 8192)));
      if (m.find()) {
        texts.add(m.group(1).trim());
      }
    } else if (n == 2 && startsWith(bytes, start, end, "ICC_PROFILE\0")) {
      name = "APP2:ICC";
      isForeign = false;
    } else if (n == 13) {
      name = "APP13:Photoshop";
      isForeign = true;
    } else if (n == 14 && startsWith(bytes, start, end, "Adobe")) {
      name = "APP14:Adobe";
      isForeign = true;
    } else {
      name = "APP" + n;
      isForeign = true;
    }
    segments.add(name);
    if (isForeign) {
      foreign.add(name);
    }
  }

  /**
   * EXIF's IFD0 Make (0x010F), Model (0x0110) and Software (0x0131) strings, as {@code Make=...};
   * empty when it has none of them (an EXIF block with only orientation or colour space is what
   * some platforms' image APIs add).
   */
  static List<String> exifWriter(byte[] bytes, int tiff, int end) {
    List<String> out = new ArrayList<>();
    if (tiff + 8 > end) {
      return out;
    }
    boolean little;
    if (bytes[tiff] == 'I' && bytes[tiff + 1] == 'I') {
      little = true;
    } else if (bytes[tiff] == 'M' && bytes[tiff + 1] == 'M') {
      little = false;
    } else {
      return out;
    }
    long ifd = u32(bytes, tiff + 4, little);
    if (ifd < 8 || tiff + ifd + 2 > end) {
      return out;
    }
    int at = (int) (tiff + ifd);
    int entries = Math.min(u16(bytes, at, little), 256);
    for (int e = 0; e < entries; e++) {
      int entry = at + 2 + 12 * e;
      if (entry + 12 > end) {
        break;
      }
      int tag = u16(bytes, entry, little);
      String name =
          switch (tag) {
            case 0x010F -> "Make";
            case 0x0110 -> "Model";
            case 0x0131 -> "Software";
            default -> null;
          };
      if (name == null || u16(bytes, entry + 2, little) != 2) {
        continue;
      }
      long count = u32(bytes, entry + 4, little);
      long offset = count <= 4 ? entry + 8 : tiff + u32(bytes, entry + 8, little);
      if (count < 1 || offset < tiff || offset + count > end) {
        out.add(name + "=");
        continue;
      }
      int from = (int) offset;
      String value = text(bytes, from, (int) Math.min(offset + count, from + (long) MAX_TEXT));
      out.add(name + "=" + value);
    }
    return out;
  }

  /**
   * The IJG quality whose scaled standard tables (libjpeg's {@code jpeg_set_quality}: scale 5000/q
   * below 50, 200-2q from 50, entries (std * scale + 50) / 100 clamped to 1-255) are the frame's
   * luminance table and, with colour, its chrominance table, every entry within {@link
   * #STANDARD_TOLERANCE}; -1 when no quality fits (another encoder's tables).
   */
  static int ijgQuality(int[][] tables, int[] componentTables) {
    int lumaId = componentTables != null && componentTables.length > 0 ? componentTables[0] : 0;
    int chromaId = componentTables != null ? (componentTables.length > 1 ? componentTables[1] : -1) : 1;
    int[] luma = tables[lumaId];
    int[] chroma = chromaId >= 0 ? tables[chromaId] : null;
    if (luma == null) {
      return -1;
    }
    int best = -1;
    int bestError = Integer.MAX_VALUE;
    for (int q = 1; q <= 100; q++) {
      int scale = q < 50 ? 5000 / q : 200 - 2 * q;
      int error = deviation(luma, STD_LUMINANCE, scale, bestError);
      if (chroma != null && error < bestError) {
        error = Math.max(error, deviation(chroma, STD_CHROMINANCE, scale, bestError));
      }
      if (error < bestError) {
        bestError = error;
        best = q;
      }
    }
    return bestError <= STANDARD_TOLERANCE ? best : -1;
  }

  /**
   * Largest difference between a zig-zag table and the standard table at this IJG scale; stops
   * once it reaches {@code enough} (the best so far: this scale cannot beat it).
   */
  private static int deviation(int[] zigzag, int[] standard, int scale, int enough) {
    int worst = 0;
    for (int k = 0; k < 64 && worst < enough; k++) {
      int expected = Math.max(1, Math.min(255, (standard[ZIGZAG[k]] * scale + 50) / 100));
      worst = Math.max(worst, Math.abs(zigzag[k] - expected));
    }
    return worst;
  }

  private static long hashTables(int[][] tables, int[] precision) {
    long h = 0;
    for (int t = 0; t < tables.length; t++) {
      if (tables[t] != null) {
        h = 31 * h + 1_000_003L * (t + 1) + precision[t];
        h = 31 * h + Arrays.hashCode(tables[t]);
      }
    }
    return h;
  }

  private static List<String> dedupe(List<String> values) {
    return values.stream().distinct().toList();
  }

  private static boolean startsWith(byte[] bytes, int start, int end, String prefix) {
    if (end - start < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (bytes[start + i] != (byte) prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Printable ASCII of the bytes, NULs and control characters dropped, trimmed. */
  private static String text(byte[] bytes, int from, int to) {
    String raw = new String(bytes, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
    return raw.replaceAll("[^\\x20-\\x7e]", "").trim();
  }

  /** The first of {@code signatures} (case-insensitive substrings) in the texts, or null. */
  static String signature(List<String> texts, List<String> signatures) {
    for (String text : texts) {
      String lower = text.toLowerCase(Locale.ROOT);
      for (String s : signatures) {
        if (s != null && !s.isBlank() && lower.contains(s.toLowerCase(Locale.ROOT).trim())) {
          return s;
        }
      }
    }
    return null;
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static int u16(byte[] b, int at, boolean little) {
    return little ? (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) : u16(b, at);
  }

  private static long u32(byte[] b, int at, boolean little) {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      int k = little ? 3 - i : i;
      v = (v << 8) | (b[at + k] & 0xff);
    }
    return v;
  }
}
