package org.bonafide.biometrics;

import java.util.Locale;
import java.util.Optional;

/** What a comparison does with an image that shows several faces. */
enum MultipleFacesPolicy {
  /**
   * Use the most prominent face (the engine's first: area discounted by distance from the centre)
   * and say so in the result.
   */
  MOST_PROMINENT,
  /** Refuse the image with {@code multiple-faces}. */
  REFUSE;

  String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Optional<MultipleFacesPolicy> parse(String value) {
    for (MultipleFacesPolicy policy : values()) {
      if (policy.code().equals(value)) {
        return Optional.of(policy);
      }
    }
    return Optional.empty();
  }
}
