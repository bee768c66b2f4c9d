package org.bonafide.scamintel;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** Who reported an indicator; the source sets how much one report weighs. */
public enum ReportSource {
  /** A police or regulator feed: verified. */
  POLICE("police", 2.0, true),
  /** An institution that confirmed the fraud on its own customers' case. */
  INSTITUTION("institution", 1.0, true),
  /** An imported feed; its rows carry the trust the importer declared (weight times trust). */
  FEED("feed", 1.0, true),
  /** A member of the public: unverified. */
  PUBLIC("public", 0.25, false);

  private final String code;
  private final double weight;
  private final boolean verified;

  ReportSource(String code, double weight, boolean verified) {
    this.code = code;
    this.weight = weight;
    this.verified = verified;
  }

  @JsonValue
  public String code() {
    return code;
  }

  /** The weight of one fresh report of this source at full trust. */
  public double weight() {
    return weight;
  }

  /** Whether a report of this source has been checked by someone accountable. */
  public boolean verified() {
    return verified;
  }

  public static Optional<ReportSource> fromCode(String code) {
    for (ReportSource s : values()) {
      if (s.code.equals(code)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
