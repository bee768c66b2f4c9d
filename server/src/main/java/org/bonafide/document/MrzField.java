package org.bonafide.document;

import java.time.LocalDate;
import java.util.List;

/**
 * One field read from an MRZ.
 *
 * @param name the field's name ({@code documentNumber}, {@code birthDate}, ...; docs/mrz.md)
 * @param kind what the field holds, which decides the characters it may contain
 * @param line the line it was read from (0-based)
 * @param start its first column (0-based)
 * @param end the column after its last
 * @param raw the characters as printed, fillers included (a document number that continues in
 *     the optional data: both parts joined)
 * @param value the value: fillers trimmed and inner fillers as spaces; a date as printed
 *     ({@code YYMMDD}); the sex as {@code male}, {@code female} or {@code unspecified}
 * @param date the calendar date of a date field, its century resolved; null otherwise or when
 *     the date is impossible
 * @param valid whether the field passed its check
 * @param reason why not, when not valid
 * @param problem what is wrong, in words, when not valid
 * @param covers for a check digit, the spans of the MRZ it protects; for a document number that
 *     continues in the optional data, its two parts; empty otherwise
 */
public record MrzField(
    String name,
    Kind kind,
    int line,
    int start,
    int end,
    String raw,
    String value,
    LocalDate date,
    boolean valid,
    DocumentReason reason,
    String problem,
    List<Span> covers) {
  public MrzField {
    covers = List.copyOf(covers);
  }

  /** What a field holds. */
  public enum Kind {
    /** The document code ({@code P<}, {@code ID}, ...). */
    CODE,
    /** A state or nationality code. */
    COUNTRY,
    /** A name: letters and fillers. */
    NAME,
    /** Letters, digits and fillers (document numbers, optional data). */
    TEXT,
    /** Digits only. */
    DIGITS,
    /** A date, {@code YYMMDD} (or {@code YYMM}). */
    DATE,
    /** {@code M}, {@code F}, {@code X} or {@code <}. */
    SEX,
    /** A check digit. */
    CHECK,
    /** Fillers only. */
    FILLER
  }

  /** A run of characters on one line, {@code [start, end)}. */
  public record Span(int line, int start, int end) {}
}
