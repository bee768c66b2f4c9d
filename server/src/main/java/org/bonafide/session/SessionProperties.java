package org.bonafide.session;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings under {@code bonafide.session}. */
@ConfigurationProperties("bonafide.session")
class SessionProperties {
  /**
   * Key that signs challenges (HMAC-SHA256), at least 32 characters. Unset: the service generates
   * one and keeps it in the database, which suits a single deployment.
   */
  private String challengeKey = "";

  /** How long a session, its challenge and its capture link live before the capture is submitted. */
  private Duration expiry = Duration.ofMinutes(3);

  /** How long evidence (audit frames, face crops) and recorded captures are kept after analysis. */
  private Duration retention = Duration.ofDays(30);

  /** How often expired sessions and evidence past retention are looked for. */
  private Duration sweepInterval = Duration.ofSeconds(30);

  private int maxFrames = 600;
  private int maxFramesPerRequest = 30;

  /** Identity documents a session accepts (retakes of a blurred photo included). */
  private int maxDocuments = 5;
  private DataSize maxFrameBytes = DataSize.ofMegabytes(2);

  /**
   * Pixels a frame may have (read from its header before decoding): a video frame, not a photo.
   * 2.5 million holds 1920x1080 and 1440x1440.
   */
  private long maxFramePixels = 2_500_000;

  /** A frame's long side may be at most this many times its short side. */
  private double maxFrameAspect = 4;

  /** Sessions analysed at once; each holds its decoded frames in turn. */
  private int analysisThreads = 1;

  /** Base URL of the capture page in capture links; empty: the URL the request came to. */
  private String publicUrl = "";

  private String defaultPolicy = "standard";

  /** Named challenge policies; the built-in ones ({@link SessionPolicies}) unless overridden here. */
  private Map<String, ChallengePolicy> policies = new LinkedHashMap<>();

  public String getChallengeKey() {
    return challengeKey;
  }

  public void setChallengeKey(String challengeKey) {
    this.challengeKey = challengeKey;
  }

  public Duration getExpiry() {
    return expiry;
  }

  public void setExpiry(Duration expiry) {
    this.expiry = expiry;
  }

  public Duration getRetention() {
    return retention;
  }

  public void setRetention(Duration retention) {
    this.retention = retention;
  }

  public Duration getSweepInterval() {
    return sweepInterval;
  }

  public void setSweepInterval(Duration sweepInterval) {
    this.sweepInterval = sweepInterval;
  }

  public int getMaxFrames() {
    return maxFrames;
  }

  public void setMaxFrames(int maxFrames) {
    this.maxFrames = maxFrames;
  }

  public int getMaxDocuments() {
    return maxDocuments;
  }

  public void setMaxDocuments(int maxDocuments) {
    this.maxDocuments = maxDocuments;
  }

  public int getMaxFramesPerRequest() {
    return maxFramesPerRequest;
  }

  public void setMaxFramesPerRequest(int maxFramesPerRequest) {
    this.maxFramesPerRequest = maxFramesPerRequest;
  }

  public long getMaxFramePixels() {
    return maxFramePixels;
  }

  public void setMaxFramePixels(long maxFramePixels) {
    this.maxFramePixels = maxFramePixels;
  }

  public double getMaxFrameAspect() {
    return maxFrameAspect;
  }

  public void setMaxFrameAspect(double maxFrameAspect) {
    this.maxFrameAspect = maxFrameAspect;
  }

  public DataSize getMaxFrameBytes() {
    return maxFrameBytes;
  }

  public void setMaxFrameBytes(DataSize maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  public int getAnalysisThreads() {
    return analysisThreads;
  }

  public void setAnalysisThreads(int analysisThreads) {
    this.analysisThreads = analysisThreads;
  }

  public String getPublicUrl() {
    return publicUrl;
  }

  public void setPublicUrl(String publicUrl) {
    this.publicUrl = publicUrl;
  }

  public String getDefaultPolicy() {
    return defaultPolicy;
  }

  public void setDefaultPolicy(String defaultPolicy) {
    this.defaultPolicy = defaultPolicy;
  }

  public Map<String, ChallengePolicy> getPolicies() {
    return policies;
  }

  public void setPolicies(Map<String, ChallengePolicy> policies) {
    this.policies = policies;
  }
}
