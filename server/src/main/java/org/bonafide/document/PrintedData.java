package org.bonafide.document;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares the printed (visual) zone's text with the MRZ: a forger who edits one and not the other
 * (a new birth date typed into the MRZ, a surname pasted over the printed one) leaves them
 * disagreeing.
 *
 * <p>Every ICAO 9303 data page and card front prints the holder's surname and birth date, so those
 * two are required: when the printed text is legible (at least {@link #MIN_WORDS} words of three
 * letters or more were read) and either is not found, the check fails with {@link
 * DocumentReason#PRINTED_DATA_MISMATCH}. The document number, given names and expiry date are
 * looked for and reported, not required (many cards print them on the back, or not at all). Text
 * too sparse to judge leaves the check passed with {@code legible: false}: OCR failing is not
 * evidence of forgery.
 *
 * <p>Matching is tolerant of OCR: names and numbers match a printed word within one edit per six
 * characters; names are compared both with diacritics removed and in the ICAO transliteration
 * ({@code Ü} as {@code UE}); a date matches day, month and year printed in that order or year
 * first, the month as digits or as an English, French, German or Spanish abbreviation, the year
 * with two or four digits ({@code 12 AUG 1974}, {@code 12 AUG/AOUT 74}, {@code 12.08.1974},
 * {@code 1974-08-12}).
 */
public final class PrintedData {
  static final String CHECK_ID = "printed-data";
  static final int MIN_WORDS = 3;
  private static final List<String> REQUIRED = List.of("lastName", "birthDate");
  private static final List<String> OPTIONAL = List.of("firstName", "documentNumber", "expirationDate");
  private static final int DATE_WINDOW = 4;

  private static final List<Set<String>> MONTHS =
      List.of(
          Set.of("JAN", "JANV", "JANVIER", "JANUARY", "JANUAR", "ENE", "ENERO"),
          Set.of("FEB", "FEV", "FEVR", "FEVRIER", "FEBRUARY", "FEBRUAR", "FEBRERO"),
          Set.of("MAR", "MARS", "MARCH", "MAERZ", "MARZ", "MARZO", "MRZ"),
          Set.of("APR", "AVR", "AVRIL", "APRIL", "ABR", "ABRIL"),
          Set.of("MAY", "MAI", "MAYO"),
          Set.of("JUN", "JUIN", "JUNE", "JUNI", "JUNIO"),
          Set.of("JUL", "JUIL", "JUILLET", "JULY", "JULI", "JULIO"),
          Set.of("AUG", "AOUT", "AUGUST", "AGO", "AGOSTO"),
          Set.of("SEP", "SEPT", "SEPTEMBRE", "SEPTEMBER", "SEPTIEMBRE"),
          Set.of("OCT", "OCTOBRE", "OCTOBER", "OKT", "OKTOBER", "OCTUBRE"),
          Set.of("NOV", "NOVEMBRE", "NOVEMBER", "NOVIEMBRE"),
          Set.of("DEC", "DECEMBRE", "DECEMBER", "DEZ", "DEZEMBER", "DIC", "DICIEMBRE"));

  private PrintedData() {}

  /** The {@code printed-data} check of the MRZ's fields against the printed text. */
  public static DocumentCheck compare(MrzResult mrz, String printedText) {
    List<List<String>> forms = List.of(words(plain(printedText)), words(transliterated(printedText)));
    long legibleWords = forms.get(0).stream().filter(w -> w.chars().filter(Character::isLetter).count() >= 3).count();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("legible", legibleWords >= MIN_WORDS);
    details.put("wordsRead", forms.get(0).size());
    List<String> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String name : concat(REQUIRED, OPTIONAL)) {
      MrzField field = mrz.field(name).orElse(null);
      if (field == null || !field.valid() || (field.value() == null && field.date() == null)) {
        continue;
      }
      boolean present =
          field.date() != null
              ? forms.stream().anyMatch(w -> hasDate(w, field.date()))
              : forms.stream().anyMatch(w -> hasWords(w, words(field.value())));
      (present ? found : missing).add(name);
    }
    details.put("found", found);
    details.put("notFound", missing);
    List<String> requiredMissing = missing.stream().filter(REQUIRED::contains).toList();
    double score = found.size() + missing.size() == 0 ? 1 : (double) found.size() / (found.size() + missing.size());
    if (legibleWords >= MIN_WORDS && !requiredMissing.isEmpty()) {
      details.put("disagreeing", requiredMissing);
      return DocumentCheck.fail(CHECK_ID, score, DocumentReason.PRINTED_DATA_MISMATCH, details);
    }
    return DocumentCheck.pass(CHECK_ID, score, details);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Upper case, diacritics removed. */
  static String plain(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT);
  }

  /** Upper case in the ICAO 9303 transliteration of the commonest Latin letters. */
  static String transliterated(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    upper =
        upper.replace("Ä", "AE").replace("Ö", "OE").replace("Ü", "UE").replace("ß", "SS").replace("ẞ", "SS")
            .replace("Å", "AA").replace("Æ", "AE").replace("Ø", "OE").replace("Œ", "OE").replace("Þ", "TH");
    return plain(upper);
  }

  /** The text's words: runs of letters and digits. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String w : text.toUpperCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  /** Whether the wanted words stand together, in order, each within the OCR tolerance. */
  private static boolean hasWords(List<String> text, List<String> wanted) {
    if (wanted.isEmpty()) {
      return false;
    }
    // a name or number may be printed with or without its spaces: also try it joined
    String joined = String.join("", wanted);
    for (int i = 0; i < text.size(); i++) {
      if (close(text.get(i), joined)) {
        return true;
      }
      int k = 0;
      while (k < wanted.size() && i + k < text.size() && close(text.get(i + k), wanted.get(k))) {
        k++;
      }
      if (k == wanted.size()) {
        return true;
      }
    }
    return false;
  }

  private static boolean close(String read, String wanted) {
    int allowed = wanted.length() / 6;
    return Math.abs(read.length() - wanted.length()) <= allowed && distance(read, wanted) <= allowed;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** Whether the date is printed: day, month, year (or year, month, day) within a few words. */
  static boolean hasDate(List<String> text, LocalDate date) {
    for (int i = 0; i < text.size(); i++) {
      if (isDay(text.get(i), date) && monthThenYear(text, i + 1, date, true)) {
        return true;
      }
      if (isYear(text.get(i), date, false) && monthThenYear(text, i + 1, date, false)) {
        return true;
      }
    }
    return false;
  }

  /** A month within the window after {@code from}, then (day first) a year or (year first) a day. */
  private static boolean monthThenYear(List<String> text, int from, LocalDate date, boolean dayFirst) {
    for (int m = from; m < Math.min(text.size(), from + 2); m++) {
      if (!isMonth(text.get(m), date)) {
        continue;
      }
      for (int y = m + 1; y < Math.min(text.size(), m + 1 + DATE_WINDOW - 1); y++) {
        if (dayFirst ? isYear(text.get(y), date, true) : isDay(text.get(y), date)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isDay(String word, LocalDate date) {
    return word.matches("\\d{1,2}") && Integer.parseInt(word) == date.getDayOfMonth();
  }

  private static boolean isMonth(String word, LocalDate date) {
    if (word.matches("\\d{1,2}")) {
      return Integer.parseInt(word) == date.getMonthValue();
    }
    return MONTHS.get(date.getMonthValue() - 1).contains(word);
  }

  private static boolean isYear(String word, LocalDate date, boolean twoDigits) {
    String year = String.valueOf(date.getYear());
    return word.equals(year) || (twoDigits && word.equals(year.substring(2)));
  }
}
