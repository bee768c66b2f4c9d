package org.bonafide.scamintel;

import com.ibm.icu.text.IDNA;
import com.ibm.icu.text.SpoofChecker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a link's host imitates a protected brand's domain, and what else about it is typical of
 * phishing links. Each finding is a reason with a weight in (0, 1); the link's score combines them
 * as independent evidence ({@code 1 - prod(1 - w)}).
 *
 * <ul>
 *   <li>{@code official-domain}: the host is a protected domain or under one (no other reason then).
 *   <li>{@code confusable}: the host's first registrable label looks like a brand's once Unicode
 *       confusables are folded (ICU's skeletons: Cyrillic {@code с} for {@code c}, {@code 1} for
 *       {@code l}, {@code rn} for {@code m}).
 *   <li>{@code mixed-script}: the label mixes scripts (a Latin name with one Cyrillic letter).
 *   <li>{@code typosquat}: one edit away (two for names of 8 letters or more) from a brand's label:
 *       a letter left out, added, changed or two swapped.
 *   <li>{@code tld-swap}: the brand's own label under another suffix ({@code hsbc.com} for {@code
 *       hsbc.com.hk}).
 *   <li>{@code brand-in-domain}: the brand's label inside a longer registrable label dressed up
 *       with a hyphen, digits or a phishing word ({@code hsbc-verify.top}, not {@code applebees.com}); {@code brand-in-subdomain}: the brand's domain or label as a subdomain of
 *       someone else's ({@code hsbc.com.hk.secure-login.xyz}).
 *   <li>{@code punycode}, {@code ip-host}, {@code url-shortener}, {@code suspicious-tld} (cheap
 *       top-level domains that phishing favours), {@code user-info} (a link written with a name
 *       before {@code @}).
 * </ul>
 */
public final class Lookalikes {
  /** Hong Kong banks, wallets, couriers and government, and the brands phishing imitates most. */
  public static final List<String> DEFAULT_PROTECTED =
      List.of(
          "hsbc.com.hk", "hangseng.com", "bochk.com", "sc.com", "citibank.com.hk", "dbs.com.hk", "bea.com", "hkbea.com",
          "icbcasia.com", "dahsing.com", "mox.com", "za.group", "airstarbank.com", "octopus.com.hk", "payme.hsbc",
          "alipayhk.com", "wechatpay.hk", "hkpost.gov.hk", "gov.hk", "police.gov.hk", "ird.gov.hk", "sf-express.com",
          "dhl.com", "fedex.com", "ups.com", "paypal.com", "apple.com", "icloud.com", "google.com", "microsoft.com",
          "amazon.com", "netflix.com", "facebook.com", "instagram.com", "whatsapp.com", "hktvmall.com", "csl.com.hk",
          "smartone.com", "three.com.hk", "hkt.com", "cathaypacific.com", "binance.com", "coinbase.com");

  static final Set<String> SUSPICIOUS_TLDS =
      Set.of("top", "xyz", "club", "online", "site", "icu", "buzz", "shop", "vip", "live", "cc", "tk", "ml", "ga", "cf", "gq",
          "work", "rest", "cyou", "monster", "sbs", "cfd", "bond", "click", "link", "support", "help", "win", "loan", "zip", "mov");

  static final Set<String> SHORTENERS =
      Set.of("bit.ly", "tinyurl.com", "t.co", "goo.gl", "is.gd", "ow.ly", "cutt.ly", "rb.gy", "t.ly", "shorturl.at", "s.id", "tiny.cc");

  static final Map<String, Double> WEIGHTS =
      Map.ofEntries(
          Map.entry("confusable", 0.9),
          Map.entry("mixed-script", 0.6),
          Map.entry("typosquat", 0.8),
          Map.entry("tld-swap", 0.6),
          Map.entry("brand-in-domain", 0.75),
          Map.entry("brand-in-subdomain", 0.85),
          Map.entry("punycode", 0.3),
          Map.entry("ip-host", 0.6),
          Map.entry("url-shortener", 0.3),
          Map.entry("suspicious-tld", 0.35),
          Map.entry("user-info", 0.6));

  private static final IDNA IDNA_UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_UNICODE);
  private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();
  private static final SpoofChecker SCRIPTS =
      new SpoofChecker.Builder().setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE).setChecks(SpoofChecker.RESTRICTION_LEVEL).build();

  private record Brand(String domain, String label, String labelSkeleton) {}

  private final List<Brand> brands;

  public Lookalikes(List<String> protectedDomains) {
    List<Brand> list = new ArrayList<>();
    for (String d : protectedDomains) {
      String domain = d.strip().toLowerCase(Locale.ROOT);
      String label = firstLabel(domain);
      list.add(new Brand(domain, label, SKELETONS.getSkeleton(label)));
    }
    this.brands = List.copyOf(list);
  }

  /** The findings about a link: reasons with their weights, and the combined score. */
  public record Finding(double score, Map<String, Object> reasons) {}

  /**
   * Examines a canonical URL value ({@link Indicators}); {@code rawHadUserInfo} tells whether the
   * link as written carried a name before {@code @} (the canonical form has dropped it).
   */
  public Finding examine(String canonicalUrl, boolean rawHadUserInfo) {
    String host = Indicators.hostOf(canonicalUrl);
    Map<String, Object> reasons = new LinkedHashMap<>();
    if (rawHadUserInfo) {
      reasons.put("user-info", true);
    }
    if (host.startsWith("[") || Indicators.numericIpv4(host).isPresent()) {
      reasons.put("ip-host", true);
      return finish(reasons);
    }
    for (Brand b : brands) {
      if (host.equals(b.domain()) || host.endsWith("." + b.domain())) {
        return new Finding(0, Map.of("official-domain", b.domain()));
      }
    }
    String registrable = Indicators.registrableDomain(host).orElse(host);
    if (SHORTENERS.contains(registrable)) {
      reasons.put("url-shortener", registrable);
    }
    String tld = host.substring(host.lastIndexOf('.') + 1);
    if (SUSPICIOUS_TLDS.contains(tld)) {
      reasons.put("suspicious-tld", tld);
    }
    if (host.contains("xn--")) {
      reasons.put("punycode", unicode(host));
    }
    String label = firstLabel(registrable);
    String unicodeLabel = unicode(label);
    if (!unicodeLabel.equals(label) && SCRIPTS.failsChecks(unicodeLabel)) {
      reasons.put("mixed-script", unicodeLabel);
    }
    String skeleton = SKELETONS.getSkeleton(unicodeLabel);
    String subdomains = host.length() > registrable.length() ? host.substring(0, host.length() - registrable.length() - 1) : "";
    for (Brand b : brands) {
      if (b.label().length() < 3) {
        continue;
      }
      if (label.equals(b.label())) {
        reasons.putIfAbsent("tld-swap", b.domain());
      } else if (skeleton.equals(b.labelSkeleton())) {
        reasons.putIfAbsent("confusable", b.domain());
      } else if (b.label().length() >= 4 && label.contains(b.label()) && dressedUp(label.replace(b.label(), " "))) {
        reasons.putIfAbsent("brand-in-domain", b.domain());
      } else if (b.label().length() >= 4 && withinEdits(label, b.label(), b.label().length() >= 8 ? 2 : 1)) {
        reasons.putIfAbsent("typosquat", b.domain());
      }
      if (!subdomains.isEmpty() && b.label().length() >= 4
          && (subdomains.contains(b.domain()) || List.of(subdomains.split("[.-]")).contains(b.label()))) {
        reasons.putIfAbsent("brand-in-subdomain", b.domain());
      }
    }
    return finish(reasons);
  }

  /** Words phishing domains wrap a brand in ({@code hsbc-verify}, {@code secure-paypal-login}). */
  private static final List<String> DRESSING =
      List.of("secure", "login", "verify", "account", "update", "service", "support", "online", "pay", "bank", "hk", "help",
          "auth", "confirm", "refund", "reward", "points", "official", "center", "centre");

  /** Whether what surrounds the brand in a label is a hyphen, digits or a phishing word, not just a longer word. */
  private static boolean dressedUp(String label) {
    if (label.indexOf('-') >= 0 || label.chars().anyMatch(Character::isDigit)) {
      return true;
    }
    for (String word : DRESSING) {
      if (label.contains(word)) {
        return true;
      }
    }
    return false;
  }

  private static Finding finish(Map<String, Object> reasons) {
    double keep = 1;
    for (String reason : reasons.keySet()) {
      keep *= 1 - WEIGHTS.getOrDefault(reason, 0.0);
    }
    return new Finding(Math.round((1 - keep) * 1000) / 1000.0, reasons);
  }

  private static String firstLabel(String domain) {
    int dot = domain.indexOf('.');
    return dot < 0 ? domain : domain.substring(0, dot);
  }

  private static String unicode(String ascii) {
    StringBuilder out = new StringBuilder();
    IDNA.Info info = new IDNA.Info();
    IDNA_UTS46.nameToUnicode(ascii, out, info);
    return info.hasErrors() ? ascii : out.toString();
  }

  /** Whether the optimal string alignment distance (edits and swaps of neighbours) is at most {@code max}. */
  static boolean withinEdits(String a, String b, int max) {
    if (Math.abs(a.length() - b.length()) > max) {
      return false;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()] <= max;
  }

  /** Whether a raw link carries a name before {@code @} in its authority. */
  public static boolean hasUserInfo(String raw) {
    String text = Indicators.refang(raw);
    int start = text.indexOf("://");
    String rest = start < 0 ? text : text.substring(start + 3);
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#', '\\'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return rest.substring(0, end).contains("@");
  }
}
