package org.bonafide.liveness;

import org.bonafide.biometrics.FaceEngine;

/** Builds analyzers outside Spring (command line, benchmarks). */
public final class LivenessAnalyzers {
  private LivenessAnalyzers() {}

  /** An analyzer with every detector at its default settings. */
  public static LivenessAnalyzer withDefaults(FaceEngine engine) {
    throw new UnsupportedOperationException("the liveness detectors are being written (issue 3)");
  }
}
