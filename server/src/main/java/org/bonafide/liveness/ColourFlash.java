package org.bonafide.liveness;

import java.util.regex.Pattern;

/**
 * One full-screen colour of the colour challenge.
 *
 * @param colour {@code #rrggbb}, lower case
 * @param durationMs how long it is shown; never below 334 ms (at most 3 flashes per second)
 */
public record ColourFlash(String colour, int durationMs) {
  private static final Pattern HEX = Pattern.compile("#[0-9a-f]{6}");

  /** The shortest colour duration allowed: 3 flashes per second at most (photosensitivity). */
  public static final int MIN_DURATION_MS = 334;

  public ColourFlash {
    if (colour == null || !HEX.matcher(colour).matches()) {
      throw new IllegalArgumentException("a colour is written #rrggbb in lower case, got " + colour);
    }
    if (durationMs < MIN_DURATION_MS) {
      throw new IllegalArgumentException(
          "a colour is shown at least " + MIN_DURATION_MS + " ms (3 flashes per second at most)");
    }
  }

  /** Red, green and blue of {@link #colour()}, 0-255. */
  public int[] rgb() {
    int value = Integer.parseInt(colour.substring(1), 16);
    return new int[] {(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff};
  }
}
