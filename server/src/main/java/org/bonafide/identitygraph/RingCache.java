package org.bonafide.identitygraph;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * The rings of the whole graph, detected again at most once a {@link #REFRESH}: detection reads
 * the whole graph, so analysts' views and checks share one recent result.
 */
final class RingCache {
  static final Duration REFRESH = Duration.ofMinutes(1);

  private final RingDetector detector;
  private final InstantSource clock;
  private List<RingDetector.Ring> rings = List.of();
  private Instant detectedAt = Instant.MIN;

  RingCache(RingDetector detector, InstantSource clock) {
    this.detector = detector;
    this.clock = clock;
  }

  synchronized List<RingDetector.Ring> rings() {
    return rings(Instant.MIN);
  }

  /**
   * The rings, detected again when the last detection is older than {@link #REFRESH} or than
   * {@code recordedAt}: a check of an identifier that was just recorded sees the rings it joined.
   * Such checks are rare (a payee is checked long after its account was opened), so this adds
   * few detections.
   */
  synchronized List<RingDetector.Ring> rings(Instant recordedAt) {
    Instant now = clock.instant();
    if (detectedAt.plus(REFRESH).isBefore(now) || !detectedAt.isAfter(recordedAt)) {
      rings = detector.detect();
      detectedAt = now;
    }
    return rings;
  }
}
