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

  /**
   * An analyzer of footage recorded without a challenge: only the detectors that need none run
   * (face presence, quality, same person, passive attack model, landmark jitter, blending seam,
   * skin tone, rPPG). Give it a capture whose challenge is one {@link Prompt#HOLD_STILL} step as
   * long as the footage and no colours, and frames without a screen colour.
   */
  public static LivenessAnalyzer passive(FaceEngine engine, DetectorProperties properties) {
    return new DefaultLivenessAnalyzer(engine, properties, DefaultLivenessAnalyzer.passiveDetectors(properties));
  }

  /** The ids of the face-swap checks, whose scores {@code eval deepfake} combines. */
  public static java.util.List<String> faceSwapCheckIds() {
    return java.util.List.of(
        LandmarkJitterDetector.ID, BlendingSeamDetector.ID, SkinToneDetector.ID, RppgDetector.ID, BlendArtefactsDetector.ID);
  }
}
