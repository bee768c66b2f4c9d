package org.bonafide.document;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The codes an MRZ may carry for a state, an organisation or a nationality (ICAO 9303 part 3):
 * every ISO 3166-1 alpha-3 code (from the JDK's table, so it follows ISO updates) plus ICAO's own
 * codes. A code shorter than three letters is padded with fillers in the MRZ ({@code D<<}).
 */
public final class IcaoCountries {
  /**
   * ICAO additions to ISO 3166: Germany's one-letter code, the British nationality categories,
   * the United Nations and other organisations, Kosovo as ICAO records it, and the stateless,
   * refugee and unspecified nationalities.
   */
  private static final Set<String> ICAO_SPECIAL =
      Set.of(
          "D", // Germany
          "GBD", // British Overseas Territories citizen
          "GBN", // British National (Overseas)
          "GBO", // British Overseas citizen
          "GBP", // British protected person
          "GBS", // British subject
          "UNO", // United Nations Organization official
          "UNA", // United Nations specialized agency official
          "UNK", // resident of Kosovo under UN administration
          "RKS", // Kosovo
          "EUE", // European Union
          "XBA", // African Development Bank
          "XIM", // African Export-Import Bank
          "XCC", // Caribbean Community
          "XCE", // Council of Europe
          "XCO", // Common Market for Eastern and Southern Africa
          "XEC", // Economic Community of West African States
          "XES", // Organisation of Eastern Caribbean States
          "XMP", // Parliament of the Mediterranean
          "XOM", // Sovereign Military Order of Malta
          "XDC", // Southern African Development Community
          "XPO", // Interpol
          "XXA", // stateless person
          "XXB", // refugee (1951 Convention)
          "XXC", // refugee (other)
          "XXX"); // unspecified nationality

  private static final Set<String> CODES = codes();

  private IcaoCountries() {}

  private static Set<String> codes() {
    Set<String> all = new TreeSet<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));
    all.addAll(ICAO_SPECIAL);
    return Set.copyOf(all);
  }

  /** Whether {@code code} (trailing fillers allowed, as printed in the MRZ) is an ICAO code. */
  public static boolean isKnown(String code) {
    return code != null && CODES.contains(stripFillers(code));
  }

  static String stripFillers(String code) {
    int end = code.length();
    while (end > 0 && code.charAt(end - 1) == '<') {
      end--;
    }
    return code.substring(0, end);
  }
}
