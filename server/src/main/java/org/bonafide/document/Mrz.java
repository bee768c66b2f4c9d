package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bonafide.document.MrzField.Span;
import org.bonafide.document.MrzFieldReader.DateRole;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * Parses and validates a machine-readable zone (docs/mrz.md): finds its format from the lines'
 * count and lengths, reads every field, and checks every check digit, date, code and name.
 */
public final class Mrz {
  /** The longest text {@link #parse(String, LocalDate)} accepts; an MRZ has at most 90 characters. */
  static final int MAX_TEXT = 1_000;

  private Mrz() {}

  /**
   * Parses a zone given as one text: lines separated by line breaks or by the two characters
   * {@code \n}; spaces and blank lines are ignored.
   *
   * @throws BonafideException ({@link ErrorCode#VALIDATION_FAILED}) when the text has no known
   *     format's shape
   */
  public static MrzResult parse(String text, LocalDate today) {
    checkArgument(text != null, "the MRZ text is missing");
    checkArgument(text.length() <= MAX_TEXT, "an MRZ text has at most %s characters", MAX_TEXT);
    return parse(splitLines(text), today);
  }

  /** The text's lines: split at line breaks and at a literal backslash-n, whitespace removed, blanks dropped. */
  public static List<String> splitLines(String text) {
    return Arrays.stream(text.replace("\\n", "\n").split("\\R"))
        .map(l -> l.replaceAll("\\s+", ""))
        .filter(l -> !l.isEmpty())
        .toList();
  }

  /**
   * Parses a zone given as its lines.
   *
   * @param today the day expiry is judged against
   * @throws BonafideException ({@link ErrorCode#VALIDATION_FAILED}) when the lines have no known
   *     format's shape
   */
  public static MrzResult parse(List<String> lines, LocalDate today) {
    checkArgument(lines != null && today != null, "the MRZ lines and the day are required");
    List<String> clean = lines.stream().map(l -> l.replaceAll("\\s+", "")).filter(l -> !l.isEmpty()).toList();
    List<MrzFormat> candidates = candidates(clean);
    if (candidates.isEmpty()) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "The text is not a machine-readable zone: "
              + clean.size()
              + " line(s) of length "
              + clean.stream().map(l -> String.valueOf(l.length())).toList()
              + "; known shapes are 3x30 (TD1), 2x36 (TD2, MRV-B, French ID), 2x44 (TD3, MRV-A), 1x30"
              + " (French driving licence) and 9/30/30 (Swiss driving licence).");
    }
    // Where two layouts share a shape (a French identity card and a TD2 both start IDFRA), the one
    // whose checks fail least wins; ties go to the first, the more specific one.
    return candidates.stream()
        .map(f -> parse(f, clean, today))
        .min(Comparator.comparingLong(r -> r.checks().stream().filter(c -> !c.passed()).count()))
        .orElseThrow();
  }

  /** The format these lines have the shape of, if any. */
  public static Optional<MrzFormat> detect(List<String> lines) {
    return candidates(lines).stream().findFirst();
  }

  static List<MrzFormat> candidates(List<String> lines) {
    List<Integer> lengths = lines.stream().map(String::length).toList();
    List<MrzFormat> shaped = new ArrayList<>();
    for (MrzFormat f : MrzFormat.values()) {
      if (f.lineLengths().equals(lengths)) {
        shaped.add(f);
      }
    }
    if (shaped.isEmpty()) {
      return shaped;
    }
    String first = lines.get(0);
    if (lengths.equals(MrzFormat.TD3.lineLengths())) {
      return List.of(first.startsWith("V") ? MrzFormat.MRVA : MrzFormat.TD3);
    }
    if (lengths.equals(MrzFormat.TD2.lineLengths())) {
      if (first.startsWith("V")) {
        return List.of(MrzFormat.MRVB);
      }
      return first.startsWith("IDFRA") ? List.of(MrzFormat.FRENCH_NATIONAL_ID, MrzFormat.TD2) : List.of(MrzFormat.TD2);
    }
    return shaped;
  }

  static MrzResult parse(MrzFormat format, List<String> lines, LocalDate today) {
    MrzFieldReader r = new MrzFieldReader(lines, today);
    switch (format) {
      case TD1 -> td1(r);
      case TD2 -> td2OrMrvb(r, false);
      case MRVB -> td2OrMrvb(r, true);
      case TD3 -> td3OrMrva(r, false);
      case MRVA -> td3OrMrva(r, true);
      case FRENCH_NATIONAL_ID -> frenchNationalId(r);
      case FRENCH_DRIVING_LICENSE -> frenchDrivingLicence(r);
      case SWISS_DRIVING_LICENSE -> swissDrivingLicence(r);
    }
    return new MrzResult(format, lines, r.fields(), checks(r.fields(), today));
  }

  private static boolean idCardCode(String raw) {
    // ICAO 9303 part 5/6: A, C or I, then a letter at the state's discretion other than V, or a filler.
    return raw.matches("[ACI][A-Z<]") && raw.charAt(1) != 'V';
  }

  private static void td1(MrzFieldReader r) {
    r.code("documentCode", 0, 0, 2, Mrz::idCardCode, "A, C or I, then a letter other than V or <");
    r.country("issuingState", 0, 2, 5);
    r.documentNumber(0, 5, 0, 15, 30);
    r.text("optionalData1", 0, 15, 30);
    r.date("birthDate", 1, 0, 6, DateRole.BIRTH);
    r.check("birthDateCheckDigit", 1, 6, List.of(new Span(1, 0, 6)), false);
    r.sex("sex", 1, 7);
    r.date("expirationDate", 1, 8, 14, DateRole.EXPIRY);
    r.check("expirationDateCheckDigit", 1, 14, List.of(new Span(1, 8, 14)), false);
    r.country("nationality", 1, 15, 18);
    r.text("optionalData2", 1, 18, 29);
    r.check(
        "compositeCheckDigit", 1, 29,
        List.of(new Span(0, 5, 30), new Span(1, 0, 7), new Span(1, 8, 15), new Span(1, 18, 29)), false);
    r.name(2, 0, 30);
  }

  private static void td2OrMrvb(MrzFieldReader r, boolean visa) {
    if (visa) {
      r.code("documentCode", 0, 0, 2, raw -> raw.matches("V[A-Z<]"), "V, then a letter or <");
    } else {
      r.code("documentCode", 0, 0, 2, Mrz::idCardCode, "A, C or I, then a letter other than V or <");
    }
    r.country("issuingState", 0, 2, 5);
    r.name(0, 5, 36);
    if (visa) {
      r.text("documentNumber", 1, 0, 9);
      r.check("documentNumberCheckDigit", 1, 9, List.of(new Span(1, 0, 9)), false);
    } else {
      r.documentNumber(1, 0, 1, 28, 35);
    }
    holderLine(r, visa ? 36 : 35);
    if (!visa) {
      r.check("compositeCheckDigit", 1, 35, List.of(new Span(1, 0, 10), new Span(1, 13, 20), new Span(1, 21, 35)), false);
    }
  }

  private static void td3OrMrva(MrzFieldReader r, boolean visa) {
    if (visa) {
      r.code("documentCode", 0, 0, 2, raw -> raw.matches("V[A-Z<]"), "V, then a letter or <");
    } else {
      r.code("documentCode", 0, 0, 2, raw -> raw.matches("P[A-Z<]"), "P, then a letter or <");
    }
    r.country("issuingState", 0, 2, 5);
    r.name(0, 5, 44);
    r.text("documentNumber", 1, 0, 9);
    r.check("documentNumberCheckDigit", 1, 9, List.of(new Span(1, 0, 9)), false);
    if (visa) {
      holderLine(r, 44);
      return;
    }
    r.country("nationality", 1, 10, 13);
    holderDates(r);
    r.text("personalNumber", 1, 28, 42);
    r.check("personalNumberCheckDigit", 1, 42, List.of(new Span(1, 28, 42)), true);
    r.check("compositeCheckDigit", 1, 43, List.of(new Span(1, 0, 10), new Span(1, 13, 20), new Span(1, 21, 43)), false);
  }

  /** Nationality, birth, sex, expiry and optional data from column 10 of a 2-line zone's second line. */
  private static void holderLine(MrzFieldReader r, int optionalEnd) {
    r.country("nationality", 1, 10, 13);
    holderDates(r);
    r.text("optionalData", 1, 28, optionalEnd);
  }

  private static void holderDates(MrzFieldReader r) {
    r.date("birthDate", 1, 13, 19, DateRole.BIRTH);
    r.check("birthDateCheckDigit", 1, 19, List.of(new Span(1, 13, 19)), false);
    r.sex("sex", 1, 20);
    r.date("expirationDate", 1, 21, 27, DateRole.EXPIRY);
    r.check("expirationDateCheckDigit", 1, 27, List.of(new Span(1, 21, 27)), false);
  }

  /**
   * The French identity card of 1988-2021: line 1 holds the surname and the issuing department and
   * office; line 2 the 12-character card number (issue year and month, department, office, serial),
   * given names, birth date and sex. There is no expiry date.
   */
  private static void frenchNationalId(MrzFieldReader r) {
    r.code("documentCode", 0, 0, 2, raw -> raw.equals("ID"), "ID");
    r.country("issuingState", 0, 2, 5, Set.of("FRA"));
    r.alphaName("lastName", 0, 5, 30);
    r.text("administrativeCode", 0, 30, 36);
    r.text("documentNumber", 1, 0, 12);
    r.date("issueDate", 1, 0, 4, DateRole.ISSUE);
    r.text("issuingOffice", 1, 4, 7);
    r.digits("serialNumber", 1, 7, 12);
    r.check("documentNumberCheckDigit", 1, 12, List.of(new Span(1, 0, 12)), false);
    r.alphaName("firstName", 1, 13, 27);
    r.date("birthDate", 1, 27, 33, DateRole.BIRTH);
    r.check("birthDateCheckDigit", 1, 33, List.of(new Span(1, 27, 33)), false);
    r.sex("sex", 1, 34);
    r.check("compositeCheckDigit", 1, 35, List.of(new Span(0, 0, 36), new Span(1, 0, 35)), false);
  }

  /**
   * The French driving licence of 2013 onwards: one line of 30 with the document code ({@code D}
   * and the layout version; {@code A} and {@code B} occur too), the state, the licence number and
   * its check digit (over the code, state and number), a date, the first eight letters of the
   * surname and a check digit over the whole line.
   */
  private static void frenchDrivingLicence(MrzFieldReader r) {
    r.code("documentCode", 0, 0, 2, raw -> raw.matches("[ABD][0-9]"), "A, B or D, then a digit");
    r.country("issuingState", 0, 2, 5);
    r.text("documentNumber", 0, 5, 14);
    r.check("documentNumberCheckDigit", 0, 14, List.of(new Span(0, 0, 14)), false);
    r.date("expirationDate", 0, 15, 21, DateRole.EXPIRY);
    r.alphaName("lastName", 0, 21, 29);
    r.check("compositeCheckDigit", 0, 29, List.of(new Span(0, 0, 29)), false);
  }

  /**
   * The Swiss driving licence (also Liechtenstein's): line 1 the licence number (three letters or
   * digits, three digits, the language D, F, I or R) and fillers; line 2 {@code FA}, the state, the
   * PIN, the version and the birth date between fillers; line 3 the name. It has no check digits,
   * so the shape of every field is all there is to check.
   */
  private static void swissDrivingLicence(MrzFieldReader r) {
    r.text("documentNumber", 0, 0, 7, "[A-Z0-9]{3}[0-9]{3}[DFIR]", "three letters or digits, three digits, then D, F, I or R");
    r.text("languageCode", 0, 6, 7, "[DFIR]", "D, F, I or R");
    r.filler("separator1", 0, 7, 9);
    r.code("documentCode", 1, 0, 2, raw -> raw.equals("FA"), "FA");
    r.country("issuingState", 1, 2, 5, Set.of("CHE", "LIE"));
    r.digits("pinCode", 1, 5, 14);
    r.digits("versionNumber", 1, 14, 17);
    r.filler("separator2", 1, 17, 19);
    r.date("birthDate", 1, 19, 25, DateRole.BIRTH);
    r.filler("separator3", 1, 25, 30);
    r.name(2, 0, 30);
  }

  /** Check ids, in the order of importance of their reasons. */
  private static final Map<MrzField.Kind, String> CHECK_IDS = new EnumMap<>(MrzField.Kind.class);

  static {
    CHECK_IDS.put(MrzField.Kind.CHECK, "mrz-check-digits");
    CHECK_IDS.put(MrzField.Kind.DATE, "mrz-dates");
    CHECK_IDS.put(MrzField.Kind.COUNTRY, "mrz-countries");
    CHECK_IDS.put(MrzField.Kind.CODE, "mrz-document-code");
    CHECK_IDS.put(MrzField.Kind.NAME, "mrz-names");
  }

  private static String checkId(MrzField.Kind kind) {
    return CHECK_IDS.getOrDefault(kind, "mrz-characters");
  }

  private static DocumentReason checkReason(String id) {
    return switch (id) {
      case "mrz-check-digits" -> DocumentReason.MRZ_CHECK_DIGIT;
      case "mrz-dates" -> DocumentReason.MRZ_INVALID_DATE;
      case "mrz-countries" -> DocumentReason.MRZ_INVALID_COUNTRY;
      case "mrz-document-code" -> DocumentReason.MRZ_INVALID_DOCUMENT_TYPE;
      case "mrz-names" -> DocumentReason.MRZ_INVALID_NAME;
      default -> DocumentReason.MRZ_MALFORMED;
    };
  }

  /** One check per rule kind, listing the fields it looked at and what failed; then expiry. */
  private static List<DocumentCheck> checks(List<MrzField> fields, LocalDate today) {
    Map<String, List<MrzField>> byCheck = new LinkedHashMap<>();
    for (MrzField f : fields) {
      byCheck.computeIfAbsent(checkId(f.kind()), k -> new ArrayList<>()).add(f);
    }
    List<DocumentCheck> checks = new ArrayList<>();
    byCheck.forEach(
        (id, checked) -> {
          List<Map<String, Object>> failed = new ArrayList<>();
          for (MrzField f : checked) {
            if (!f.valid()) {
              failed.add(Map.of("field", f.name(), "problem", f.problem()));
            }
          }
          Map<String, Object> details =
              Map.of("fields", checked.stream().map(MrzField::name).distinct().toList(), "failed", failed);
          checks.add(
              failed.isEmpty()
                  ? DocumentCheck.pass(id, 1.0, details)
                  : DocumentCheck.fail(id, 1.0 - (double) failed.size() / checked.size(), checkReason(id), details));
        });
    checks.sort(Comparator.comparingInt(c -> checkReason(c.id()).ordinal()));
    fields.stream()
        .filter(f -> f.name().equals("expirationDate") && f.date() != null)
        .findFirst()
        .ifPresent(
            f -> {
              Map<String, Object> details = Map.of("expirationDate", f.date().toString(), "today", today.toString());
              checks.add(
                  f.date().isBefore(today)
                      ? DocumentCheck.fail(MrzResult.EXPIRY_CHECK, 0.0, DocumentReason.DOCUMENT_EXPIRED, details)
                      : DocumentCheck.pass(MrzResult.EXPIRY_CHECK, 1.0, details));
            });
    return checks;
  }
}
