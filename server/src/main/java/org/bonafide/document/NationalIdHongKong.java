package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Hong Kong identity card number: one or two letters, six digits and a check character
 * ({@code 0-9} or {@code A}), printed {@code A123456(3)}. The check is modulo 11 with weights 9 down
 * to 2 over the two letter places and the six digits; a letter counts 10-35, and the empty first
 * place of a one-letter prefix counts as a space, 36. The check character makes the weighted sum
 * plus itself (A = 10) a multiple of 11.
 */
public final class NationalIdHongKong implements NationalIdValidator {
  private static final Pattern SHAPE = Pattern.compile("([A-Z]{1,2})([0-9]{6})\\(?([0-9A])\\)?");
  private static final int SPACE = 36;

  @Override
  public String id() {
    return "hk-identity-card";
  }

  @Override
  public String country() {
    return "HKG";
  }

  @Override
  public NationalIdResult validate(String number) {
    checkArgument(number != null && number.length() <= NationalIdResult.MAX_INPUT, "a Hong Kong identity card number has at most %s characters", NationalIdResult.MAX_INPUT);
    String compact = number.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    Matcher m = SHAPE.matcher(compact);
    if (!m.matches()) {
      return NationalIdResult.invalid(this, number.trim(), "expected one or two letters, six digits and a check character 0-9 or A, as A123456(3)", Map.of());
    }
    String prefix = m.group(1);
    String digits = m.group(2);
    char given = m.group(3).charAt(0);
    char expected = checkCharacter(prefix, digits);
    String normalized = prefix + digits + "(" + given + ")";
    Map<String, String> fields = Map.of("prefix", prefix);
    if (given != expected) {
      return NationalIdResult.invalid(this, normalized, "check character " + given + " is wrong (expected " + expected + ")", fields);
    }
    return NationalIdResult.valid(this, normalized, "check character verifies", fields);
  }

  /** The check character of a prefix (one or two letters) and six digits. */
  static char checkCharacter(String prefix, String digits) {
    int[] values = new int[8];
    values[0] = prefix.length() == 2 ? prefix.charAt(0) - 'A' + 10 : SPACE;
    values[1] = prefix.charAt(prefix.length() - 1) - 'A' + 10;
    for (int i = 0; i < 6; i++) {
      values[i + 2] = digits.charAt(i) - '0';
    }
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += values[i] * (9 - i);
    }
    int check = (11 - sum % 11) % 11;
    return check == 10 ? 'A' : (char) ('0' + check);
  }
}
