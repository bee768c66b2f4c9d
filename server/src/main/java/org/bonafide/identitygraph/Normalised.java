package org.bonafide.identitygraph;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * The outcome of normalising one identifier: either its canonical text or the reason it is refused.
 * Exactly one of {@code canonical} and {@code refusal} is set.
 *
 * <p>A refusal never repeats the raw value (it may be personal data); it says what is wrong with it,
 * so the API can answer 400 with a clear detail.
 *
 * @param kind what the value was taken to be
 * @param canonical the canonical text, or {@code null} when refused
 * @param refusal why the value is not a usable identifier of {@code kind}, or {@code null}
 */
public record Normalised(EntityKind kind, String canonical, String refusal) {

  public Normalised {
    Objects.requireNonNull(kind, "kind");
    checkArgument(
        (canonical == null) != (refusal == null),
        "exactly one of canonical and refusal is set");
  }

  static Normalised accepted(EntityKind kind, String canonical) {
    return new Normalised(kind, canonical, null);
  }

  static Normalised refused(EntityKind kind, String refusal) {
    return new Normalised(kind, null, refusal);
  }

  /** Whether the value is a usable identifier. */
  public boolean isAccepted() {
    return canonical != null;
  }

  /** The canonical text, empty when refused. */
  public Optional<String> value() {
    return Optional.ofNullable(canonical);
  }

  /**
   * The canonical text.
   *
   * @throws BonafideException {@link ErrorCode#VALIDATION_FAILED} with the refusal as detail and
   *     the kind's code as property {@code kind}
   */
  public String orElseThrow() {
    if (canonical == null) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "Not a usable " + kind.code() + ": " + refusal,
          Map.of("kind", kind.code()));
    }
    return canonical;
  }
}
