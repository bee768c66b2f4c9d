package org.bonafide.scamintel;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;

/**
 * A scam indicator in canonical form: two reports of the same number, account or link written
 * differently meet at the same indicator.
 *
 * @param kind what it is
 * @param value its canonical text ({@link Indicators} makes it)
 */
public record Indicator(IndicatorKind kind, String value) {
  public Indicator {
    Objects.requireNonNull(kind, "kind");
    checkArgument(value != null && !value.isBlank(), "an indicator has a value");
  }

  @Override
  public String toString() {
    return kind.code() + ":" + value;
  }
}
