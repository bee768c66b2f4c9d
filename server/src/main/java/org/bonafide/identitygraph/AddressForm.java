package org.bonafide.identitygraph;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The canonical form of a postal address: a fixed sequence of plain text rules, each of which can be
 * explained to an analyst, so that the usual ways of writing one address meet and nothing is guessed.
 * Word order is kept (it carries meaning in an address); nothing is looked up.
 */
final class AddressForm {
  private AddressForm() {}

  /** Fewest letters and digits an address must keep to single out a place. */
  static final int MIN_CHARACTERS = 5;

  /** A dot inside an initialism ({@code N.T.}, {@code U.S.A.}) joins its letters rather than splitting them. */
  private static final Pattern INITIALISM_DOT = Pattern.compile("(?<=(?:^|[^\\p{L}\\p{N}])\\p{L})\\.(?=\\p{L}(?:[^\\p{L}\\p{N}]|$))");
  /** Apostrophes join ({@code JOHN'S} is {@code JOHNS}). */
  private static final Pattern APOSTROPHE = Pattern.compile("['\u2019\u02bc`]");
  /** Ordinal suffixes after a number ({@code 1ST}, {@code 22ND}, {@code 3RD}, {@code 4TH}) go. */
  private static final Pattern ORDINAL = Pattern.compile("(?<=\\d)(?:ST|ND|RD|TH)(?![\\p{L}\\p{N}])");
  private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
  /** Letters and digits written together split ({@code 12F} is {@code 12 F}, {@code TOWER1} is {@code TOWER 1}). */
  private static final Pattern LETTER_DIGIT = Pattern.compile("(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** Simplified forms of common address characters, written as their traditional form. */
  private static final Map<Character, Character> HAN_VARIANTS =
      Map.ofEntries(
          Map.entry('楼', '樓'),
          Map.entry('层', '層'),
          Map.entry('号', '號'),
          Map.entry('区', '區'),
          Map.entry('龙', '龍'),
          Map.entry('湾', '灣'),
          Map.entry('门', '門'),
          Map.entry('东', '東'),
          Map.entry('广', '廣'),
          Map.entry('厦', '廈'),
          Map.entry('栋', '棟'),
          Map.entry('贵', '貴'));

  /**
   * Each spelling of a word and its one canonical form. A form of several words is written with
   * spaces and becomes several tokens.
   */
  private static final Map<String, String> WORDS = words();

  /** Two-word names written as one canonical token. */
  private static final Map<String, String> PHRASES =
      Map.of(
          "HONG KONG", "HK",
          "NEW TERRITORIES", "NT",
          "LOWER G", "LG",
          "UPPER G", "UG");

  private static Map<String, String> words() {
    Map<String, String> w = new HashMap<>();
    put(w, "RD", "ROAD", "RD");
    put(w, "ST", "STREET", "STR", "ST");
    put(w, "AVE", "AVENUE", "AV", "AVE");
    put(w, "FL", "FLOOR", "FLR", "FL", "F");
    put(w, "UNIT", "FLAT", "FLT", "UNIT", "RM", "ROOM", "SUITE", "STE", "APARTMENT", "APT");
    put(w, "BLDG", "BUILDING", "BLDG", "BLD");
    put(w, "BLK", "BLOCK", "BLK");
    put(w, "TWR", "TOWER", "TWR");
    put(w, "EST", "ESTATE", "EST");
    put(w, "CT", "COURT", "CT");
    put(w, "GDN", "GARDEN", "GARDENS", "GDN", "GDNS");
    put(w, "CTR", "CENTRE", "CENTER", "CTR");
    put(w, "HSE", "HOUSE", "HSE");
    put(w, "MANS", "MANSION", "MANSIONS", "MANS");
    put(w, "IND", "INDUSTRIAL", "IND");
    put(w, "COMM", "COMMERCIAL", "COMM");
    put(w, "PLZ", "PLAZA", "PLZ");
    put(w, "SQ", "SQUARE", "SQ");
    put(w, "TER", "TERRACE", "TER", "TERR");
    put(w, "LN", "LANE", "LN");
    put(w, "DR", "DRIVE", "DR");
    put(w, "PL", "PLACE", "PL");
    put(w, "HWY", "HIGHWAY", "HWY");
    put(w, "BLVD", "BOULEVARD", "BLVD");
    put(w, "CRES", "CRESCENT", "CRES");
    put(w, "VLG", "VILLAGE", "VLG");
    put(w, "KLN", "KOWLOON", "KLN");
    put(w, "G", "GROUND", "G");
    put(w, "N", "NORTH", "N");
    put(w, "S", "SOUTH", "S");
    put(w, "E", "EAST", "E");
    put(w, "W", "WEST", "W");
    put(w, "G FL", "GF");
    put(w, "LG FL", "LGF");
    put(w, "UG FL", "UGF");
    return Map.copyOf(w);
  }

  private static void put(Map<String, String> words, String canonical, String... spellings) {
    for (String s : spellings) {
      if (words.put(s, canonical) != null) {
        throw new IllegalStateException("address word listed twice: " + s);
      }
    }
  }

  /** The canonical address, or refused with the reason. */
  static Normalised normalise(String raw) {
    String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
    boolean han = text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    if (han) {
      StringBuilder b = new StringBuilder(text.length());
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        b.append(HAN_VARIANTS.getOrDefault(c, c));
      }
      text = b.toString();
    }
    text = INITIALISM_DOT.matcher(text).replaceAll("");
    text = APOSTROPHE.matcher(text).replaceAll("");
    text = ORDINAL.matcher(text).replaceAll("");
    text = NOT_LETTER_OR_DIGIT.matcher(text).replaceAll(" ");
    text = LETTER_DIGIT.matcher(text).replaceAll(" ");
    List<String> tokens = new ArrayList<>();
    for (String token : WHITESPACE.split(text.strip())) {
      if (token.isEmpty()) {
        continue;
      }
      String plain = stripLeadingZeros(token);
      String word = WORDS.getOrDefault(plain, plain);
      for (String part : word.split(" ")) {
        tokens.add(part);
      }
    }
    tokens = phrases(dropNumberWords(tokens));
    long characters = tokens.stream().mapToLong(String::length).sum();
    if (characters < MIN_CHARACTERS) {
      return Normalised.refused(
          EntityKind.ADDRESS,
          "an address needs at least " + MIN_CHARACTERS + " letters or digits to single out a place");
    }
    if (!han && tokens.size() < 2) {
      return Normalised.refused(EntityKind.ADDRESS, "an address has at least two words");
    }
    // Chinese is written without spaces: removing them is the only way two spellings can meet.
    return Normalised.accepted(EntityKind.ADDRESS, String.join(han ? "" : " ", tokens));
  }

  /** {@code 05} is {@code 5}: a number keeps its value, not its padding. */
  private static String stripLeadingZeros(String token) {
    if (!token.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return token;
    }
    int i = 0;
    while (i < token.length() - 1 && token.charAt(i) == '0') {
      i++;
    }
    return token.substring(i);
  }

  /** {@code NO 8} and {@code NUMBER 8} are {@code 8}. */
  private static List<String> dropNumberWords(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      boolean numberWord = t.equals("NO") || t.equals("NUMBER");
      if (numberWord && i + 1 < tokens.size() && Character.isDigit(tokens.get(i + 1).charAt(0))) {
        continue;
      }
      out.add(t);
    }
    return out;
  }

  private static List<String> phrases(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      if (i + 1 < tokens.size()) {
        String phrase = PHRASES.get(tokens.get(i) + " " + tokens.get(i + 1));
        if (phrase != null) {
          for (String part : phrase.split(" ")) {
            out.add(part);
          }
          i++;
          continue;
        }
      }
      out.add(tokens.get(i));
    }
    return out;
  }
}
