package org.bonafide.biometrics;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Tunables of the face engine. Defaults are the values documented in {@code docs/face-engine.md}.
 *
 * @param intraOpThreads ONNX Runtime threads used inside one model call (0 = runtime default)
 * @param interOpThreads ONNX Runtime threads used across graph branches (0 = runtime default)
 * @param maxImageBytes images larger than this are refused before decoding
 * @param maxImagePixels images whose header declares more pixels are refused before decoding
 * @param detectionThreshold minimum detector confidence for a face
 * @param matchThreshold cosine similarity at or above which two faces are the same person
 * @param minFaceSize face boxes smaller than this (pixels, height) get {@code face-too-small}
 * @param minSharpness Laplacian variance below this gets {@code blurred}
 * @param minBrightness mean luma below this gets {@code too-dark}
 * @param maxBrightness mean luma above this gets {@code too-bright}
 * @param maxYaw absolute yaw (degrees) above this gets {@code off-angle}
 * @param maxPitch absolute pitch (degrees) above this gets {@code off-angle}
 */
public record FaceEngineSettings(
    int intraOpThreads,
    int interOpThreads,
    long maxImageBytes,
    long maxImagePixels,
    float detectionThreshold,
    double matchThreshold,
    int minFaceSize,
    double minSharpness,
    double minBrightness,
    double maxBrightness,
    double maxYaw,
    double maxPitch) {

  /** Calibrated on the development photos; see docs/face-engine.md. */
  public static final double DEFAULT_MATCH_THRESHOLD = 0.51;

  public FaceEngineSettings {
    checkArgument(intraOpThreads >= 0, "intra-op threads must be >= 0, was %s", intraOpThreads);
    checkArgument(interOpThreads >= 0, "inter-op threads must be >= 0, was %s", interOpThreads);
    checkArgument(maxImageBytes > 0, "the image byte limit must be positive");
    checkArgument(maxImagePixels > 0, "the image pixel limit must be positive");
    checkArgument(
        detectionThreshold > 0 && detectionThreshold < 1,
        "the detection threshold must lie in (0, 1), was %s",
        detectionThreshold);
    checkArgument(
        matchThreshold > -1 && matchThreshold < 1,
        "the match threshold is a cosine similarity in (-1, 1), was %s",
        matchThreshold);
  }

  public static FaceEngineSettings defaults() {
    return new FaceEngineSettings(
        1, 1, 15L * 1024 * 1024, 40_000_000L, 0.7f, DEFAULT_MATCH_THRESHOLD, 80, 20, 45, 215, 35, 30);
  }

  public FaceEngineSettings withThreads(int intraOp, int interOp) {
    return new FaceEngineSettings(
        intraOp,
        interOp,
        maxImageBytes,
        maxImagePixels,
        detectionThreshold,
        matchThreshold,
        minFaceSize,
        minSharpness,
        minBrightness,
        maxBrightness,
        maxYaw,
        maxPitch);
  }

  public FaceEngineSettings withMatchThreshold(double threshold) {
    return new FaceEngineSettings(
        intraOpThreads,
        interOpThreads,
        maxImageBytes,
        maxImagePixels,
        detectionThreshold,
        threshold,
        minFaceSize,
        minSharpness,
        minBrightness,
        maxBrightness,
        maxYaw,
        maxPitch);
  }
}
