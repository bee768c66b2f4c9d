package org.bonafide.scamintel;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import com.ibm.icu.text.IDNA;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bonafide.identitygraph.EntityKind;
import org.bonafide.identitygraph.Identifiers;
import org.bonafide.identitygraph.Normalised;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Canonical forms of scam indicators, so that one number, account or link reported in different
 * spellings is one indicator. Phones, emails, IPs and bank accounts take the identity graph's forms
 * ({@link Identifiers}): a phone is the same E.164 text in both.
 *
 * <ul>
 *   <li>{@code url}: defanged forms ({@code hxxps://evil[.]com}) restored; scheme http or https
 *       (added when missing); user info dropped ({@code https://bank.com@evil.example/} is a link
 *       to {@code evil.example}); host lower-cased, international names in punycode (UTS #46), full
 *       width dots folded, trailing dot dropped; numeric hosts in any form ({@code 0x7f.1},
 *       {@code 3232235777}) as a dotted quad; default port dropped; path with dot segments resolved,
 *       backslashes as slashes, percent escapes of unreserved characters decoded and the others
 *       upper-cased; query kept; fragment dropped.
 *   <li>{@code domain}: a host name as in a URL (a URL given as a domain gives its host).
 *   <li>{@code crypto-wallet}: {@code btc:} base58check (P2PKH, P2SH) or bech32/bech32m
 *       ({@code bc1}, lower case) with its checksum verified; {@code evm:} {@code 0x} and 40 hex
 *       digits, lower case (a mixed-case address must carry a valid EIP-55 checksum); {@code trx:}
 *       base58check with version 0x41.
 *   <li>{@code handle}: {@code platform:handle}, the handle lower case without {@code @}; WhatsApp
 *       and Signal handles are phone numbers in E.164; profile links ({@code t.me/name},
 *       {@code wa.me/852...}, {@code instagram.com/name}, ...) are read as handles.
 *   <li>{@code payment-proxy}: {@code phone:E164}, {@code email:ADDRESS} or {@code fps-id:DIGITS}
 *       (7 to 9 digits).
 * </ul>
 *
 * <p>A canonical value parses to itself. A refusal says what is wrong without repeating the value.
 */
public final class Indicators {
  /** Longest raw value accepted, in characters. */
  public static final int MAX_LENGTH = 2048;

  private static final IDNA IDNA_UTS46 =
      IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]{0,15}):");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern DEFANGED_DOT = Pattern.compile("\\[\\.]|\\(\\.\\)|\\{\\.}|\\[dot]|\\(dot\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DEFANGED_AT = Pattern.compile("\\[@]|\\(@\\)|\\[at]|\\(at\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern HXXP = Pattern.compile("^hxxp(s?)", Pattern.CASE_INSENSITIVE);
  private static final Pattern PERCENT = Pattern.compile("%([0-9A-Fa-f]{2})");
  private static final Pattern HANDLE = Pattern.compile("[a-z0-9._-]{1,64}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

  /** Platforms a handle may name; aliases map to the platform's code. */
  private static final Map<String, String> PLATFORMS =
      Map.ofEntries(
          Map.entry("telegram", "telegram"),
          Map.entry("whatsapp", "whatsapp"),
          Map.entry("signal", "signal"),
          Map.entry("wechat", "wechat"),
          Map.entry("weixin", "wechat"),
          Map.entry("line", "line"),
          Map.entry("instagram", "instagram"),
          Map.entry("facebook", "facebook"),
          Map.entry("messenger", "facebook"),
          Map.entry("x", "x"),
          Map.entry("twitter", "x"),
          Map.entry("tiktok", "tiktok"),
          Map.entry("douyin", "douyin"),
          Map.entry("discord", "discord"),
          Map.entry("weibo", "weibo"),
          Map.entry("snapchat", "snapchat"),
          Map.entry("threads", "threads"),
          Map.entry("qq", "qq"),
          Map.entry("xiaohongshu", "xiaohongshu"));

  /** Profile-link hosts read as handles. */
  private static final Map<String, String> PROFILE_HOSTS =
      Map.ofEntries(
          Map.entry("t.me", "telegram"),
          Map.entry("telegram.me", "telegram"),
          Map.entry("wa.me", "whatsapp"),
          Map.entry("instagram.com", "instagram"),
          Map.entry("facebook.com", "facebook"),
          Map.entry("m.facebook.com", "facebook"),
          Map.entry("x.com", "x"),
          Map.entry("twitter.com", "x"),
          Map.entry("tiktok.com", "tiktok"),
          Map.entry("threads.net", "threads"));

  private static final Set<String> PHONE_PLATFORMS = Set.of("whatsapp", "signal");

  private final Identifiers identifiers;

  /** @param identifiers the identity graph's forms for phones, emails, IPs and bank accounts */
  public Indicators(Identifiers identifiers) {
    this.identifiers = Objects.requireNonNull(identifiers, "identifiers");
  }

  /**
   * A value read as an indicator of a kind: the indicator, or why it is refused.
   *
   * @param indicator the canonical indicator, or null when refused
   * @param refusal why the value is not a usable indicator of the kind, or null
   */
  public record Parsed(IndicatorKind kind, Indicator indicator, String refusal) {
    public Parsed {
      Objects.requireNonNull(kind, "kind");
      if ((indicator == null) == (refusal == null)) {
        throw new IllegalArgumentException("exactly one of indicator and refusal is set");
      }
    }

    static Parsed accepted(IndicatorKind kind, String value) {
      return new Parsed(kind, new Indicator(kind, value), null);
    }

    static Parsed refused(IndicatorKind kind, String refusal) {
      return new Parsed(kind, null, refusal);
    }

    public boolean isAccepted() {
      return indicator != null;
    }
  }

  /** Reads {@code raw} as an indicator of {@code kind}. */
  public Parsed parse(IndicatorKind kind, String raw) {
    Objects.requireNonNull(kind, "kind");
    if (raw == null || raw.isBlank()) {
      return Parsed.refused(kind, "empty");
    }
    if (raw.length() > MAX_LENGTH) {
      return Parsed.refused(kind, "longer than " + MAX_LENGTH + " characters");
    }
    return switch (kind) {
      case PHONE -> fromGraph(kind, identifiers.validate(EntityKind.PHONE, raw));
      case EMAIL -> fromGraph(kind, identifiers.validate(EntityKind.EMAIL, refang(raw)));
      case IP -> fromGraph(kind, identifiers.validate(EntityKind.IP, refang(raw)));
      case BANK_ACCOUNT -> fromGraph(kind, identifiers.validate(EntityKind.BANK_ACCOUNT, raw));
      case PAYMENT_PROXY -> paymentProxy(raw);
      case URL -> url(raw);
      case DOMAIN -> domain(raw);
      case CRYPTO_WALLET -> wallet(raw);
      case HANDLE -> handle(raw);
    };
  }

  /**
   * The registrable domain of an ASCII host name (the part a registrant owns: {@code
   * evil.example.co.uk} for {@code login.evil.example.co.uk}), by the public suffix list; empty for
   * an IP address or a name that is itself a public suffix.
   */
  public static Optional<String> registrableDomain(String asciiHost) {
    if (asciiHost == null || asciiHost.isEmpty() || asciiHost.startsWith("[") || InetAddresses.isInetAddress(asciiHost)) {
      return Optional.empty();
    }
    try {
      InternetDomainName name = InternetDomainName.from(asciiHost);
      return name.isUnderPublicSuffix() ? Optional.of(name.topPrivateDomain().toString()) : Optional.empty();
    } catch (IllegalArgumentException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /**
   * The domains above a host that a report could name, nearest first, down to the registrable
   * domain ({@code a.b.evil.co.uk}: {@code b.evil.co.uk}, {@code evil.co.uk}); never a public
   * suffix or a single label. Empty for an IP address. At most five.
   */
  public static java.util.List<String> parentDomains(String asciiHost) {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (asciiHost == null || asciiHost.startsWith("[") || InetAddresses.isInetAddress(asciiHost)) {
      return out;
    }
    String name = asciiHost;
    while (out.size() < 5) {
      int dot = name.indexOf('.');
      if (dot < 0) {
        break;
      }
      name = name.substring(dot + 1);
      if (name.indexOf('.') < 0 || isPublicSuffix(name)) {
        break;
      }
      out.add(name);
    }
    return out;
  }

  private static boolean isPublicSuffix(String name) {
    try {
      return InternetDomainName.from(name).isPublicSuffix();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The host of a canonical URL value. */
  public static String hostOf(String canonicalUrl) {
    int start = canonicalUrl.indexOf("://") + 3;
    int end = canonicalUrl.indexOf('/', start);
    String authority = canonicalUrl.substring(start, end < 0 ? canonicalUrl.length() : end);
    if (authority.startsWith("[")) {
      return authority.substring(0, authority.indexOf(']') + 1);
    }
    int colon = authority.lastIndexOf(':');
    return colon < 0 ? authority : authority.substring(0, colon);
  }

  private static Parsed fromGraph(IndicatorKind kind, Normalised normalised) {
    return normalised.isAccepted()
        ? Parsed.accepted(kind, normalised.canonical())
        : Parsed.refused(kind, normalised.refusal());
  }

  /** Undoes the usual defanging of threat reports: {@code hxxp}, {@code [.]}, {@code [@]}. */
  static String refang(String raw) {
    String text = HXXP.matcher(raw.strip()).replaceFirst("http$1");
    text = DEFANGED_DOT.matcher(text).replaceAll(".");
    text = DEFANGED_AT.matcher(text).replaceAll("@");
    return text.replace("[:]", ":").replace("[://]", "://");
  }

  private Parsed paymentProxy(String raw) {
    String text = raw.strip();
    int colon = text.indexOf(':');
    if (colon < 0) {
      return Parsed.refused(IndicatorKind.PAYMENT_PROXY, "written TYPE:VALUE, TYPE phone, email or fps-id");
    }
    String type = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    String value = text.substring(colon + 1).strip();
    return switch (type) {
      case "phone" -> {
        Normalised phone = identifiers.validate(EntityKind.PHONE, value);
        yield phone.isAccepted()
            ? Parsed.accepted(IndicatorKind.PAYMENT_PROXY, "phone:" + phone.canonical())
            : Parsed.refused(IndicatorKind.PAYMENT_PROXY, phone.refusal());
      }
      case "email" -> {
        Normalised email = identifiers.validate(EntityKind.EMAIL, value);
        yield email.isAccepted()
            ? Parsed.accepted(IndicatorKind.PAYMENT_PROXY, "email:" + email.canonical())
            : Parsed.refused(IndicatorKind.PAYMENT_PROXY, email.refusal());
      }
      case "fps-id", "fps" -> {
        String digits = value.replaceAll("[\\s-]", "");
        yield DIGITS.matcher(digits).matches() && digits.length() >= 7 && digits.length() <= 9
            ? Parsed.accepted(IndicatorKind.PAYMENT_PROXY, "fps-id:" + digits)
            : Parsed.refused(IndicatorKind.PAYMENT_PROXY, "an FPS id has 7 to 9 digits");
      }
      default -> Parsed.refused(IndicatorKind.PAYMENT_PROXY, "the proxy type is phone, email or fps-id");
    };
  }

  private Parsed domain(String raw) {
    String text = refang(raw);
    if (text.contains("/") || text.contains("@") || SCHEME.matcher(text).lookingAt() && text.contains("://")) {
      Parsed url = url(text);
      return url.isAccepted()
          ? Parsed.accepted(IndicatorKind.DOMAIN, hostOf(url.indicator().value()))
          : Parsed.refused(IndicatorKind.DOMAIN, url.refusal());
    }
    HostForm host = host(text);
    return host.refusal() == null
        ? Parsed.accepted(IndicatorKind.DOMAIN, host.canonical())
        : Parsed.refused(IndicatorKind.DOMAIN, host.refusal());
  }

  private Parsed url(String raw) {
    String text = refang(raw);
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) || Character.isISOControl(text.charAt(i))) {
        return Parsed.refused(IndicatorKind.URL, "a link has no spaces or control characters");
      }
    }
    String scheme = "http";
    String rest = text;
    Matcher m = SCHEME.matcher(text);
    if (m.lookingAt() && text.startsWith("//", m.end())) {
      scheme = m.group(1).toLowerCase(Locale.ROOT);
      rest = text.substring(m.end() + 2);
    } else if (text.startsWith("//")) {
      rest = text.substring(2);
    } else if (m.lookingAt() && !looksLikeHostPort(text)) {
      return Parsed.refused(IndicatorKind.URL, "only http and https links are checked");
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Parsed.refused(IndicatorKind.URL, "only http and https links are checked");
    }
    int fragment = rest.indexOf('#');
    if (fragment >= 0) {
      rest = rest.substring(0, fragment);
    }
    int end = indexOfAny(rest, "/?\\");
    String authority = end < 0 ? rest : rest.substring(0, end);
    String tail = end < 0 ? "" : rest.substring(end);
    int at = authority.lastIndexOf('@');
    String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
    String hostText;
    String portText = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        return Parsed.refused(IndicatorKind.URL, "an IPv6 host is closed with ]");
      }
      hostText = hostPort.substring(0, close + 1);
      if (close + 1 < hostPort.length()) {
        if (hostPort.charAt(close + 1) != ':') {
          return Parsed.refused(IndicatorKind.URL, "the host is not followed by a port");
        }
        portText = hostPort.substring(close + 2);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      hostText = colon < 0 ? hostPort : hostPort.substring(0, colon);
      portText = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    HostForm host = host(hostText);
    if (host.refusal() != null) {
      return Parsed.refused(IndicatorKind.URL, host.refusal());
    }
    String port = "";
    if (portText != null && !portText.isEmpty()) {
      if (!DIGITS.matcher(portText).matches() || portText.length() > 5 || Integer.parseInt(portText) < 1
          || Integer.parseInt(portText) > 65535) {
        return Parsed.refused(IndicatorKind.URL, "the port is a number from 1 to 65535");
      }
      int number = Integer.parseInt(portText);
      boolean standard = scheme.equals("http") ? number == 80 : number == 443;
      port = standard ? "" : ":" + number;
    }
    int q = tail.indexOf('?');
    String path = q < 0 ? tail : tail.substring(0, q);
    String query = q < 0 ? "" : tail.substring(q + 1);
    String value = scheme + "://" + host.canonical() + port + path(path.replace('\\', '/')) + (query.isEmpty() ? "" : "?" + escapes(query));
    return value.length() > MAX_LENGTH
        ? Parsed.refused(IndicatorKind.URL, "longer than " + MAX_LENGTH + " characters")
        : Parsed.accepted(IndicatorKind.URL, value);
  }

  /** {@code example.com:8080/...}: a host and port without a scheme, not {@code mailto:...}. */
  private static boolean looksLikeHostPort(String text) {
    int colon = text.indexOf(':');
    int end = indexOfAny(text.substring(colon + 1), "/?#\\");
    String after = end < 0 ? text.substring(colon + 1) : text.substring(colon + 1, colon + 1 + end);
    return !after.isEmpty() && DIGITS.matcher(after).matches();
  }

  private static int indexOfAny(String text, String chars) {
    for (int i = 0; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** A path with its dot segments resolved and its escapes normalised; "/" when empty. */
  private static String path(String raw) {
    if (raw.isEmpty()) {
      return "/";
    }
    Deque<String> out = new ArrayDeque<>();
    String[] segments = raw.split("/", -1);
    for (int i = 1; i < segments.length; i++) {
      String s = escapes(segments[i]);
      boolean last = i == segments.length - 1;
      if (s.equals(".")) {
        if (last) {
          out.addLast("");
        }
      } else if (s.equals("..")) {
        out.pollLast();
        if (last) {
          out.addLast("");
        }
      } else {
        out.addLast(s);
      }
    }
    return "/" + String.join("/", out);
  }

  /** Percent escapes of unreserved characters decoded, the others upper-cased. */
  private static String escapes(String text) {
    Matcher m = PERCENT.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      int c = Integer.parseInt(m.group(1), 16);
      boolean unreserved = Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_' || c == '~';
      m.appendReplacement(out, Matcher.quoteReplacement(unreserved ? String.valueOf((char) c) : "%" + m.group(1).toUpperCase(Locale.ROOT)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private record HostForm(String canonical, String refusal) {}

  /** A host name or address in canonical form. */
  private static HostForm host(String raw) {
    String text = raw;
    if (text.isEmpty()) {
      return new HostForm(null, "the link has no host");
    }
    if (text.startsWith("[") && text.endsWith("]")) {
      String inside = text.substring(1, text.length() - 1);
      if (!InetAddresses.isInetAddress(inside) || inside.contains(".") && !inside.contains(":")) {
        return new HostForm(null, "not an IPv6 address");
      }
      InetAddress address = InetAddresses.forString(inside);
      // an IPv4-mapped IPv6 address is the IPv4 address (Guava already unwraps it)
      return address instanceof Inet4Address
          ? new HostForm(address.getHostAddress(), null)
          : new HostForm("[" + InetAddresses.toAddrString(address) + "]", null);
    }
    text = percentDecoded(text);
    Optional<String> ipv4 = numericIpv4(text);
    if (ipv4.isPresent()) {
      return new HostForm(ipv4.get(), null);
    }
    StringBuilder ascii = new StringBuilder();
    IDNA.Info info = new IDNA.Info();
    IDNA_UTS46.nameToASCII(text, ascii, info);
    String name = ascii.toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (info.hasErrors() && !(info.getErrors().size() == 1 && info.getErrors().contains(IDNA.Error.EMPTY_LABEL) && name.indexOf("..") < 0)) {
      return new HostForm(null, "not a valid host name");
    }
    Optional<String> again = numericIpv4(name);
    if (again.isPresent()) {
      // full-width digits and dots fold to an address
      return new HostForm(again.get(), null);
    }
    if (name.length() > 253 || !name.contains(".")) {
      return new HostForm(null, "a host name has at least two labels and at most 253 characters");
    }
    String[] labels = name.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return new HostForm(null, "not a valid host name");
      }
    }
    if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
      return new HostForm(null, "not a valid host name (numeric top-level label)");
    }
    return new HostForm(name, null);
  }

  private static String percentDecoded(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    Matcher m = PERCENT.matcher(text);
    byte[] bytes = new byte[text.length()];
    int n = 0;
    int i = 0;
    while (i < text.length()) {
      if (m.find(i) && m.start() == i) {
        bytes[n++] = (byte) Integer.parseInt(m.group(1), 16);
        i = m.end();
      } else {
        byte[] c = String.valueOf(text.charAt(i)).getBytes(StandardCharsets.UTF_8);
        if (n + c.length > bytes.length) {
          bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2 + c.length);
        }
        System.arraycopy(c, 0, bytes, n, c.length);
        n += c.length;
        i++;
      }
    }
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }

  /**
   * A host written as an IPv4 address in any of the forms browsers accept (dotted, fewer parts,
   * hex {@code 0x}, octal with a leading 0, one 32-bit number), as a dotted quad; empty when it is
   * not one.
   */
  static Optional<String> numericIpv4(String host) {
    String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String[] parts = text.split("\\.", -1);
    if (parts.length < 1 || parts.length > 4) {
      return Optional.empty();
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].toLowerCase(Locale.ROOT);
      try {
        if (p.startsWith("0x")) {
          values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
        } else if (p.length() > 1 && p.startsWith("0")) {
          values[i] = Long.parseLong(p.substring(1), 8);
        } else if (DIGITS.matcher(p).matches() && p.length() <= 12) {
          values[i] = Long.parseLong(p);
        } else {
          return Optional.empty();
        }
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (p.length() > 12) {
        return Optional.empty();
      }
    }
    long address = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 255) {
        return Optional.empty();
      }
      address = (address << 8) | values[i];
    }
    int lastBytes = 5 - values.length;
    long last = values[values.length - 1];
    if (last >= 1L << (8 * lastBytes)) {
      return Optional.empty();
    }
    address = (address << (8 * lastBytes)) | last;
    return Optional.of(((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255));
  }

  private Parsed wallet(String raw) {
    String text = raw.strip();
    String claimed = null;
    int colon = text.indexOf(':');
    if (colon > 0) {
      claimed =
          switch (text.substring(0, colon).toLowerCase(Locale.ROOT)) {
            case "btc", "bitcoin" -> "btc";
            case "evm", "eth", "ethereum" -> "evm";
            case "trx", "tron" -> "trx";
            default -> "?";
          };
      if (claimed.equals("?")) {
        return Parsed.refused(IndicatorKind.CRYPTO_WALLET, "the chain prefix is btc, evm (eth) or trx");
      }
      text = text.substring(colon + 1).strip();
      int query = text.indexOf('?');
      if (query >= 0) {
        text = text.substring(0, query);
      }
    }
    String family;
    String value;
    if (text.length() == 42 && (text.startsWith("0x") || text.startsWith("0X"))) {
      String hex = text.substring(2);
      if (!hex.matches("[0-9a-fA-F]{40}")) {
        return Parsed.refused(IndicatorKind.CRYPTO_WALLET, "an EVM address is 0x and 40 hex digits");
      }
      if (!hex.equals(hex.toLowerCase(Locale.ROOT)) && !hex.equals(hex.toUpperCase(Locale.ROOT)) && !eip55(hex)) {
        return Parsed.refused(IndicatorKind.CRYPTO_WALLET, "the address's mixed-case (EIP-55) checksum is wrong");
      }
      family = "evm";
      value = "0x" + hex.toLowerCase(Locale.ROOT);
    } else if (text.toLowerCase(Locale.ROOT).startsWith("bc1")) {
      if (!text.equals(text.toLowerCase(Locale.ROOT)) && !text.equals(text.toUpperCase(Locale.ROOT))) {
        return Parsed.refused(IndicatorKind.CRYPTO_WALLET, "a bech32 address is not in mixed case");
      }
      value = text.toLowerCase(Locale.ROOT);
      if (!bech32(value)) {
        return Parsed.refused(IndicatorKind.CRYPTO_WALLET, "the bech32 address's checksum is wrong");
      }
      family = "btc";
    } else {
      byte[] decoded = base58check(text);
      if (decoded == null) {
        return Parsed.refused(IndicatorKind.CRYPTO_WALLET, "not a wallet address (base58check, bech32 or 0x hex) with a valid checksum");
      }
      int version = decoded[0] & 0xFF;
      if (version == 0x00 || version == 0x05) {
        family = "btc";
      } else if (version == 0x41) {
        family = "trx";
      } else {
        return Parsed.refused(IndicatorKind.CRYPTO_WALLET, "an address version this service does not know");
      }
      value = text;
    }
    if (claimed != null && !claimed.equals(family)) {
      return Parsed.refused(IndicatorKind.CRYPTO_WALLET, "the address is not a " + claimed + " address");
    }
    return Parsed.accepted(IndicatorKind.CRYPTO_WALLET, family + ":" + value);
  }

  /** EIP-55: a hex digit letter is upper case where the Keccak-256 of the lower-case address has a nibble of 8 or more. */
  private static boolean eip55(String hex) {
    String lower = hex.toLowerCase(Locale.ROOT);
    KeccakDigest keccak = new KeccakDigest(256);
    byte[] input = lower.getBytes(StandardCharsets.US_ASCII);
    keccak.update(input, 0, input.length);
    byte[] hash = new byte[32];
    keccak.doFinal(hash, 0);
    String hashHex = HexFormat.of().formatHex(hash);
    for (int i = 0; i < 40; i++) {
      char c = hex.charAt(i);
      if (Character.isLetter(c)) {
        boolean upper = Character.digit(hashHex.charAt(i), 16) >= 8;
        if (Character.isUpperCase(c) != upper) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether a lower-case {@code bc1} address has a valid bech32 (v0) or bech32m (v1+) checksum. */
  private static boolean bech32(String address) {
    int sep = address.lastIndexOf('1');
    if (sep < 1 || address.length() < 14 || address.length() > 74 || address.length() - sep - 1 < 6) {
      return false;
    }
    String hrp = address.substring(0, sep);
    int[] values = new int[hrp.length() * 2 + 1 + address.length() - sep - 1];
    int n = 0;
    for (char c : hrp.toCharArray()) {
      values[n++] = c >> 5;
    }
    values[n++] = 0;
    for (char c : hrp.toCharArray()) {
      values[n++] = c & 31;
    }
    int[] data = new int[address.length() - sep - 1];
    for (int i = sep + 1; i < address.length(); i++) {
      int v = BECH32.indexOf(address.charAt(i));
      if (v < 0) {
        return false;
      }
      data[i - sep - 1] = v;
      values[n++] = v;
    }
    int polymod = polymod(values);
    int witnessVersion = data[0];
    return witnessVersion == 0 ? polymod == 1 : witnessVersion <= 16 && polymod == 0x2bc830a3;
  }

  private static int polymod(int[] values) {
    int[] generator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    int chk = 1;
    for (int v : values) {
      int top = chk >>> 25;
      chk = (chk & 0x1ffffff) << 5 ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= generator[i];
        }
      }
    }
    return chk;
  }

  /** The 21-byte payload of a base58check address (version and hash), or null. */
  private static byte[] base58check(String text) {
    if (text.length() < 26 || text.length() > 35) {
      return null;
    }
    BigInteger number = BigInteger.ZERO;
    for (char c : text.toCharArray()) {
      int digit = BASE58.indexOf(c);
      if (digit < 0) {
        return null;
      }
      number = number.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(digit));
    }
    byte[] bytes = number.toByteArray();
    int leadingZeros = 0;
    while (leadingZeros < text.length() && text.charAt(leadingZeros) == '1') {
      leadingZeros++;
    }
    int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    int length = bytes.length - start + leadingZeros;
    if (length != 25) {
      return null;
    }
    byte[] full = new byte[25];
    System.arraycopy(bytes, start, full, leadingZeros, bytes.length - start);
    byte[] payload = java.util.Arrays.copyOf(full, 21);
    byte[] check = sha256(sha256(payload));
    for (int i = 0; i < 4; i++) {
      if (check[i] != full[21 + i]) {
        return null;
      }
    }
    return payload;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private Parsed handle(String raw) {
    String text = refang(raw);
    String platform;
    String name;
    Matcher scheme = SCHEME.matcher(text);
    boolean link = text.contains("/") && (scheme.lookingAt() && text.startsWith("//", scheme.end()) || !text.contains(":"));
    if (link) {
      Parsed url = url(text);
      if (!url.isAccepted()) {
        return Parsed.refused(IndicatorKind.HANDLE, url.refusal());
      }
      String value = url.indicator().value();
      String host = hostOf(value);
      host = host.startsWith("www.") ? host.substring(4) : host;
      platform = PROFILE_HOSTS.get(host);
      if (platform == null) {
        return Parsed.refused(IndicatorKind.HANDLE, "not a profile link of a known platform");
      }
      String path = value.substring(value.indexOf('/', value.indexOf("://") + 3) + 1);
      int end = indexOfAny(path, "/?");
      name = end < 0 ? path : path.substring(0, end);
    } else {
      int colon = text.indexOf(':');
      if (colon < 0) {
        return Parsed.refused(IndicatorKind.HANDLE, "written PLATFORM:HANDLE");
      }
      platform = PLATFORMS.get(text.substring(0, colon).strip().toLowerCase(Locale.ROOT));
      if (platform == null) {
        return Parsed.refused(IndicatorKind.HANDLE, "a platform this service does not know");
      }
      name = text.substring(colon + 1).strip();
    }
    if (PHONE_PLATFORMS.contains(platform)) {
      String number = name.startsWith("+") || name.startsWith("00") ? name : "+" + name;
      Normalised phone = identifiers.validate(EntityKind.PHONE, link ? number : name);
      return phone.isAccepted()
          ? Parsed.accepted(IndicatorKind.HANDLE, platform + ":" + phone.canonical())
          : Parsed.refused(IndicatorKind.HANDLE, "a " + platform + " handle is a phone number: " + phone.refusal());
    }
    while (name.startsWith("@") || name.startsWith("~")) {
      name = name.substring(1);
    }
    name = name.toLowerCase(Locale.ROOT);
    if (platform.equals("qq") ? !name.matches("[0-9]{5,12}") : !HANDLE.matcher(name).matches()) {
      return Parsed.refused(IndicatorKind.HANDLE, "a handle has 1 to 64 letters, digits, dots, hyphens or underscores");
    }
    return Parsed.accepted(IndicatorKind.HANDLE, platform + ":" + name);
  }
}
