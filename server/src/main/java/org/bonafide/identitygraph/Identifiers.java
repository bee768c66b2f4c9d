package org.bonafide.identitygraph;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.net.InetAddresses;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.math.BigInteger;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Canonical text of the identifiers applications share, so that the usual ways of writing one value
 * meet before it is hashed by {@link IdentifierKeys}. Each rule is plain and deterministic; nothing
 * is looked up over the network (no DNS, no registry). A value that is not a usable identifier of
 * its kind is refused with a reason that never repeats the value.
 *
 * <p>Canonical forms, by kind:
 *
 * <ul>
 *   <li>{@link EntityKind#PHONE}: E.164 ({@code +85291234567}) by libphonenumber; a number without
 *       a country code is read in the default region; a number written with the country code but
 *       without {@code +} ({@code (852) 9123 4567}), or after {@code 00} where the region dials
 *       longer international prefixes, is accepted when it is not valid
 *       in the default region but valid with a {@code +}. Invalid numbers are refused.
 *   <li>{@link EntityKind#EMAIL}: trimmed, lower case, the domain in ASCII (IDNA); for {@code
 *       gmail.com} and {@code googlemail.com} (one mailbox, written {@code gmail.com}) dots in the
 *       local part are removed; a {@code +tag} is removed for the domains that document
 *       sub-addressing ({@link #DEFAULT_SUBADDRESSING_DOMAINS}, configurable).
 *   <li>{@link EntityKind#ADDRESS}: Unicode NFKC, upper case, initialisms joined ({@code N.T.}),
 *       apostrophes dropped, ordinal suffixes after numbers dropped, other punctuation to spaces,
 *       letters and digits written together split ({@code 12/F}, {@code 12F} and {@code 12 F}
 *       meet), leading zeros of numbers dropped, common words written one way ({@code ROAD} and
 *       {@code RD}, {@code FLOOR} and {@code F}, {@code FLAT}, {@code UNIT} and {@code ROOM}, {@code
 *       HONG KONG} and {@code HK}, ...), {@code NO} before a number dropped; spaces removed in an
 *       address with Chinese characters, where a few simplified characters are written in their
 *       traditional form. At least 5 letters or digits, and two words unless Chinese.
 *   <li>{@link EntityKind#NAME_BIRTH_DATE}: {@code NAME|YYYY-MM-DD}; the name decomposed (NFKD)
 *       without diacritics, upper case, letters and spaces only (hyphens to spaces, apostrophes
 *       dropped), its words sorted, so {@code Anna Maria Eriksson} and {@code ERIKSSON ANNA MARIA}
 *       meet; the date ISO-8601, from 1900-01-01 to today.
 *   <li>{@link EntityKind#DOCUMENT_NUMBER}: {@code STATE:NUMBER}, upper case, fillers ({@code <})
 *       and spaces removed; the state an ICAO code of 1 to 3 letters ({@code HKG}, {@code D}); the
 *       number 4 to 35 letters or digits.
 *   <li>{@link EntityKind#NATIONAL_ID}: {@code type:NUMBER}, the type a lower-case id ({@code
 *       hk-identity-card}), the number upper case without spaces, hyphens and brackets ({@code
 *       A123456(3)} is {@code A1234563}), 4 to 32 letters or digits.
 *   <li>{@link EntityKind#IP}: the canonical text of the address (IPv4 dotted quad, IPv6 as RFC 5952
 *       writes it), an IPv4-mapped IPv6 address as IPv4; host names, ports and non-public addresses
 *       (private, loopback, link-local, multicast, unspecified, shared) refused. {@link
 *       #ipNetwork(String)} gives the /24 or /64 around it.
 *   <li>{@link EntityKind#BANK_ACCOUNT}: an IBAN (with or without a bank code before it) is checked
 *       (mod 97) and written alone without spaces; otherwise {@code BANKCODE:DIGITS}, the bank code
 *       1 to 11 letters or digits in upper case, the number 4 to 34 digits (spaces, hyphens and
 *       dots removed; leading zeros kept).
 *   <li>{@link EntityKind#DEVICE}: trimmed; 16 to 512 characters of hex (lower-cased) or base64url
 *       (kept as is: its case carries information; padding removed).
 *   <li>{@link EntityKind#FACE}: always refused: faces are linked by embedding similarity.
 * </ul>
 *
 * <p>Thread-safe and immutable.
 */
public final class Identifiers {
  /** Region for phone numbers written without a country code, unless one is given. */
  public static final String DEFAULT_REGION = "HK";

  /** Mail domains that document {@code +tag} sub-addressing: the tag is removed. */
  public static final Set<String> DEFAULT_SUBADDRESSING_DOMAINS =
      Set.of(
          "gmail.com",
          "googlemail.com",
          "outlook.com",
          "hotmail.com",
          "live.com",
          "icloud.com",
          "me.com",
          "mac.com",
          "fastmail.com",
          "proton.me",
          "protonmail.com");

  /** Longest raw value looked at: longer values are refused before any parsing. */
  public static final int MAX_LENGTH = 1024;

  private static final Set<String> GMAIL = Set.of("gmail.com", "googlemail.com");
  private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

  private static final Pattern EMAIL_LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]+");
  private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern STATE = Pattern.compile("[A-Z]{1,3}");
  private static final Pattern DOCUMENT = Pattern.compile("[A-Z0-9]{4,35}");
  private static final Pattern ID_TYPE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  private static final Pattern ID_NUMBER = Pattern.compile("[A-Z0-9]{4,32}");
  private static final Pattern ID_NUMBER_NOISE = Pattern.compile("[\\s\\-()\\[\\]]");
  private static final Pattern BANK_CODE = Pattern.compile("[A-Z0-9]{1,11}");
  private static final Pattern ACCOUNT_DIGITS = Pattern.compile("[0-9]{4,34}");
  private static final Pattern ACCOUNT_NOISE = Pattern.compile("[\\s\\-.]");
  private static final Pattern IBAN_SHAPE = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final int DEVICE_MIN = 16;
  private static final int DEVICE_MAX = 512;

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private final String defaultRegion;
  private final Set<String> subaddressingDomains;
  private final Clock clock;

  /**
   * @param defaultRegion ISO 3166 region (upper case) for phone numbers without a country code
   * @param subaddressingDomains mail domains (lower case, ASCII) whose {@code +tag} is removed
   * @param clock today, for birth dates in the future
   */
  public Identifiers(String defaultRegion, Set<String> subaddressingDomains, Clock clock) {
    Objects.requireNonNull(defaultRegion, "defaultRegion");
    checkArgument(
        PHONES.getSupportedRegions().contains(defaultRegion),
        "%s is not a region phone numbers are known for",
        defaultRegion);
    for (String d : subaddressingDomains) {
      checkArgument(d.equals(d.toLowerCase(Locale.ROOT).strip()), "write mail domains in lower case: %s", d);
    }
    this.defaultRegion = defaultRegion;
    this.subaddressingDomains = Set.copyOf(subaddressingDomains);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Region {@value #DEFAULT_REGION}, {@link #DEFAULT_SUBADDRESSING_DOMAINS}, the system clock. */
  public static Identifiers withDefaults() {
    return new Identifiers(DEFAULT_REGION, DEFAULT_SUBADDRESSING_DOMAINS, Clock.systemUTC());
  }

  /**
   * The canonical text of {@code raw} as a {@code kind}, empty when it is not a usable identifier
   * of that kind ({@link #validate} says why).
   *
   * @throws NullPointerException when either argument is null
   */
  public Optional<String> normalise(EntityKind kind, String raw) {
    return validate(kind, raw).value();
  }

  /**
   * The canonical text of {@code raw} as a {@code kind}, or the reason it is refused.
   *
   * @throws NullPointerException when either argument is null
   */
  public Normalised validate(EntityKind kind, String raw) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(raw, "raw");
    if (raw.length() > MAX_LENGTH) {
      return Normalised.refused(kind, "longer than " + MAX_LENGTH + " characters");
    }
    if (raw.isBlank()) {
      return Normalised.refused(kind, "empty");
    }
    return switch (kind) {
      case PHONE -> phone(raw, defaultRegion);
      case EMAIL -> email(raw);
      case ADDRESS -> AddressForm.normalise(raw);
      case NAME_BIRTH_DATE -> nameBirthDate(raw);
      case DOCUMENT_NUMBER -> documentNumber(raw);
      case NATIONAL_ID -> nationalId(raw);
      case IP -> ip(raw);
      case BANK_ACCOUNT -> bankAccount(raw);
      case DEVICE -> device(raw);
      case FACE -> Normalised.refused(
          kind, "faces are linked by embedding similarity, not by a normalised key");
    };
  }

  /**
   * A phone number in E.164, reading a number without a country code in {@code region}.
   *
   * @throws NullPointerException when either argument is null
   * @throws IllegalArgumentException when {@code region} is not a region phone numbers are known for
   */
  public Normalised phone(String raw, String region) {
    Objects.requireNonNull(raw, "raw");
    checkArgument(
        PHONES.getSupportedRegions().contains(region),
        "%s is not a region phone numbers are known for",
        region);
    if (raw.length() > MAX_LENGTH) {
      return Normalised.refused(EntityKind.PHONE, "longer than " + MAX_LENGTH + " characters");
    }
    PhoneNumber number;
    try {
      number = PHONES.parse(raw, region);
    } catch (NumberParseException e) {
      return Normalised.refused(EntityKind.PHONE, "not a phone number (" + describe(e) + ")");
    }
    if (!PHONES.isValidNumber(number)) {
      // "(852) 9123 4567": the country code written without + or 00; "00852 9123 4567" where the
      // region's international prefix reads "008" (Hong Kong dials 008 too) rather than "00".
      String trimmed = raw.strip();
      if (!trimmed.startsWith("+")) {
        List<String> readings = new ArrayList<>(2);
        if (trimmed.startsWith("00")) {
          readings.add("+" + trimmed.substring(2));
        }
        readings.add("+" + trimmed);
        for (String reading : readings) {
          try {
            PhoneNumber international = PHONES.parse(reading, region);
            if (PHONES.isValidNumber(international)) {
              return Normalised.accepted(
                  EntityKind.PHONE,
                  PHONES.format(international, PhoneNumberUtil.PhoneNumberFormat.E164));
            }
          } catch (NumberParseException ignored) {
            // Refused below, or the next reading.
          }
        }
      }
      return Normalised.refused(
          EntityKind.PHONE, "not a valid number in region " + region + " nor with a country code");
    }
    return Normalised.accepted(EntityKind.PHONE, PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
  }

  private static String describe(NumberParseException e) {
    return switch (e.getErrorType()) {
      case INVALID_COUNTRY_CODE -> "unknown country code";
      case NOT_A_NUMBER -> "not a number";
      case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too short";
      case TOO_LONG -> "too long";
    };
  }

  private Normalised email(String raw) {
    String text = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    int at = text.lastIndexOf('@');
    if (at < 0 || text.indexOf('@') != at) {
      return refusedEmail("an address has exactly one @");
    }
    String local = text.substring(0, at);
    String domain = text.substring(at + 1);
    if (local.isEmpty() || local.length() > 64) {
      return refusedEmail("the part before @ has 1 to 64 characters");
    }
    if (!EMAIL_LOCAL.matcher(local).matches()) {
      return refusedEmail("the part before @ has characters an address cannot have");
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return refusedEmail("the part before @ cannot start or end with a dot or have two in a row");
    }
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return refusedEmail("the domain is not a valid (internationalised) domain name");
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2 || ascii.length() > 253) {
      return refusedEmail("the domain has at least two labels and at most 253 characters");
    }
    for (String label : labels) {
      if (!DOMAIN_LABEL.matcher(label).matches()) {
        return refusedEmail("a domain label has 1 to 63 letters, digits or inner hyphens");
      }
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return refusedEmail("the domain is a name, not an IP address");
    }
    if (GMAIL.contains(ascii)) {
      // One mailbox: Gmail ignores dots, and googlemail.com is the same service.
      local = local.replace(".", "");
      ascii = "gmail.com";
    }
    if (subaddressingDomains.contains(ascii) || GMAIL.contains(ascii)) {
      int plus = local.indexOf('+');
      if (plus >= 0) {
        local = local.substring(0, plus);
      }
    }
    if (local.isEmpty()) {
      return refusedEmail("nothing is left before @ once the +tag is removed");
    }
    return Normalised.accepted(EntityKind.EMAIL, local + "@" + ascii);
  }

  private static Normalised refusedEmail(String reason) {
    return Normalised.refused(EntityKind.EMAIL, reason);
  }

  /**
   * Name and date of birth as {@code NAME|YYYY-MM-DD}.
   *
   * @throws NullPointerException when either argument is null
   */
  public Normalised nameBirthDate(String fullName, LocalDate birthDate) {
    Objects.requireNonNull(fullName, "fullName");
    Objects.requireNonNull(birthDate, "birthDate");
    if (fullName.length() > MAX_LENGTH) {
      return Normalised.refused(EntityKind.NAME_BIRTH_DATE, "longer than " + MAX_LENGTH + " characters");
    }
    if (birthDate.isBefore(EARLIEST_BIRTH_DATE)) {
      return Normalised.refused(EntityKind.NAME_BIRTH_DATE, "a birth date is not before 1900-01-01");
    }
    if (birthDate.isAfter(LocalDate.now(clock))) {
      return Normalised.refused(EntityKind.NAME_BIRTH_DATE, "a birth date is not in the future");
    }
    String name = name(fullName);
    if (name.isEmpty()) {
      return Normalised.refused(EntityKind.NAME_BIRTH_DATE, "the name has no letters");
    }
    return Normalised.accepted(EntityKind.NAME_BIRTH_DATE, name + "|" + birthDate);
  }

  private Normalised nameBirthDate(String raw) {
    int bar = raw.lastIndexOf('|');
    if (bar < 0) {
      return Normalised.refused(EntityKind.NAME_BIRTH_DATE, "written NAME|YYYY-MM-DD");
    }
    String date = raw.substring(bar + 1).strip();
    if (!DATE.matcher(date).matches()) {
      return Normalised.refused(EntityKind.NAME_BIRTH_DATE, "the birth date is written YYYY-MM-DD");
    }
    LocalDate birthDate;
    try {
      birthDate = LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      return Normalised.refused(EntityKind.NAME_BIRTH_DATE, "the birth date is not a date of the calendar");
    }
    return nameBirthDate(raw.substring(0, bar), birthDate);
  }

  /** Letters that do not decompose into a base letter and a mark. */
  private static final Map<Character, String> LETTERS =
      Map.ofEntries(
          Map.entry('ß', "SS"),
          Map.entry('ẞ', "SS"),
          Map.entry('Æ', "AE"),
          Map.entry('æ', "AE"),
          Map.entry('Œ', "OE"),
          Map.entry('œ', "OE"),
          Map.entry('Ø', "O"),
          Map.entry('ø', "O"),
          Map.entry('Ł', "L"),
          Map.entry('ł', "L"),
          Map.entry('Đ', "D"),
          Map.entry('đ', "D"),
          Map.entry('Ð', "D"),
          Map.entry('ð', "D"),
          Map.entry('Þ', "TH"),
          Map.entry('þ', "TH"),
          Map.entry('ı', "I"));

  private static String name(String fullName) {
    String decomposed = Normalizer.normalize(fullName, Normalizer.Form.NFKD);
    StringBuilder b = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); ) {
      int c = decomposed.codePointAt(i);
      i += Character.charCount(c);
      if (Character.getType(c) == Character.NON_SPACING_MARK
          || Character.getType(c) == Character.COMBINING_SPACING_MARK
          || Character.getType(c) == Character.ENCLOSING_MARK
          || c == '\'' || c == '\u2019' || c == '\u02bc') {
        continue; // diacritics go; O'Brien is OBRIEN
      }
      String mapped = c < Character.MIN_SUPPLEMENTARY_CODE_POINT ? LETTERS.get((char) c) : null;
      if (mapped != null) {
        b.append(mapped);
      } else if (Character.isLetter(c)) {
        b.appendCodePoint(c);
      } else {
        b.append(' ');
      }
    }
    List<String> words = new ArrayList<>(Arrays.asList(b.toString().toUpperCase(Locale.ROOT).strip().split("\\s+")));
    words.removeIf(String::isEmpty);
    words.sort(null);
    return String.join(" ", words);
  }

  private static Normalised documentNumber(String raw) {
    int colon = raw.indexOf(':');
    if (colon < 0) {
      return Normalised.refused(EntityKind.DOCUMENT_NUMBER, "written STATE:NUMBER");
    }
    String state = raw.substring(0, colon).replace("<", "").strip().toUpperCase(Locale.ROOT);
    String number = raw.substring(colon + 1).replaceAll("[<\\s]", "").toUpperCase(Locale.ROOT);
    if (!STATE.matcher(state).matches()) {
      return Normalised.refused(EntityKind.DOCUMENT_NUMBER, "the issuing state is an ICAO code of 1 to 3 letters");
    }
    if (!DOCUMENT.matcher(number).matches()) {
      return Normalised.refused(EntityKind.DOCUMENT_NUMBER, "the document number has 4 to 35 letters or digits");
    }
    return Normalised.accepted(EntityKind.DOCUMENT_NUMBER, state + ":" + number);
  }

  private static Normalised nationalId(String raw) {
    int colon = raw.indexOf(':');
    if (colon < 0) {
      return Normalised.refused(EntityKind.NATIONAL_ID, "written TYPE:NUMBER");
    }
    String type = raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    String number =
        ID_NUMBER_NOISE
            .matcher(Normalizer.normalize(raw.substring(colon + 1), Normalizer.Form.NFKC))
            .replaceAll("")
            .toUpperCase(Locale.ROOT);
    if (!ID_TYPE.matcher(type).matches()) {
      return Normalised.refused(
          EntityKind.NATIONAL_ID, "the type is a lower-case id such as hk-identity-card");
    }
    if (!ID_NUMBER.matcher(number).matches()) {
      return Normalised.refused(EntityKind.NATIONAL_ID, "the number has 4 to 32 letters or digits");
    }
    return Normalised.accepted(EntityKind.NATIONAL_ID, type + ":" + number);
  }

  private static Normalised ip(String raw) {
    String text = raw.strip();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
    }
    if (text.indexOf('%') >= 0) {
      return Normalised.refused(EntityKind.IP, "an address with a zone is local to one network");
    }
    if (!InetAddresses.isInetAddress(text)) {
      return Normalised.refused(
          EntityKind.IP, "not an IPv4 or IPv6 address (host names and ports are not accepted)");
    }
    InetAddress address = ipv4IfMapped(InetAddresses.forString(text)); // parses only: never resolves
    String refusal = notPublic(address);
    if (refusal != null) {
      return Normalised.refused(EntityKind.IP, refusal);
    }
    return Normalised.accepted(EntityKind.IP, InetAddresses.toAddrString(address));
  }

  /** {@code ::ffff:192.0.2.1} is the IPv4 address {@code 192.0.2.1} seen through an IPv6 socket. */
  private static InetAddress ipv4IfMapped(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 16) {
      for (int i = 0; i < 10; i++) {
        if (b[i] != 0) {
          return address;
        }
      }
      if (b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
        return byAddress(Arrays.copyOfRange(b, 12, 16));
      }
    }
    return address;
  }

  /** Why an address identifies nobody across institutions, or null when it is public. */
  private static String notPublic(InetAddress a) {
    byte[] b = a.getAddress();
    if (a.isAnyLocalAddress()) {
      return "the unspecified address identifies nobody";
    }
    if (a.isLoopbackAddress()) {
      return "a loopback address identifies nobody";
    }
    if (a.isLinkLocalAddress()) {
      return "a link-local address is local to one network";
    }
    if (a.isMulticastAddress()) {
      return "a multicast address identifies no sender";
    }
    boolean privateV4 = a.isSiteLocalAddress() && b.length == 4;
    boolean sharedV4 = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
    boolean uniqueLocalV6 = b.length == 16 && ((b[0] & 0xfe) == 0xfc || a.isSiteLocalAddress());
    if (privateV4 || sharedV4 || uniqueLocalV6 || (b.length == 4 && b[0] == 0)) {
      return "a private or shared address is reused by unrelated networks";
    }
    return null;
  }

  /**
   * The network around an IP address: its /24 for IPv4, its /64 for IPv6, written {@code
   * 203.0.113.0/24} or {@code 2001:db8:1:2::/64}. Applications behind one network are weaker
   * evidence of a link than applications from one address.
   *
   * @return empty when {@code raw} is not an address {@link #validate} accepts
   * @throws NullPointerException when {@code raw} is null
   */
  public Optional<String> ipNetwork(String raw) {
    Optional<String> address = normalise(EntityKind.IP, raw);
    if (address.isEmpty()) {
      return Optional.empty();
    }
    byte[] b = InetAddresses.forString(address.get()).getAddress();
    int prefix = b.length == 4 ? 24 : 64;
    for (int i = prefix / 8; i < b.length; i++) {
      b[i] = 0;
    }
    return Optional.of(InetAddresses.toAddrString(byAddress(b)) + "/" + prefix);
  }

  private static InetAddress byAddress(byte[] b) {
    try {
      return InetAddress.getByAddress(b); // bytes only: never resolves
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
    }
  }

  private static Normalised bankAccount(String raw) {
    String text = raw.strip().toUpperCase(Locale.ROOT);
    int colon = text.indexOf(':');
    String code = colon < 0 ? null : text.substring(0, colon).strip();
    String number = ACCOUNT_NOISE.matcher(colon < 0 ? text : text.substring(colon + 1)).replaceAll("");
    if (IBAN_SHAPE.matcher(number).matches()) {
      // The IBAN names the bank itself: a bank code written before it adds nothing.
      if (!ibanCheckDigitsMatch(number)) {
        return Normalised.refused(EntityKind.BANK_ACCOUNT, "the IBAN's check digits do not match");
      }
      return Normalised.accepted(EntityKind.BANK_ACCOUNT, number);
    }
    if (code == null) {
      return Normalised.refused(
          EntityKind.BANK_ACCOUNT, "written BANKCODE:NUMBER, or an IBAN");
    }
    if (!BANK_CODE.matcher(code).matches()) {
      return Normalised.refused(EntityKind.BANK_ACCOUNT, "the bank code has 1 to 11 letters or digits");
    }
    if (!ACCOUNT_DIGITS.matcher(number).matches()) {
      return Normalised.refused(
          EntityKind.BANK_ACCOUNT, "the account number has 4 to 34 digits (or is an IBAN)");
    }
    return Normalised.accepted(EntityKind.BANK_ACCOUNT, code + ":" + number);
  }

  /** ISO 13616: the first four characters moved to the end, letters as 10..35, mod 97 is 1. */
  static boolean ibanCheckDigitsMatch(String iban) {
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder digits = new StringBuilder(rearranged.length() * 2);
    for (int i = 0; i < rearranged.length(); i++) {
      digits.append(Character.digit(rearranged.charAt(i), 36));
    }
    return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }

  private static Normalised device(String raw) {
    String text = raw.strip();
    while (text.endsWith("=")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.length() < DEVICE_MIN || text.length() > DEVICE_MAX) {
      return Normalised.refused(
          EntityKind.DEVICE,
          "a device fingerprint has " + DEVICE_MIN + " to " + DEVICE_MAX + " characters");
    }
    if (HEX.matcher(text).matches()) {
      return Normalised.accepted(EntityKind.DEVICE, text.toLowerCase(Locale.ROOT));
    }
    if (BASE64URL.matcher(text).matches()) {
      return Normalised.accepted(EntityKind.DEVICE, text);
    }
    return Normalised.refused(EntityKind.DEVICE, "a device fingerprint is hex or base64url");
  }
}
