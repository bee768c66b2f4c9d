package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bonafide.shared.BonafideException;

/**
 * Reads the machine-readable zone from a photo of an identity document: finds the document
 * ({@link DocumentFinder}), its MRZ ({@link MrzLocator}, trying the photo upside down when the
 * zone is not at the bottom) and reads each line with an OCR engine (Tesseract, MRZ alphabet only).
 *
 * <p>The result holds the MRZ's lines as read (characters {@code A-Z 0-9 <}), each fitted to its
 * format's length when it is at most {@link #LENGTH_TOLERANCE} filler characters off, repaired by
 * {@link MrzCorrection} (look-alikes by field type and check digits) and parsed by {@link Mrz},
 * with the engine's confidence per line. When the photo cannot be read, it carries a {@link
 * DocumentReason.Kind#RETRY} reason. The capture-quality checks (document found, large enough,
 * sharp, free of glare) come first and are decisive: OCR on a blurred photo can return confident
 * nonsense. Instances are thread-safe (OCR calls are serialised) and hold native memory: close
 * them.
 */
public final class MrzReader implements AutoCloseable {
  /** Line lengths of TD1 (3 lines), TD2 and TD3 (2 lines). */
  static final int TD1 = 30;
  static final int TD2 = 36;
  static final int TD3 = 44;
  static final int LENGTH_TOLERANCE = 3;
  /** Mean OCR confidence below which a line is not trusted. */
  static final double MIN_CONFIDENCE = 0.5;
  /** Two symbols closer than this share of the character pitch are one character read twice. */
  static final double MIN_PITCH_SHARE = 0.6;

  /** Below this least line confidence a zone whose checks fail is taken as misread, not as wrong. */
  static final double TRUSTED_CONFIDENCE = 0.8;

  private final OcrEngine ocr;
  private final InstantSource clock;

  /** A reader on Tesseract with the trained data built into the jar; expiry is judged on today (UTC). */
  public MrzReader() {
    this(new TesseractOcr(), InstantSource.system());
  }

  MrzReader(OcrEngine ocr, InstantSource clock) {
    this.ocr = ocr;
    this.clock = clock;
  }

  /**
   * What was read.
   *
   * @param lines the MRZ's lines, top to bottom, after {@link MrzCorrection} (empty when none was found)
   * @param confidences the OCR engine's confidence per line, 0-1
   * @param mrz the lines parsed and validated ({@link Mrz#parse}), or null when they have no MRZ
   *     format's shape; its failed checks are the zone's own REJECT reasons
   * @param reason why the photo could not be read, or null when every line was read
   * @param details measurements behind the result (outline, sharpness, glare, skew, raw OCR text,
   *     corrections)
   */
  public record Reading(
      List<String> lines, List<Double> confidences, MrzResult mrz, DocumentReason reason, Map<String, Object> details) {
    public Reading {
      lines = List.copyOf(lines);
      confidences = List.copyOf(confidences);
      details = Map.copyOf(details);
      checkArgument(lines.size() == confidences.size(), "one confidence per line");
    }

    /** Whether every line of the MRZ was read. */
    public boolean read() {
      return reason == null;
    }

    /** The MRZ as ICAO 9303 prints it: lines joined by newlines. */
    public String text() {
      return String.join("\n", lines);
    }

    /** This reading as the {@code document-capture} check. */
    public DocumentCheck check() {
      double score = confidences.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      return reason == null
          ? DocumentCheck.pass("document-capture", score, details)
          : DocumentCheck.fail("document-capture", score, reason, details);
    }
  }

  /**
   * Reads the MRZ from an encoded photo (JPEG, PNG, WebP).
   *
   * @throws org.bonafide.shared.BonafideException with an image error code when the bytes are not
   *     a decodable image of acceptable size
   */
  public Reading read(byte[] image) {
    return read(image, clock.instant());
  }

  /**
   * Reads the MRZ from an encoded photo, judging expiry on the date (UTC) of {@code now}.
   *
   * @throws org.bonafide.shared.BonafideException with an image error code when the bytes are not
   *     a decodable image of acceptable size
   */
  public Reading read(byte[] image, Instant now) {
    return read(DocumentPhoto.decode(image), now);
  }

  Reading read(DocumentPhoto photo) {
    return read(photo, clock.instant());
  }

  Reading read(DocumentPhoto photo, Instant now) {
    return page(photo, now).reading();
  }

  /**
   * Reads the MRZ from an encoded photo and keeps the document found in it, so that its printed
   * zone can be read too ({@link Page#printedText()}) without finding the document again.
   *
   * @throws org.bonafide.shared.BonafideException with an image error code when the bytes are not
   *     a decodable image of acceptable size
   */
  public Page page(byte[] image, Instant now) {
    return page(DocumentPhoto.decode(image), now);
  }

  /**
   * A photo as read: its MRZ, and its printed zone, OCR'd only when asked for.
   */
  public final class Page {
    private final Reading reading;
    private final DocumentPhoto printed;
    private final int printedRows;
    private String printedText;

    private Page(Reading reading, DocumentPhoto printed, int printedRows) {
      this.reading = reading;
      this.printed = printed;
      this.printedRows = printedRows;
    }

    public Reading reading() {
      return reading;
    }

    /**
     * The printed (visual) zone's text: the document above its MRZ, or the whole document when it
     * has none (the front of a card whose MRZ is on the back). Lines holding MRZ fillers are left
     * out. Empty when no readable document was found in the photo.
     */
    public synchronized String printedText() {
      if (printedText == null) {
        printedText = printed == null ? "" : readPrinted(printed, printedRows);
      }
      return printedText;
    }
  }

  /** The document found, its MRZ located, and the part of it that is the printed zone. */
  private record Scan(DocumentFinder.Found found, Located located, DocumentPhoto printed, int printedRows) {}

  private static Scan scan(DocumentPhoto photo) {
    DocumentFinder.Found found = DocumentFinder.find(photo);
    if (found.reason() != null) {
      return new Scan(found, null, null, 0);
    }
    Located located = locate(found.document());
    MrzLocator.Zone zone = located.zone();
    if (zone == null) {
      return new Scan(found, located, found.document(), found.document().height());
    }
    // the zone's document is the deskewed (and, when turned, rotated) page its lines are on
    MrzLocator.Line first = zone.lines().get(0);
    return new Scan(found, located, zone.document(), Math.max(1, first.top() - first.height() / 2));
  }

  private Page page(DocumentPhoto photo, Instant now) {
    Scan scan = scan(photo);
    return new Page(reading(scan.found(), scan.located(), now), scan.printed(), scan.printedRows());
  }

  private Reading reading(DocumentFinder.Found found, Located located, Instant now) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.putAll(found.details());
    if (found.reason() != null) {
      // a blurred or glared photo can still yield confident nonsense: ask for another one
      return new Reading(List.of(), List.of(), null, found.reason(), details);
    }
    MrzLocator.Zone zone = located.zone();
    details.put("rotated180", located.turned());
    if (zone == null) {
      return new Reading(List.of(), List.of(), null, DocumentReason.MRZ_NOT_FOUND, details);
    }
    details.put("skewDegrees", zone.skewDegrees());
    List<String> raw = new ArrayList<>();
    List<Double> confidences = new ArrayList<>();
    for (MrzLocator.Line line : zone.lines()) {
      List<List<OcrEngine.Symbol>> readings = new ArrayList<>();
      for (int height : MrzLocator.OCR_TEXT_HEIGHTS) {
        readings.add(readLine(MrzLocator.lineImage(zone.document(), line, height)));
      }
      OcrLine read = combine(readings);
      raw.add(read.text());
      confidences.add(Math.round(read.confidence() * 1000) / 1000.0);
    }
    details.put("ocrText", raw);
    details.put("ocrConfidence", confidences);
    int length = expectedLength(raw);
    List<String> fitted = new ArrayList<>();
    boolean fits = true;
    for (String text : raw) {
      String line = fit(text, length);
      fits &= line != null;
      fitted.add(line == null ? text : line);
    }
    if (!fits) {
      return new Reading(fitted, confidences, null, DocumentReason.MRZ_UNREADABLE, details);
    }
    MrzCorrection.Corrected corrected = MrzCorrection.correct(fitted);
    details.put("corrections", corrected.corrections());
    MrzResult mrz;
    try {
      mrz = Mrz.parse(corrected.lines(), LocalDate.ofInstant(now, ZoneOffset.UTC));
    } catch (BonafideException e) {
      details.put("parseError", e.getMessage());
      return new Reading(corrected.lines(), confidences, null, DocumentReason.MRZ_UNREADABLE, details);
    }
    double least = confidences.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    // failed check digits on a shaky reading are more likely the camera's fault than the document's
    boolean misread = least < MIN_CONFIDENCE || (!mrz.intact() && least < TRUSTED_CONFIDENCE);
    return new Reading(corrected.lines(), confidences, mrz, misread ? DocumentReason.MRZ_UNREADABLE : null, details);
  }

  /** The MRZ on the document upright or turned 180 degrees (null zone when there is none). */
  private record Located(MrzLocator.Zone zone, boolean turned) {}

  private static Located locate(DocumentPhoto document) {
    MrzLocator.Zone zone = MrzLocator.locate(document);
    if (zone == null || !zone.atBottom()) {
      MrzLocator.Zone other = MrzLocator.locate(document.rotated180());
      if (other != null && (zone == null || other.atBottom())) {
        return new Located(other, true);
      }
    }
    return new Located(zone, false);
  }

  /**
   * The printed zone's text of an encoded photo ({@link Page#printedText()}).
   *
   * @throws org.bonafide.shared.BonafideException with an image error code when the bytes are not
   *     a decodable image of acceptable size
   */
  public String printedText(byte[] image) {
    Scan scan = scan(DocumentPhoto.decode(image));
    return scan.printed() == null ? "" : readPrinted(scan.printed(), scan.printedRows());
  }

  /** OCR of the page's first {@code rows} rows, as free text. */
  private String readPrinted(DocumentPhoto page, int rows) {
    byte[] pixels = new byte[page.width() * rows];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) page.grey()[i];
    }
    StringBuilder text = new StringBuilder();
    for (String line : ocr.readText(pixels, page.width(), rows).split("\n")) {
      if (!line.isBlank() && !line.contains("<<")) {
        text.append(line.strip()).append('\n');
      }
    }
    return text.toString().strip();
  }

  /** OCR of the line with its chevrons erased, the chevrons put back where they stood, in order. */
  private List<OcrEngine.Symbol> readLine(MrzLocator.LineImage image) {
    MrzReaderFillers.Split split = MrzReaderFillers.split(image);
    MrzLocator.LineImage text = split.withoutFillers();
    List<OcrEngine.Symbol> symbols = new ArrayList<>(ocr.readSymbols(text.pixels(), text.width(), text.height()));
    for (MrzReaderFillers.Filler f : split.fillers()) {
      symbols.add(new OcrEngine.Symbol('<', f.left(), f.right(), 1));
    }
    symbols.sort((a, b) -> Integer.compare(a.left() + a.right(), b.left() + b.right()));
    return monospaced(symbols);
  }

  /**
   * One line from its readings at several scales: where they have the same length, each character
   * is the most confident reading's (the engine confuses B/8, Z/2 or O/0 at one scale and not at
   * another); otherwise the reading with the highest mean confidence.
   */
  static OcrLine combine(List<List<OcrEngine.Symbol>> readings) {
    List<OcrEngine.Symbol> best = readings.stream().max(java.util.Comparator.comparingDouble(MrzReader::meanConfidence)).orElseThrow();
    boolean sameLength = readings.stream().allMatch(r -> r.size() == best.size());
    StringBuilder text = new StringBuilder(best.size());
    double sum = 0;
    for (int i = 0; i < best.size(); i++) {
      OcrEngine.Symbol chosen = best.get(i);
      if (sameLength) {
        for (List<OcrEngine.Symbol> r : readings) {
          if (r.get(i).confidence() > chosen.confidence()) {
            chosen = r.get(i);
          }
        }
      }
      text.append(chosen.character());
      sum += chosen.confidence();
    }
    return new OcrLine(text.toString(), best.isEmpty() ? 0 : Math.min(1, sum / best.size()));
  }

  private static double meanConfidence(List<OcrEngine.Symbol> symbols) {
    return symbols.stream().mapToDouble(OcrEngine.Symbol::confidence).average().orElse(0);
  }

  /**
   * The symbols with the engine's occasional doubled glyph removed: OCR-B is monospaced, so of two
   * symbols closer than {@link #MIN_PITCH_SHARE} of the line's character pitch only the more
   * confident one is a character.
   */
  static List<OcrEngine.Symbol> monospaced(List<OcrEngine.Symbol> sorted) {
    if (sorted.size() < 3) {
      return sorted;
    }
    double[] steps = new double[sorted.size() - 1];
    for (int i = 1; i < sorted.size(); i++) {
      steps[i - 1] = centre(sorted.get(i)) - centre(sorted.get(i - 1));
    }
    java.util.Arrays.sort(steps);
    double pitch = steps[steps.length / 2];
    List<OcrEngine.Symbol> kept = new ArrayList<>();
    for (OcrEngine.Symbol symbol : sorted) {
      if (!kept.isEmpty()) {
        OcrEngine.Symbol last = kept.get(kept.size() - 1);
        if (centre(symbol) - centre(last) < MIN_PITCH_SHARE * pitch) {
          if (symbol.confidence() > last.confidence()) {
            kept.set(kept.size() - 1, symbol);
          }
          continue;
        }
      }
      kept.add(symbol);
    }
    return kept;
  }

  private static double centre(OcrEngine.Symbol s) {
    return (s.left() + s.right()) / 2.0;
  }


  /** The line length of the format the lines look like: TD1 for three lines, else TD2 or TD3 by length. */
  static int expectedLength(List<String> lines) {
    if (lines.size() == 3) {
      return TD1;
    }
    double mean = lines.stream().mapToInt(String::length).average().orElse(0);
    return Math.abs(mean - TD2) <= Math.abs(mean - TD3) ? TD2 : TD3;
  }

  /**
   * The line fitted to {@code length}: a short line gets filler at its end, a long one loses filler
   * from its longest run of {@code <} (OCR miscounts long runs of the same glyph); null when it is
   * off by more than {@link #LENGTH_TOLERANCE} or has too little filler to drop.
   */
  static String fit(String line, int length) {
    int diff = line.length() - length;
    if (Math.abs(diff) > LENGTH_TOLERANCE) {
      return null;
    }
    if (diff <= 0) {
      return line + "<".repeat(-diff);
    }
    StringBuilder s = new StringBuilder(line);
    for (int k = 0; k < diff; k++) {
      int bestStart = -1;
      int bestLength = 1;
      for (int i = 0; i < s.length(); ) {
        int j = i;
        while (j < s.length() && s.charAt(j) == '<') {
          j++;
        }
        if (j - i > bestLength) {
          bestLength = j - i;
          bestStart = i;
        }
        i = Math.max(j, i + 1);
      }
      if (bestStart < 0) {
        return null;
      }
      s.deleteCharAt(bestStart);
    }
    return s.toString();
  }

  @Override
  public void close() {
    ocr.close();
  }
}
