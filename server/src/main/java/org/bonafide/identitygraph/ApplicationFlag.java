package org.bonafide.identitygraph;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why an application was found bad after it was recorded. A flagged application raises the scam
 * indicators it carries: the bank account it named is a candidate mule account, its phone a
 * candidate scam number.
 */
public enum ApplicationFlag {
  /** The verification session behind it failed (the service sets this itself). */
  FAILED_VERIFICATION,
  /** The institution confirmed the application was fraudulent. */
  CONFIRMED_FRAUD,
  /** The account opened through it was used as a mule account. */
  MULE_ACCOUNT,
  /** The identity was used without its owner's knowledge. */
  IDENTITY_THEFT;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The flag with this code, if any. */
  public static Optional<ApplicationFlag> fromCode(String code) {
    return Arrays.stream(values()).filter(f -> f.code().equals(code)).findFirst();
  }
}
