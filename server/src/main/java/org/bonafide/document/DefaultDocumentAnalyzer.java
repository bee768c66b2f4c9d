package org.bonafide.document;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bonafide.shared.ExifOrientation;

/**
 * The module's analyzer: reads the MRZ (front first, then the back, where a TD1 card has it),
 * validates it and the national identity number it may carry, compares it with the printed zone,
 * looks for forgery traces on the front, and verifies the chip's data when the phone read it,
 * comparing DG1 with the printed MRZ. docs/documents.md describes how the checks combine.
 */
final class DefaultDocumentAnalyzer implements DocumentAnalyzer {
  static final String NATIONAL_ID_FIELDS = "personalNumber";

  private final MrzReader reader;
  private final PageForensics forensics;
  private final ChipVerifier chip;
  private final NationalIds nationalIds;

  DefaultDocumentAnalyzer(MrzReader reader, PageForensics forensics, ChipVerifier chip, NationalIds nationalIds) {
    this.reader = reader;
    this.forensics = forensics;
    this.chip = chip;
    this.nationalIds = nationalIds;
  }

  @Override
  public DocumentReport analyse(DocumentSubmission submission, Instant now) {
    List<DocumentCheck> checks = new ArrayList<>();
    Map<String, Object> fields = new LinkedHashMap<>();

    // the front is found and located once: for its MRZ and, later, for its printed zone
    MrzReader.Page front = reader.page(submission.front(), now);
    MrzReader.Reading reading = read(front, submission, now);
    checks.add(reading.check());
    MrzResult mrz = reading.mrz();
    if (mrz != null) {
      fields.putAll(fields(mrz));
      checks.addAll(mrz.checks());
      nationalId(mrz).ifPresent(checks::add);
      if (reading.reason() == null) {
        checks.add(PrintedData.compare(mrz, front.printedText()));
      }
    }
    if (submission.nationalId() != null) {
      DocumentSubmission.NationalId claimed = submission.nationalId();
      checks.add(nationalIds.validate(claimed.type(), claimed.number()).toCheck());
    }

    List<PageForensics.Region> regions = new ArrayList<>();
    Rectangle portrait = rawRectangle(submission.front(), submission.portrait());
    if (portrait != null) {
      regions.add(PageForensics.Region.portrait(portrait.x, portrait.y, portrait.width, portrait.height));
    }
    checks.addAll(forensics.analyse(submission.front(), regions));

    BufferedImage chipPortrait = null;
    if (!submission.chip().isEmpty()) {
      ChipVerification verified = verifyChip(submission, checks, now);
      if (verified != null) {
        checks.addAll(verified.checks());
        fields.put("chip", chipSummary(verified));
        if (verified.passiveAuthenticationPassed()) {
          chipPortrait = verified.portrait().orElse(null);
          if (reading.read() && verified.dg1Mrz().isPresent()) {
            checks.add(ChipVerifier.compareMrz(verified.dg1Mrz().get(), reading.text()));
          }
        }
      }
    }
    return DocumentReport.of(fields, checks, chipPortrait);
  }

  /** The front's MRZ; the back's when the front has none (a TD1 card) and a back was sent. */
  private MrzReader.Reading read(MrzReader.Page frontPage, DocumentSubmission submission, Instant now) {
    MrzReader.Reading front = frontPage.reading();
    if (front.read() || submission.back() == null) {
      return front;
    }
    MrzReader.Reading back = reader.read(submission.back(), now);
    if (back.read() || front.reason() == DocumentReason.MRZ_NOT_FOUND) {
      return back;
    }
    return front;
  }

  private static Map<String, Object> fields(MrzResult mrz) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("format", mrz.format().name());
    for (MrzField f : mrz.fields()) {
      if (f.kind() == MrzField.Kind.CHECK || f.kind() == MrzField.Kind.FILLER) {
        continue;
      }
      fields.put(f.name(), f.date() != null ? f.date().toString() : f.value());
    }
    fields.put("valid", mrz.valid());
    return fields;
  }

  /** The MRZ's personal number checked by the issuing state's validator, when there is one. */
  private Optional<DocumentCheck> nationalId(MrzResult mrz) {
    String number = mrz.value(NATIONAL_ID_FIELDS);
    String state = mrz.value("issuingState");
    if (number == null || number.isBlank() || state == null) {
      return Optional.empty();
    }
    return nationalIds.forCountry(state).stream()
        .map(v -> v.validate(number.replace(" ", "")))
        .filter(NationalIdResult::valid)
        .findFirst()
        .or(() -> nationalIds.forCountry(state).stream().findFirst().map(v -> v.validate(number.replace(" ", ""))))
        .map(NationalIdResult::toCheck);
  }

  private ChipVerification verifyChip(DocumentSubmission submission, List<DocumentCheck> checks, Instant now) {
    Map<String, byte[]> files = submission.chip();
    byte[] sod = files.get("sod");
    Map<Integer, byte[]> groups = new LinkedHashMap<>();
    files.forEach(
        (name, bytes) -> {
          if (name.startsWith("dg")) {
            groups.put(Integer.parseInt(name.substring(2)), bytes);
          }
        });
    Optional<ChipData.ActiveAuthentication> aa = Optional.empty();
    try {
      if (files.containsKey("aa-challenge") && files.containsKey("aa-signature")) {
        aa = Optional.of(new ChipData.ActiveAuthentication(files.get("aa-challenge"), files.get("aa-signature")));
      }
      if (sod == null) {
        throw new IllegalArgumentException("the chip's security object (sod) is missing");
      }
      ChipData data = new ChipData(sod, groups, aa, Optional.empty());
      return chip.verify(data, now);
    } catch (IllegalArgumentException e) {
      checks.add(
          DocumentCheck.fail("chip-data", 0, DocumentReason.CHIP_DATA_INVALID, Map.of("problem", e.getMessage())));
      return null;
    }
  }

  private static Map<String, Object> chipSummary(ChipVerification v) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("passiveAuthentication", v.passiveAuthenticationPassed());
    summary.put("activeAuthentication", v.activeAuthentication().name().toLowerCase(Locale.ROOT));
    summary.put("chipAuthentication", v.chipAuthentication().name().toLowerCase(Locale.ROOT));
    summary.put("portrait", v.portrait().isPresent());
    v.portraitProblem().ifPresent(p -> summary.put("portraitProblem", p));
    return summary;
  }

  /**
   * The portrait box, given upright (as the face engine sees the photo), on the raw pixels the
   * forensic checks read: EXIF orientation 1, 3, 6 and 8 are mapped back; a mirrored orientation
   * gives no box (the checks then look for the portrait themselves).
   */
  static Rectangle rawRectangle(byte[] image, Rectangle upright) {
    if (upright == null) {
      return null;
    }
    boolean jpeg = image.length > 2 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8;
    int orientation = jpeg ? ExifOrientation.of(image).value() : 1;
    Dimension raw = rawSize(image);
    if (raw == null) {
      return null;
    }
    int w = raw.width;
    int h = raw.height;
    int x1 = upright.x;
    int y1 = upright.y;
    int x2 = upright.x + upright.width;
    int y2 = upright.y + upright.height;
    return switch (orientation) {
      case 1 -> upright;
      case 3 -> new Rectangle(w - x2, h - y2, upright.width, upright.height);
      // shown turned clockwise: upright (u, v) is raw (v, h - u)
      case 6 -> new Rectangle(y1, h - x2, upright.height, upright.width);
      // shown turned anticlockwise: upright (u, v) is raw (w - v, u)
      case 8 -> new Rectangle(w - y2, x1, upright.height, upright.width);
      default -> null;
    };
  }

  private static Dimension rawSize(byte[] image) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader r = readers.next();
      try {
        r.setInput(in);
        return new Dimension(r.getWidth(0), r.getHeight(0));
      } finally {
        r.dispose();
      }
    } catch (IOException e) {
      return null;
    }
  }
}
