package org.bonafide.liveness;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The result of analysing a capture. */
public enum Outcome {
  /** A live person answered this challenge (and matched the reference, when one was given). */
  PASSED,
  /** The capture did not prove live presence, or showed an attack. */
  FAILED,
  /** Nothing suspicious, but quality was too poor to decide (dark, no face, too fast): try again. */
  RETRY;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
