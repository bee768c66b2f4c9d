package org.bonafide.liveness;

/**
 * Analyses a capture against its challenge: per-frame face analysis, then every enabled detector,
 * then one outcome with reasons and evidence. Thread-safe.
 */
public interface LivenessAnalyzer {
  /**
   * @param capture the challenge, the frames and the telemetry
   * @param referenceEmbedding the reference photo's embedding to match, or null when none was given
   */
  LivenessReport analyse(Capture capture, float[] referenceEmbedding);
}
