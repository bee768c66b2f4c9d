package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bonafide.document.MrzField.Kind;
import org.bonafide.document.MrzField.Span;

/**
 * Repairs the confusions OCR makes in an MRZ, guided by what each position must hold and by the
 * check digits (docs/mrz.md, "Correction"):
 *
 * <ol>
 *   <li>shape: characters outside {@code A-Z0-9<} become fillers; lines are padded with fillers or
 *       cut at the end to the length of the format their count and lengths come closest to;
 *   <li>type: in dates, check digits and numeric fields a letter that looks like a digit becomes
 *       that digit ({@code O→0, I→1, S→5, B→8, Z→2, G→6}, and {@code D, Q→0}); in country codes,
 *       names and the sex a digit becomes the letter it looks like;
 *   <li>check digits: where a document number, personal number or optional data fails its check
 *       digit, the look-alike characters in it are swapped, at most {@value #MAX_SWAPS} at a time
 *       among at most {@value #MAX_AMBIGUOUS} positions; a swap set is applied only when it is the
 *       one smallest set that makes the check digit (and the composite, where there is one) verify.
 * </ol>
 *
 * It never changes a character that its field's rule and check digits already accept.
 */
public final class MrzCorrection {
  static final int MAX_SWAPS = 3;
  static final int MAX_AMBIGUOUS = 12;

  private static final Map<Character, Character> TO_DIGIT =
      Map.of('O', '0', 'D', '0', 'Q', '0', 'I', '1', 'L', '1', 'S', '5', 'B', '8', 'Z', '2', 'G', '6');
  private static final Map<Character, Character> TO_LETTER =
      Map.of('0', 'O', '1', 'I', '5', 'S', '8', 'B', '2', 'Z', '6', 'G');

  /** A fixed day: correction does not depend on expiry, only on a date's existence. */
  private static final LocalDate ANY_DAY = LocalDate.of(2000, 1, 1);

  private MrzCorrection() {}

  /**
   * The corrected lines and what was changed, one entry per change ({@code line 2 col 14: 'O' -> '0'
   * (birthDate expects digits)}, lines and columns 1-based).
   */
  public record Corrected(List<String> lines, List<String> corrections) {
    public Corrected {
      lines = List.copyOf(lines);
      corrections = List.copyOf(corrections);
    }
  }

  /**
   * Corrects candidate MRZ lines. Lines that match no format even after padding come back with
   * only the shape repairs and an entry saying so; {@link Mrz#parse} then rejects them.
   */
  public static Corrected correct(List<String> candidateLines) {
    checkArgument(candidateLines != null, "the MRZ lines are required");
    List<String> corrections = new ArrayList<>();
    List<String> lines = shape(candidateLines, corrections);
    if (Mrz.candidates(lines).isEmpty()) {
      corrections.add("no MRZ format fits " + lines.size() + " line(s); nothing else corrected");
      return new Corrected(lines, corrections);
    }
    // Formats that share a shape (TD2, MRV-B and the French identity card) are told apart by their
    // first characters, which OCR may have misread too: each is tried, the fewest failed checks win.
    Corrected best = null;
    long bestFailures = Long.MAX_VALUE;
    for (MrzFormat format : MrzFormat.values()) {
      if (!format.lineLengths().equals(lines.stream().map(String::length).toList())) {
        continue;
      }
      List<String> changes = new ArrayList<>(corrections);
      StringBuilder[] chars = lines.stream().map(StringBuilder::new).toArray(StringBuilder[]::new);
      byType(format, chars, changes);
      byCheckDigits(format, chars, changes);
      List<String> fixed = List.of(chars).stream().map(StringBuilder::toString).toList();
      long failures = Mrz.candidates(fixed).contains(format)
          ? parse(format, chars).fields().stream().filter(f -> !f.valid()).count()
          : Long.MAX_VALUE - 1;
      if (failures < bestFailures) {
        bestFailures = failures;
        best = new Corrected(fixed, changes);
      }
    }
    return best;
  }

  private static List<String> shape(List<String> input, List<String> corrections) {
    List<String> lines = new ArrayList<>();
    for (String raw : input) {
      String l = raw == null ? "" : raw.replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
      StringBuilder b = new StringBuilder(l.length());
      for (int i = 0; i < l.length(); i++) {
        char c = l.charAt(i);
        b.append(CheckDigit.value(c) >= 0 ? c : '<');
      }
      if (!b.toString().equals(l)) {
        corrections.add("line " + (lines.size() + 1) + ": characters outside A-Z, 0-9 and < read as <");
      }
      if (!b.isEmpty()) {
        lines.add(b.toString());
      }
    }
    if (lines.size() > 3) {
      // Text around the zone (a printed label, the visual zone): the zone is its longest lines, last.
      List<String> longLines = lines.stream().filter(l -> l.length() >= 25).toList();
      lines = new ArrayList<>(longLines.subList(Math.max(0, longLines.size() - 3), longLines.size()));
      corrections.add("kept the last " + lines.size() + " long line(s)");
    }
    List<Integer> target = targetLengths(lines);
    if (target == null) {
      return lines;
    }
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      int want = target.get(i);
      if (l.length() < want) {
        lines.set(i, l + "<".repeat(want - l.length()));
        corrections.add("line " + (i + 1) + ": padded with " + (want - l.length()) + " filler(s) to " + want);
      } else if (l.length() > want) {
        lines.set(i, l.substring(0, want));
        corrections.add("line " + (i + 1) + ": cut " + (l.length() - want) + " trailing character(s) to " + want);
      }
    }
    return lines;
  }

  /** The line lengths of the format closest to these lines, or null when none has their count. */
  private static List<Integer> targetLengths(List<String> lines) {
    List<Integer> best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (MrzFormat f : MrzFormat.values()) {
      List<Integer> want = f.lineLengths();
      if (want.size() != lines.size()) {
        continue;
      }
      int distance = 0;
      for (int i = 0; i < want.size(); i++) {
        distance += Math.abs(want.get(i) - lines.get(i).length());
      }
      if (distance < bestDistance) {
        bestDistance = distance;
        best = want;
      }
    }
    return best;
  }

  private static MrzResult parse(MrzFormat format, StringBuilder[] chars) {
    return Mrz.parse(format, List.of(chars).stream().map(StringBuilder::toString).toList(), ANY_DAY);
  }

  private static void byType(MrzFormat format, StringBuilder[] chars, List<String> corrections) {
    for (MrzField f : parse(format, chars).fields()) {
      Map<Character, Character> swap =
          switch (f.kind()) {
            case DATE, DIGITS, CHECK -> TO_DIGIT;
            case COUNTRY, NAME, SEX -> TO_LETTER;
            case CODE -> TO_LETTER;
            default -> null;
          };
      if (swap == null || (f.valid() && f.kind() != Kind.NAME)) {
        // A valid field is left alone; a name is still cleaned, since a digit is never part of one.
        continue;
      }
      for (int col = f.start(); col < f.end(); col++) {
        char c = chars[f.line()].charAt(col);
        // The French driving licence's code is a letter and a digit (D1).
        Map<Character, Character> rule = format == MrzFormat.FRENCH_DRIVING_LICENSE && f.kind() == Kind.CODE && col == f.start() + 1 ? TO_DIGIT : swap;
        Character to = rule.get(c);
        if (to != null && !(f.kind() == Kind.CHECK && c == '<')) {
          chars[f.line()].setCharAt(col, to);
          corrections.add(describe(f.line(), col, c, to, f.name() + (rule == TO_DIGIT ? " expects digits" : " expects letters")));
        }
      }
    }
  }

  private static void byCheckDigits(MrzFormat format, StringBuilder[] chars, List<String> corrections) {
    List<String> checkNames =
        parse(format, chars).fields().stream().filter(f -> f.kind() == Kind.CHECK).map(MrzField::name).toList();
    // Field check digits first; the composite last, over what no other check digit covers.
    List<String> order = new ArrayList<>(checkNames.stream().filter(n -> !n.equals(COMPOSITE)).toList());
    if (checkNames.contains(COMPOSITE)) {
      order.add(COMPOSITE);
    }
    for (String name : order) {
      MrzResult result = parse(format, chars);
      MrzField check = result.field(name).orElseThrow();
      if (check.valid()) {
        continue;
      }
      List<int[]> ambiguous = new ArrayList<>();
      for (Span s : check.covers()) {
        for (int col = s.start(); col < s.end(); col++) {
          Optional<MrzField> owner = owner(result, s.line(), col);
          char c = chars[s.line()].charAt(col);
          boolean lookAlike = TO_DIGIT.containsKey(c) || TO_LETTER.containsKey(c);
          if (owner.isPresent() && owner.get().kind() == Kind.TEXT && lookAlike && !isCheckDigit(result, s.line(), col)
              && !(name.equals(COMPOSITE) && coveredByFieldCheck(result, s.line(), col))) {
            ambiguous.add(new int[] {s.line(), col});
          }
        }
      }
      if (ambiguous.isEmpty() || ambiguous.size() > MAX_AMBIGUOUS) {
        continue;
      }
      List<int[]> best = search(format, chars, name, ambiguous);
      if (best == null) {
        corrections.add(name + ": no unique look-alike swap makes it verify; left as read");
        continue;
      }
      for (int[] p : best) {
        char from = chars[p[0]].charAt(p[1]);
        char to = lookAlike(from);
        chars[p[0]].setCharAt(p[1], to);
        corrections.add(describe(p[0], p[1], from, to, name.replace("CheckDigit", "") + " check digit verifies"));
      }
    }
  }

  private static final String COMPOSITE = "compositeCheckDigit";

  private static boolean isCheckDigit(MrzResult result, int line, int col) {
    return result.fields().stream().anyMatch(f -> f.kind() == Kind.CHECK && f.line() == line && f.start() == col);
  }

  private static boolean coveredByFieldCheck(MrzResult result, int line, int col) {
    return result.fields().stream()
        .filter(f -> f.kind() == Kind.CHECK && !f.name().equals(COMPOSITE))
        .flatMap(f -> f.covers().stream())
        .anyMatch(s -> s.line() == line && s.start() <= col && col < s.end());
  }

  private static char lookAlike(char c) {
    Character d = TO_DIGIT.get(c);
    return d != null ? d : TO_LETTER.get(c);
  }

  /**
   * The smallest set of swaps that makes the named check digit (and the composite, where there is
   * one) verify; among several, the one whose swapped characters best match their neighbours' kind
   * and the kind most of the protected characters have (a digit among digits); null when there is
   * none or no single best. Data that only the composite protects gets one swap, and only a unique one.
   */
  private static List<int[]> search(MrzFormat format, StringBuilder[] chars, String checkName, List<int[]> ambiguous) {
    boolean hasComposite = parse(format, chars).field(COMPOSITE).isPresent();
    boolean compositeOnly = checkName.equals(COMPOSITE);
    // Data only the composite protects has one check against it: one swap, and only a unique one.
    int maxSwaps = compositeOnly ? 1 : MAX_SWAPS;
    for (int size = 1; size <= maxSwaps && size <= ambiguous.size(); size++) {
      List<List<int[]>> verifying = new ArrayList<>();
      for (List<int[]> subset : subsets(ambiguous, size)) {
        StringBuilder[] trial = copy(chars);
        for (int[] p : subset) {
          trial[p[0]].setCharAt(p[1], lookAlike(trial[p[0]].charAt(p[1])));
        }
        MrzResult r = parse(format, trial);
        boolean ok = r.field(checkName).map(MrzField::valid).orElse(false);
        // One check digit in ten verifies by chance; where there is a composite, it must agree too.
        if (ok && (!hasComposite || r.field(COMPOSITE).map(MrzField::valid).orElse(false))) {
          verifying.add(subset);
        }
      }
      if (verifying.size() == 1) {
        return verifying.get(0);
      }
      if (!verifying.isEmpty()) {
        return compositeOnly ? null : mostPlausible(chars, verifying, mostlyDigits(chars, ambiguous));
      }
    }
    return null;
  }

  /**
   * Whether most characters of the lines the swappable positions lie in, between their first and
   * last, are digits (fillers aside), as in most document numbers.
   */
  private static boolean mostlyDigits(StringBuilder[] chars, List<int[]> ambiguous) {
    int balance = 0;
    int[] first = ambiguous.get(0);
    int[] last = ambiguous.get(ambiguous.size() - 1);
    for (int line = first[0]; line <= last[0]; line++) {
      int from = line == first[0] ? first[1] : 0;
      int to = line == last[0] ? last[1] : chars[line].length() - 1;
      for (int col = from; col <= to; col++) {
        char c = chars[line].charAt(col);
        if (c != '<') {
          balance += Character.isDigit(c) ? 1 : -1;
        }
      }
    }
    return balance > 0;
  }

  private static List<int[]> mostPlausible(StringBuilder[] chars, List<List<int[]>> candidates, boolean mostlyDigits) {
    List<int[]> best = null;
    int bestScore = Integer.MIN_VALUE;
    boolean tie = false;
    for (List<int[]> c : candidates) {
      int score = 0;
      for (int[] p : c) {
        char to = lookAlike(chars[p[0]].charAt(p[1]));
        score += neighbourAgreement(chars[p[0]], p[1], to) - neighbourAgreement(chars[p[0]], p[1], chars[p[0]].charAt(p[1]));
        score += Character.isDigit(to) == mostlyDigits ? 1 : -1;
      }
      if (score > bestScore) {
        bestScore = score;
        best = c;
        tie = false;
      } else if (score == bestScore) {
        tie = true;
      }
    }
    return tie ? null : best;
  }

  /** How many of the two neighbours are of the same kind (digit or letter) as {@code c}. */
  private static int neighbourAgreement(StringBuilder line, int col, char c) {
    int n = 0;
    for (int j : new int[] {col - 1, col + 1}) {
      if (j >= 0 && j < line.length() && line.charAt(j) != '<' && Character.isDigit(line.charAt(j)) == Character.isDigit(c)) {
        n++;
      }
    }
    return n;
  }

  private static List<List<int[]>> subsets(List<int[]> items, int size) {
    List<List<int[]>> out = new ArrayList<>();
    collect(items, size, 0, new ArrayList<>(), out);
    return out;
  }

  private static void collect(List<int[]> items, int size, int from, List<int[]> current, List<List<int[]>> out) {
    if (current.size() == size) {
      out.add(List.copyOf(current));
      return;
    }
    for (int i = from; i < items.size(); i++) {
      current.add(items.get(i));
      collect(items, size, i + 1, current, out);
      current.remove(current.size() - 1);
    }
  }

  private static StringBuilder[] copy(StringBuilder[] chars) {
    StringBuilder[] out = new StringBuilder[chars.length];
    for (int i = 0; i < chars.length; i++) {
      out[i] = new StringBuilder(chars[i]);
    }
    return out;
  }

  private static Optional<MrzField> owner(MrzResult result, int line, int col) {
    return result.fields().stream()
        .filter(f -> f.kind() != Kind.CHECK && f.line() == line && f.start() <= col && col < f.end())
        .findFirst()
        .or(() -> result.fields().stream()
            .filter(f -> f.kind() == Kind.TEXT && f.covers().stream().anyMatch(s -> s.line() == line && s.start() <= col && col < s.end()))
            .findFirst());
  }

  private static String describe(int line, int col, char from, char to, String why) {
    return "line " + (line + 1) + " col " + (col + 1) + ": '" + from + "' -> '" + to + "' (" + why + ")";
  }
}
