package org.bonafide.document;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.bonafide.document.MrzField.Kind;
import org.bonafide.document.MrzField.Span;

/**
 * Reads the fields of one zone whose lines already have its format's lengths, checking each as it
 * goes. A field that breaks its rule is kept, marked invalid with the reason and the problem.
 */
final class MrzFieldReader {
  /** How far ahead an expiry date may lie; a two-digit year further out belongs to the past century. */
  static final int EXPIRY_YEARS_AHEAD = 20;

  /** Dates resolve their two-digit year differently: a birth or issue lies in the past. */
  enum DateRole {
    BIRTH,
    ISSUE,
    EXPIRY
  }

  private final List<String> lines;
  private final LocalDate today;
  private final List<MrzField> fields = new ArrayList<>();

  MrzFieldReader(List<String> lines, LocalDate today) {
    this.lines = lines;
    this.today = today;
  }

  List<MrzField> fields() {
    return fields;
  }

  String raw(int line, int start, int end) {
    return lines.get(line).substring(start, end);
  }

  /** The value a field shows: trailing fillers trimmed, inner runs of fillers as one space. */
  static String clean(String raw) {
    return raw.replace('<', ' ').trim().replaceAll(" +", " ");
  }

  private MrzField add(
      String name, Kind kind, int line, int start, int end, String value, LocalDate date, DocumentReason reason, String problem, List<Span> covers) {
    MrzField f =
        new MrzField(name, kind, line, start, end, raw(line, start, end), value, date, problem == null, problem == null ? null : reason, problem, covers);
    fields.add(f);
    return f;
  }

  MrzField code(String name, int line, int start, int end, Predicate<String> rule, String ruleText) {
    String raw = raw(line, start, end);
    String problem = rule.test(raw) ? null : "document code '" + raw + "' breaks the rule: " + ruleText;
    return add(name, Kind.CODE, line, start, end, clean(raw), null, DocumentReason.MRZ_INVALID_DOCUMENT_TYPE, problem, List.of());
  }

  MrzField country(String name, int line, int start, int end) {
    return country(name, line, start, end, null);
  }

  /** A state code that must also be one of {@code allowed} (null: any ICAO code). */
  MrzField country(String name, int line, int start, int end, Set<String> allowed) {
    String raw = raw(line, start, end);
    String code = IcaoCountries.stripFillers(raw);
    String problem = null;
    if (!IcaoCountries.isKnown(raw)) {
      problem = "'" + raw + "' is not an ICAO state or nationality code";
    } else if (allowed != null && !allowed.contains(code)) {
      problem = "'" + code + "' does not issue this document; expected one of " + new TreeSet<>(allowed);
    }
    return add(name, Kind.COUNTRY, line, start, end, code, null, DocumentReason.MRZ_INVALID_COUNTRY, problem, List.of());
  }

  /** Letters, digits and fillers. */
  MrzField text(String name, int line, int start, int end) {
    String raw = raw(line, start, end);
    String problem = raw.matches("[A-Z0-9<]*") ? null : "'" + raw + "' holds characters other than A-Z, 0-9 and <";
    return add(name, Kind.TEXT, line, start, end, clean(raw), null, DocumentReason.MRZ_MALFORMED, problem, List.of());
  }

  /** Text that must also match {@code pattern}. */
  MrzField text(String name, int line, int start, int end, String pattern, String ruleText) {
    String raw = raw(line, start, end);
    String problem = raw.matches(pattern) ? null : "'" + raw + "' breaks the rule: " + ruleText;
    return add(name, Kind.TEXT, line, start, end, clean(raw), null, DocumentReason.MRZ_MALFORMED, problem, List.of());
  }

  MrzField digits(String name, int line, int start, int end) {
    String raw = raw(line, start, end);
    String problem = raw.matches("[0-9]+") ? null : "'" + raw + "' must be digits";
    return add(name, Kind.DIGITS, line, start, end, raw, null, DocumentReason.MRZ_MALFORMED, problem, List.of());
  }

  MrzField filler(String name, int line, int start, int end) {
    String raw = raw(line, start, end);
    String problem = raw.matches("<+") ? null : "'" + raw + "' must be fillers (<)";
    return add(name, Kind.FILLER, line, start, end, "", null, DocumentReason.MRZ_MALFORMED, problem, List.of());
  }

  MrzField sex(String name, int line, int start) {
    String raw = raw(line, start, start + 1);
    String value =
        switch (raw) {
          case "M" -> "male";
          case "F" -> "female";
          case "X", "<" -> "unspecified";
          default -> null;
        };
    String problem = value != null ? null : "sex '" + raw + "' must be M, F, X or <";
    return add(name, Kind.SEX, line, start, start + 1, value == null ? raw : value, null, DocumentReason.MRZ_MALFORMED, problem, List.of());
  }

  /** A date: {@code YYMMDD}, or {@code YYMM} for an issue month. */
  MrzField date(String name, int line, int start, int end, DateRole role) {
    String raw = raw(line, start, end);
    LocalDate date = null;
    String problem = null;
    if (!raw.matches("[0-9]+")) {
      problem = "date '" + raw + "' must be digits";
    } else {
      int yy = Integer.parseInt(raw.substring(0, 2));
      int month = Integer.parseInt(raw.substring(2, 4));
      int day = raw.length() >= 6 ? Integer.parseInt(raw.substring(4, 6)) : 1;
      try {
        date = resolveCentury(yy, month, day, role);
      } catch (DateTimeException e) {
        problem = "date '" + raw + "' does not exist";
      }
    }
    return add(name, Kind.DATE, line, start, end, raw, date, DocumentReason.MRZ_INVALID_DATE, problem, List.of());
  }

  /**
   * Births and issues lie in the past, so the latest century that does not put them in the future
   * wins; an expiry may lie up to {@link #EXPIRY_YEARS_AHEAD} years ahead.
   */
  private LocalDate resolveCentury(int yy, int month, int day, DateRole role) {
    int century = today.getYear() / 100 * 100;
    int limitYear = role == DateRole.EXPIRY ? today.getYear() + EXPIRY_YEARS_AHEAD : today.getYear();
    int year = century + yy;
    if (year > limitYear) {
      year -= 100;
    }
    // A date that does not exist in the chosen year (29 February) does not exist in the other
    // century either, except 2000/1900: checked on the chosen year, as printed.
    LocalDate date = LocalDate.of(year, month, day);
    if (role != DateRole.EXPIRY && date.isAfter(today)) {
      date = date.minusYears(100);
    }
    return date;
  }

  /**
   * A name field: primary identifier, {@code <<}, secondary identifier; only letters and fillers.
   * Adds {@code lastName} and {@code firstName}.
   */
  void name(int line, int start, int end) {
    String raw = raw(line, start, end);
    int split = raw.indexOf("<<");
    String primary = split < 0 ? raw : raw.substring(0, split);
    String secondary = split < 0 ? "" : raw.substring(split + 2);
    String problem = null;
    if (!raw.matches("[A-Z<]+")) {
      problem = "the name field '" + raw + "' holds characters other than A-Z and <";
    } else if (clean(raw).isEmpty()) {
      problem = "the name field is empty";
    }
    int secondaryStart = split < 0 ? end : start + split + 2;
    add("lastName", Kind.NAME, line, start, split < 0 ? end : start + split, clean(primary), null, DocumentReason.MRZ_INVALID_NAME, problem, List.of());
    add("firstName", Kind.NAME, line, secondaryStart, end, clean(secondary), null, DocumentReason.MRZ_INVALID_NAME, problem, List.of());
  }

  /** A single-identifier name field in a national layout (letters and fillers). */
  MrzField alphaName(String name, int line, int start, int end) {
    String raw = raw(line, start, end);
    String problem = raw.matches("[A-Z<]+") ? null : "the name field '" + raw + "' holds characters other than A-Z and <";
    return add(name, Kind.NAME, line, start, end, clean(raw), null, DocumentReason.MRZ_INVALID_NAME, problem, List.of());
  }

  /**
   * A check digit at {@code (line, position)} over the concatenated spans.
   *
   * @param fillerWhenEmpty whether {@code <} (or 0) stands for the check digit of an all-filler
   *     field, as ICAO allows for the optional personal number
   */
  MrzField check(String name, int line, int position, List<Span> covers, boolean fillerWhenEmpty) {
    return checkEither(name, line, position, List.of(covers), fillerWhenEmpty);
  }

  /**
   * A check digit that issuers compute over one of several spellings of the same data; it verifies
   * when any of them does, and the field records the spans that verified (else the first).
   */
  MrzField checkEither(String name, int line, int position, List<List<Span>> alternatives, boolean fillerWhenEmpty) {
    String raw = raw(line, position, position + 1);
    char digit = raw.charAt(0);
    String firstData = null;
    for (List<Span> covers : alternatives) {
      String data = text(covers);
      firstData = firstData == null ? data : firstData;
      boolean ok =
          fillerWhenEmpty && data.chars().allMatch(c -> c == '<')
              ? digit == '<' || digit == '0'
              : CheckDigit.verifies(data, digit);
      if (ok) {
        return add(name, Kind.CHECK, line, position, position + 1, raw, null, DocumentReason.MRZ_CHECK_DIGIT, null, covers);
      }
    }
    String data = firstData;
    String expected = data.chars().allMatch(c -> CheckDigit.value((char) c) >= 0) ? String.valueOf(CheckDigit.compute(data)) : "none (bad characters)";
    String problem = "check digit '" + raw + "' does not verify '" + data + "' (expected " + expected + ")";
    return add(name, Kind.CHECK, line, position, position + 1, raw, null, DocumentReason.MRZ_CHECK_DIGIT, problem, alternatives.get(0));
  }

  private String text(List<Span> spans) {
    StringBuilder data = new StringBuilder();
    for (Span s : spans) {
      data.append(raw(s.line(), s.start(), s.end()));
    }
    return data.toString();
  }

  /**
   * The document number of a TD1 or TD2 zone, with ICAO 9303's long-number rule: a number longer
   * than nine characters continues into the optional data, the check-digit position holds a
   * filler, and the last character before the optional data's next filler is the check digit.
   */
  void documentNumber(int line, int start, int optionalLine, int optionalStart, int optionalEnd) {
    int checkPos = start + 9;
    String optional = raw(optionalLine, optionalStart, optionalEnd);
    int overflow = optional.indexOf('<');
    if (overflow < 0) {
      overflow = optional.length();
    }
    if (raw(line, checkPos, checkPos + 1).equals("<") && overflow >= 2) {
      Span head = new Span(line, start, checkPos);
      Span tail = new Span(optionalLine, optionalStart, optionalStart + overflow - 1);
      String number = raw(line, start, checkPos) + raw(optionalLine, optionalStart, optionalStart + overflow - 1);
      String problem = number.matches("[A-Z0-9<]+") ? null : "'" + number + "' holds characters other than A-Z, 0-9 and <";
      fields.add(
          new MrzField(
              "documentNumber", Kind.TEXT, line, start, checkPos, number, clean(number), null, problem == null,
              problem == null ? null : DocumentReason.MRZ_MALFORMED, problem, List.of(head, tail)));
      // Issuers differ on whether the filler in the check-digit position is part of the checked
      // data (ICAO 9303's own example verifies either way); both spellings occur on issued cards.
      Span headWithFiller = new Span(line, start, checkPos + 1);
      checkEither(
          "documentNumberCheckDigit", optionalLine, optionalStart + overflow - 1,
          List.of(List.of(head, tail), List.of(headWithFiller, tail)), false);
    } else {
      text("documentNumber", line, start, checkPos);
      check("documentNumberCheckDigit", line, checkPos, List.of(new Span(line, start, checkPos)), false);
    }
  }
}
