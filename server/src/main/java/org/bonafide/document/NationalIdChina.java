package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The resident identity card number of mainland China (GB 11643-1999): 18 characters, a six-digit
 * administrative region code, the birth date {@code YYYYMMDD}, a three-digit sequence whose last
 * digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check character ({@code 0-9}
 * or {@code X}). The region's first two digits must name a province-level division.
 */
public final class NationalIdChina implements NationalIdValidator {
  private static final Map<String, String> PROVINCES = provinces();
  private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1850, 1, 1);

  private final InstantSource clock;

  /** Judges birth dates against the system clock. */
  public NationalIdChina() {
    this(InstantSource.system());
  }

  /** Judges birth dates (none may lie in the future) against {@code clock}. */
  public NationalIdChina(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public String id() {
    return "cn-resident-identity-card";
  }

  @Override
  public String country() {
    return "CHN";
  }

  @Override
  public NationalIdResult validate(String number) {
    checkArgument(number != null && number.length() <= NationalIdResult.MAX_INPUT, "a resident identity card number has at most %s characters", NationalIdResult.MAX_INPUT);
    String n = number.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    if (!n.matches("[0-9]{17}[0-9X]")) {
      return NationalIdResult.invalid(this, number.trim(), "expected 17 digits and a check character 0-9 or X (18 in all)", Map.of());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String region = n.substring(0, 6);
    fields.put("regionCode", region);
    String province = PROVINCES.get(region.substring(0, 2));
    if (province != null) {
      fields.put("province", province);
    }
    LocalDate birth = null;
    try {
      birth = LocalDate.of(Integer.parseInt(n.substring(6, 10)), Integer.parseInt(n.substring(10, 12)), Integer.parseInt(n.substring(12, 14)));
      fields.put("birthDate", birth.toString());
    } catch (DateTimeException e) {
      // reported below
    }
    fields.put("sex", (n.charAt(16) - '0') % 2 == 1 ? "male" : "female");
    char expected = checkCharacter(n.substring(0, 17));
    if (province == null) {
      return NationalIdResult.invalid(this, n, "region code " + region + " names no province (first two digits " + region.substring(0, 2) + ")", fields);
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (birth == null || birth.isAfter(today) || birth.isBefore(EARLIEST_BIRTH)) {
      return NationalIdResult.invalid(this, n, "birth date " + n.substring(6, 14) + " is impossible", fields);
    }
    if (n.charAt(17) != expected) {
      return NationalIdResult.invalid(this, n, "check character " + n.charAt(17) + " is wrong (expected " + expected + ")", fields);
    }
    return NationalIdResult.valid(this, n, "check character, birth date and province verify", fields);
  }

  /** ISO 7064 MOD 11-2 over 17 digits: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 as X. */
  static char checkCharacter(String first17) {
    int sum = 0;
    int weight = 1;
    // Walk from the last digit, whose weight is 2^1; each step left doubles the weight modulo 11.
    for (int i = 16; i >= 0; i--) {
      weight = weight * 2 % 11;
      sum += (first17.charAt(i) - '0') * weight;
    }
    int check = (12 - sum % 11) % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  private static Map<String, String> provinces() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("11", "Beijing");
    p.put("12", "Tianjin");
    p.put("13", "Hebei");
    p.put("14", "Shanxi");
    p.put("15", "Inner Mongolia");
    p.put("21", "Liaoning");
    p.put("22", "Jilin");
    p.put("23", "Heilongjiang");
    p.put("31", "Shanghai");
    p.put("32", "Jiangsu");
    p.put("33", "Zhejiang");
    p.put("34", "Anhui");
    p.put("35", "Fujian");
    p.put("36", "Jiangxi");
    p.put("37", "Shandong");
    p.put("41", "Henan");
    p.put("42", "Hubei");
    p.put("43", "Hunan");
    p.put("44", "Guangdong");
    p.put("45", "Guangxi");
    p.put("46", "Hainan");
    p.put("50", "Chongqing");
    p.put("51", "Sichuan");
    p.put("52", "Guizhou");
    p.put("53", "Yunnan");
    p.put("54", "Tibet");
    p.put("61", "Shaanxi");
    p.put("62", "Gansu");
    p.put("63", "Qinghai");
    p.put("64", "Ningxia");
    p.put("65", "Xinjiang");
    p.put("71", "Taiwan");
    p.put("81", "Hong Kong");
    p.put("82", "Macao");
    // Residence permits for residents of Taiwan use 83.
    p.put("83", "Taiwan (residence permit)");
    return Map.copyOf(p);
  }
}
