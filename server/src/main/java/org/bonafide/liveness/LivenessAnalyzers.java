package org.bonafide.liveness;

import org.bonafide.biometrics.FaceEngine;

/** Builds analyzers outside Spring (command line, benchmarks). */
public final class LivenessAnalyzers {
  private LivenessAnalyzers() {}

  /** An analyzer with every detector at its default settings ({@code docs/liveness.md}). */
  public static LivenessAnalyzer withDefaults(FaceEngine engine) {
    return create(engine, new DetectorProperties());
  }

  /**
   * An analyzer with the given settings. The settings are read on every analysis, not copied:
   * change them before the first.
   */
  public static LivenessAnalyzer create(FaceEngine engine, DetectorProperties properties) {
    return new DefaultLivenessAnalyzer(engine, properties);
  }
}
