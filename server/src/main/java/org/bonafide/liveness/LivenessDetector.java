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

  CheckResult evaluate(CaptureMeasurements capture);
}
