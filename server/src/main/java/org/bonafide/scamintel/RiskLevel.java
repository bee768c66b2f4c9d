package org.bonafide.scamintel;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The graded risk of an indicator. {@link #NO_RECORD} says that nothing is known, never that the
 * indicator is safe: a scam's first victim meets a number nobody has reported yet.
 */
public enum RiskLevel {
  /** Several independent, trusted reports, or a verified (police) one. */
  HIGH("high"),
  /** A trusted report, or several unverified ones. */
  MEDIUM("medium"),
  /** Unverified or old reports only. */
  LOW("low"),
  /** No report counts. */
  NO_RECORD("no-record");

  private final String code;

  RiskLevel(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }
}
