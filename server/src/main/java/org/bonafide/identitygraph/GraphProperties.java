package org.bonafide.identitygraph;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The identity graph's thresholds ({@code bonafide.identity-graph.*}); docs/identity-graph.md
 * explains each. Counts include the application being recorded.
 */
@ConfigurationProperties("bonafide.identity-graph")
public class GraphProperties {
  /** Cosine similarity at or above which two faces are the same person (the face engine's threshold). */
  private double faceMatchThreshold = 0.51;
  /** The 1:N face index ({@code bonafide.identity-graph.face-index.*}). */
  private final FaceIndexSettings faceIndex = new FaceIndexSettings();
  /** Region assumed for phone numbers written without a country code. */
  private String defaultPhoneRegion = "HK";
  private int deviceIdentities = 3;
  private int phoneIdentities = 3;
  private int emailIdentities = 2;
  private int bankAccountIdentities = 3;
  private int addressIdentities = 6;
  private int ipIdentities = 100;
  private int identityApplicationsPerDay = 3;
  private int deviceApplicationsPerDay = 5;
  private int identityInstitutions = 4;
  private Duration identityInstitutionsWindow = Duration.ofDays(7);

  public double getFaceMatchThreshold() {
    return faceMatchThreshold;
  }

  public void setFaceMatchThreshold(double faceMatchThreshold) {
    this.faceMatchThreshold = faceMatchThreshold;
  }

  public String getDefaultPhoneRegion() {
    return defaultPhoneRegion;
  }

  public void setDefaultPhoneRegion(String defaultPhoneRegion) {
    this.defaultPhoneRegion = defaultPhoneRegion;
  }

  public int getDeviceIdentities() {
    return deviceIdentities;
  }

  public void setDeviceIdentities(int deviceIdentities) {
    this.deviceIdentities = deviceIdentities;
  }

  public int getPhoneIdentities() {
    return phoneIdentities;
  }

  public void setPhoneIdentities(int phoneIdentities) {
    this.phoneIdentities = phoneIdentities;
  }

  public int getEmailIdentities() {
    return emailIdentities;
  }

  public void setEmailIdentities(int emailIdentities) {
    this.emailIdentities = emailIdentities;
  }

  public int getBankAccountIdentities() {
    return bankAccountIdentities;
  }

  public void setBankAccountIdentities(int bankAccountIdentities) {
    this.bankAccountIdentities = bankAccountIdentities;
  }

  public int getAddressIdentities() {
    return addressIdentities;
  }

  public void setAddressIdentities(int addressIdentities) {
    this.addressIdentities = addressIdentities;
  }

  public int getIpIdentities() {
    return ipIdentities;
  }

  public void setIpIdentities(int ipIdentities) {
    this.ipIdentities = ipIdentities;
  }

  public int getIdentityApplicationsPerDay() {
    return identityApplicationsPerDay;
  }

  public void setIdentityApplicationsPerDay(int identityApplicationsPerDay) {
    this.identityApplicationsPerDay = identityApplicationsPerDay;
  }

  public int getDeviceApplicationsPerDay() {
    return deviceApplicationsPerDay;
  }

  public void setDeviceApplicationsPerDay(int deviceApplicationsPerDay) {
    this.deviceApplicationsPerDay = deviceApplicationsPerDay;
  }

  public int getIdentityInstitutions() {
    return identityInstitutions;
  }

  public void setIdentityInstitutions(int identityInstitutions) {
    this.identityInstitutions = identityInstitutions;
  }

  public Duration getIdentityInstitutionsWindow() {
    return identityInstitutionsWindow;
  }

  public void setIdentityInstitutionsWindow(Duration identityInstitutionsWindow) {
    this.identityInstitutionsWindow = identityInstitutionsWindow;
  }

  /** The number of identities sharing an entity of this kind at which it is a signal; 0 for none. */
  public int sharedIdentities(EntityKind kind) {
    return switch (kind) {
      case DEVICE -> deviceIdentities;
      case PHONE -> phoneIdentities;
      case EMAIL -> emailIdentities;
      case BANK_ACCOUNT -> bankAccountIdentities;
      case ADDRESS -> addressIdentities;
      case IP -> ipIdentities;
      default -> 0;
    };
  }

  public FaceIndexSettings getFaceIndex() {
    return faceIndex;
  }

  /**
   * Which 1:N face index the service keeps and how it searches. {@code flat} (the default) scans
   * the signs of every face and scores exactly those an estimate puts near or above the match
   * threshold; {@code hnsw} walks
   * Lucene's graph, built with {@code max-conn}, {@code beam-width} and {@code quantized} (a change
   * applies to faces added afterwards, and to everything after a rebuild). Each engine keeps its own
   * folder; switching rebuilds the new one from the database at start.
   */
  public static class FaceIndexSettings {
    /** {@code flat} or {@code hnsw}. */
    private String engine = "flat";
    /** Neighbours per graph node. */
    private int maxConn = FaceIndex.Settings.DEFAULT.maxConn();
    /** Candidates considered while linking a new face. */
    private int beamWidth = FaceIndex.Settings.DEFAULT.beamWidth();
    /** Build and search the graph over 7-bit quantised vectors, re-scoring the candidates exactly. */
    private boolean quantized = FaceIndex.Settings.DEFAULT.quantized();
    /**
     * Candidates a search explores (hnsw): recall against latency; unset, 320. The flat engine
     * answers the graph's search at the match threshold without candidates and ignores this; its
     * top-10 search (the bench's) keeps this many by its first estimate (unset: 3,000 up to
     * 100,000 faces, growing to 12,000 at a million).
     */
    private Integer candidates;
    /**
     * Threads one search is split over (the flat scan's range of faces, or the graph's segments);
     * unset, up to 4 of the machine's cores for flat, 1 for hnsw.
     */
    private Integer searchThreads;

    public int getSearchThreads() {
      if (searchThreads != null) {
        return searchThreads;
      }
      return "hnsw".equals(engine) ? 1 : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    public void setSearchThreads(Integer searchThreads) {
      this.searchThreads = searchThreads;
    }

    public int getMaxConn() {
      return maxConn;
    }

    public void setMaxConn(int maxConn) {
      this.maxConn = maxConn;
    }

    public int getBeamWidth() {
      return beamWidth;
    }

    public void setBeamWidth(int beamWidth) {
      this.beamWidth = beamWidth;
    }

    public boolean isQuantized() {
      return quantized;
    }

    public void setQuantized(boolean quantized) {
      this.quantized = quantized;
    }

    public String getEngine() {
      return engine;
    }

    public void setEngine(String engine) {
      this.engine = engine;
    }

    /** Whether the engine is the flat scan; anything but {@code flat} or {@code hnsw} fails at start. */
    boolean flat() {
      com.google.common.base.Preconditions.checkArgument(
          "flat".equals(engine) || "hnsw".equals(engine),
          "bonafide.identity-graph.face-index.engine must be flat or hnsw, not '%s'", engine);
      return "flat".equals(engine);
    }

    /** The candidates set, or null for the engine's default (flat: growing with the index). */
    public Integer getCandidates() {
      return candidates;
    }

    public void setCandidates(Integer candidates) {
      this.candidates = candidates;
    }

    /** The index settings these stand for; invalid values fail at start with the rule. */
    FaceIndex.Settings settings() {
      return new FaceIndex.Settings(maxConn, beamWidth, quantized, FaceIndex.DEFAULT_RAM_BUFFER_MB, getSearchThreads());
    }
  }
}
