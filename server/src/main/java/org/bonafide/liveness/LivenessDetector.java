package org.bonafide.liveness;

/**
 * One check of a capture, as a provider: a stable id (also its settings key under {@code
 * bonafide.detectors.<id>}), a description, and an {@code enabled} setting. Implementations are
 * stateless after construction and thread-safe.
 */
interface LivenessDetector {
  String id();

  String description();

  boolean enabled();

  /** Whether the check applies to this capture (a hand-sweep check needs a hand-sweep prompt). */
  default boolean appliesTo(CaptureMeasurements capture) {
    return true;
  }

  /**
   * Whether the check reads the challenge's answer from the face frames: such checks are skipped
   * when the capture has too few frames or too few faces (the outcome is then a retry, not a
   * "not seen" failure that a dark room or a dropped upload would cause).
   */
  default boolean answersChallenge() {
    return false;
  }

  /**
   * Whether the check reads footage recorded without a challenge (face presence, quality, same
   * person, the passive models, the face-swap signals): {@link LivenessAnalyzers#passive} runs only
   * these.
   */
  default boolean passive() {
    return false;
  }

  CheckResult evaluate(CaptureMeasurements capture);
}
