package org.bonafide.session;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a session is in its life. */
enum SessionState {
  /** Challenge issued; the capture link has not been opened. */
  CREATED,
  /** The capture link was redeemed; frames may arrive. */
  CAPTURING,
  /** The capture was submitted and waits for, or is in, analysis. */
  SUBMITTED,
  /** Analysed: the outcome is passed, failed or retry. */
  ANALYSED,
  /** Not submitted before it expired (an abandoned capture). */
  EXPIRED;

  @JsonValue
  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SessionState fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  boolean acceptsFrames() {
    return this == CREATED || this == CAPTURING;
  }
}
