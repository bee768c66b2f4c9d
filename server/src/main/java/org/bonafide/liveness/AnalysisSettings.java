package org.bonafide.liveness;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the analyzer measures frames, under {@code bonafide.detectors.analysis} (not a detector: no
 * {@code enabled}).
 *
 * @param threads frames measured in parallel (the face engine is thread-safe)
 * @param attackScoreEvery the passive attack model and the blend detector run on every n-th frame
 *     with a face (together about 10 ms a frame)
 */
@ConfigurationProperties(DetectorSettings.PREFIX + "analysis")
record AnalysisSettings(@DefaultValue("2") int threads, @DefaultValue("3") int attackScoreEvery) {
  AnalysisSettings {
    DetectorSettings.between("threads", threads, 1, 64);
    DetectorSettings.atLeast("attack-score-every", attackScoreEvery, 1);
  }

  /** The defaults. */
  static AnalysisSettings defaults() {
    return DetectorSettings.defaults(AnalysisSettings.class);
  }
}
