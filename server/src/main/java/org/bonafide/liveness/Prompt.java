package org.bonafide.liveness;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What the capture page asks the applicant to do at one moment. Movement directions are the
 * applicant's own: {@code TURN_LEFT} means the applicant turns the head to their left.
 */
public enum Prompt {
  /** Look at the screen and keep still while the screen colours flash. */
  HOLD_STILL,
  TURN_LEFT,
  TURN_RIGHT,
  LOOK_UP,
  LOOK_DOWN,
  BLINK,
  /** Move one hand slowly across the face and away again. */
  HAND_SWEEP,
  /** Turn the head to the applicant's left until the face is side-on (a profile), then back. */
  PROFILE_LEFT,
  /** Turn the head to the applicant's right until the face is side-on, then back. */
  PROFILE_RIGHT;

  /** The stable name used in JSON and session folders, e.g. {@code turn_left}. */
  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the head movements (turns and looks). */
  public boolean isMovement() {
    return this == TURN_LEFT || this == TURN_RIGHT || this == LOOK_UP || this == LOOK_DOWN;
  }

  /** True for the profile turns, judged by the face mesh rather than the pose model. */
  public boolean isProfile() {
    return this == PROFILE_LEFT || this == PROFILE_RIGHT;
  }

  @JsonCreator
  public static Prompt fromCode(String code) {
    for (Prompt prompt : values()) {
      if (prompt.code().equals(code)) {
        return prompt;
      }
    }
    throw new IllegalArgumentException("unknown prompt \"" + code + "\"");
  }
}
