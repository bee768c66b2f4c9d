package org.bonafide.biometrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * The face engine's settings, under {@code bonafide.face}. Each default is the engine's own
 * ({@link FaceEngineSettings#defaults()}), so calibration there reaches the service without a
 * second copy here.
 */
@ConfigurationProperties("bonafide.face")
class FaceProperties {
  private static final FaceEngineSettings DEFAULTS = FaceEngineSettings.defaults();

  private int intraOpThreads = DEFAULTS.intraOpThreads();
  private int interOpThreads = DEFAULTS.interOpThreads();

  @DataSizeUnit(DataUnit.BYTES)
  private DataSize maxImageBytes = DataSize.ofBytes(DEFAULTS.maxImageBytes());

  private long maxImagePixels = DEFAULTS.maxImagePixels();
  private float detectionThreshold = DEFAULTS.detectionThreshold();
  private double matchThreshold = DEFAULTS.matchThreshold();
  private int minFaceSize = DEFAULTS.minFaceSize();
  private MultipleFacesPolicy multipleFaces = MultipleFacesPolicy.MOST_PROMINENT;
  private int maxConcurrentAnalyses = Runtime.getRuntime().availableProcessors();
  private Duration analysisQueueTimeout = Duration.ofSeconds(20);

  FaceEngineSettings toSettings() {
    return new FaceEngineSettings(
        intraOpThreads,
        interOpThreads,
        maxImageBytes.toBytes(),
        maxImagePixels,
        detectionThreshold,
        matchThreshold,
        minFaceSize,
        DEFAULTS.minSharpness(),
        DEFAULTS.minBrightness(),
        DEFAULTS.maxBrightness(),
        DEFAULTS.maxYaw(),
        DEFAULTS.maxPitch());
  }

  /** ONNX Runtime threads inside one model call; 0 lets the runtime choose. */
  public int getIntraOpThreads() {
    return intraOpThreads;
  }

  public void setIntraOpThreads(int intraOpThreads) {
    this.intraOpThreads = intraOpThreads;
  }

  /** ONNX Runtime threads across graph branches; 0 lets the runtime choose. */
  public int getInterOpThreads() {
    return interOpThreads;
  }

  public void setInterOpThreads(int interOpThreads) {
    this.interOpThreads = interOpThreads;
  }

  /** Larger images are refused with {@code image-too-large} before decoding. */
  public DataSize getMaxImageBytes() {
    return maxImageBytes;
  }

  public void setMaxImageBytes(DataSize maxImageBytes) {
    this.maxImageBytes = maxImageBytes;
  }

  /** Images declaring more pixels are refused with {@code image-too-many-pixels}, undecoded. */
  public long getMaxImagePixels() {
    return maxImagePixels;
  }

  public void setMaxImagePixels(long maxImagePixels) {
    this.maxImagePixels = maxImagePixels;
  }

  /** Minimum detector confidence for a face, in (0, 1). */
  public float getDetectionThreshold() {
    return detectionThreshold;
  }

  public void setDetectionThreshold(float detectionThreshold) {
    this.detectionThreshold = detectionThreshold;
  }

  /** Cosine similarity at or above which two faces are the same person. */
  public double getMatchThreshold() {
    return matchThreshold;
  }

  public void setMatchThreshold(double matchThreshold) {
    this.matchThreshold = matchThreshold;
  }

  /** Faces shorter than this many pixels get the {@code face-too-small} quality issue. */
  public int getMinFaceSize() {
    return minFaceSize;
  }

  public void setMinFaceSize(int minFaceSize) {
    this.minFaceSize = minFaceSize;
  }

  /** Default for images with several faces: {@code most-prominent} or {@code refuse}. */
  public MultipleFacesPolicy getMultipleFaces() {
    return multipleFaces;
  }

  public void setMultipleFaces(MultipleFacesPolicy multipleFaces) {
    this.multipleFaces = multipleFaces;
  }

  /** Comparisons analysed at once (default: the number of cores); others wait their turn. */
  public int getMaxConcurrentAnalyses() {
    return maxConcurrentAnalyses;
  }

  public void setMaxConcurrentAnalyses(int maxConcurrentAnalyses) {
    this.maxConcurrentAnalyses = maxConcurrentAnalyses;
  }

  /** How long a comparison waits for a slot before it is answered service-busy (503). */
  public Duration getAnalysisQueueTimeout() {
    return analysisQueueTimeout;
  }

  public void setAnalysisQueueTimeout(Duration analysisQueueTimeout) {
    this.analysisQueueTimeout = analysisQueueTimeout;
  }
}
