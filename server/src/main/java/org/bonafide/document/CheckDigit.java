package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The ICAO 9303 check digit: each character's value ({@code 0-9} as themselves, {@code A-Z} as
 * 10-35, the filler {@code <} as 0) times the repeating weights 7, 3, 1, summed, modulo 10.
 */
public final class CheckDigit {
  private static final int[] WEIGHTS = {7, 3, 1};

  private CheckDigit() {}

  /** The value of one MRZ character, or -1 for a character an MRZ cannot hold. */
  public static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 10;
    }
    return c == '<' ? 0 : -1;
  }

  /**
   * The check digit of {@code data}.
   *
   * @throws IllegalArgumentException when {@code data} holds a character outside {@code 0-9A-Z<}
   */
  public static char compute(CharSequence data) {
    int sum = 0;
    for (int i = 0; i < data.length(); i++) {
      int v = value(data.charAt(i));
      checkArgument(v >= 0, "an MRZ holds only 0-9, A-Z and <; found '%s' at %s", data.charAt(i), i);
      sum += v * WEIGHTS[i % 3];
    }
    return (char) ('0' + sum % 10);
  }

  /** Whether {@code digit} is the check digit of {@code data}; false when either holds a foreign character. */
  public static boolean verifies(CharSequence data, char digit) {
    for (int i = 0; i < data.length(); i++) {
      if (value(data.charAt(i)) < 0) {
        return false;
      }
    }
    return digit >= '0' && digit <= '9' && compute(data) == digit;
  }
}
