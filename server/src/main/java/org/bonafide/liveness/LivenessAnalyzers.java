package org.bonafide.liveness;

import java.util.List;
import java.util.Map;
import org.bonafide.biometrics.FaceEngine;

/**
 * Builds analyzers outside Spring (command line, benchmarks): the same detectors as the service's
 * beans ({@link LivenessDetectors}), with their settings bound from a map of the service's property
 * names, as the service binds them from its configuration.
 */
public final class LivenessAnalyzers {
  private LivenessAnalyzers() {}

  /** An analyzer with every detector at its default settings ({@code docs/liveness.md}). */
  public static LivenessAnalyzer withDefaults(FaceEngine engine) {
    return create(engine, Map.of());
  }

  /**
   * An analyzer with these settings: full property names ({@code
   * bonafide.detectors.movement.min-angle}) to values; defaults for the rest.
   *
   * @throws org.springframework.boot.context.properties.bind.BindException when a value is refused
   */
  public static LivenessAnalyzer create(FaceEngine engine, Map<String, String> properties) {
    return new DefaultLivenessAnalyzer(
        engine, DetectorSettings.bind(AnalysisSettings.class, properties), LivenessDetectors.create(properties));
  }

  /**
   * An analyzer of footage recorded without a challenge: only the detectors that need none run
   * ({@link LivenessDetector#passive}: face presence, quality, same person, the passive attack model
   * and the face-swap signals). Give it a capture whose challenge is one {@link Prompt#HOLD_STILL}
   * step as long as the footage and no colours, and frames without a screen colour.
   */
  public static LivenessAnalyzer passive(FaceEngine engine, Map<String, String> properties) {
    return new DefaultLivenessAnalyzer(
        engine,
        DetectorSettings.bind(AnalysisSettings.class, properties),
        LivenessDetectors.create(properties).stream().filter(LivenessDetector::passive).toList());
  }

  /** The ids of the face-swap checks, whose scores {@code eval deepfake} combines. */
  public static List<String> faceSwapCheckIds() {
    return List.of(
        LandmarkJitterDetector.ID, BlendingSeamDetector.ID, SkinToneDetector.ID, RppgDetector.ID, BlendArtefactsDetector.ID);
  }
}
