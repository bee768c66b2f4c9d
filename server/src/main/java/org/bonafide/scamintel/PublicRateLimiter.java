package org.bonafide.scamintel;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * A token bucket per client address for the public check page: {@code perMinute} checks a minute,
 * in bursts of as many. Kept in memory (a restart forgets it); addresses idle for a minute are
 * dropped when the table grows large.
 */
final class PublicRateLimiter {
  private static final int MAX_TRACKED = 100_000;

  private final int perMinute;
  private final InstantSource clock;
  private final Map<String, double[]> buckets = new ConcurrentHashMap<>(); // tokens, last refill ms

  PublicRateLimiter(int perMinute, InstantSource clock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("bonafide.public.checks-per-minute must be at least 1");
    }
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /**
   * Takes one token for the address.
   *
   * @throws BonafideException {@code rate-limited} with the seconds until a token is back
   */
  void acquire(String address) {
    long now = clock.millis();
    if (buckets.size() > MAX_TRACKED) {
      buckets.entrySet().removeIf(e -> now - (long) e.getValue()[1] > 60_000);
    }
    double[] bucket = buckets.computeIfAbsent(address, a -> new double[] {perMinute, now});
    double wait;
    synchronized (bucket) {
      double refill = (now - bucket[1]) / 60_000.0 * perMinute;
      bucket[0] = Math.min(perMinute, bucket[0] + refill);
      bucket[1] = now;
      if (bucket[0] >= 1) {
        bucket[0] -= 1;
        return;
      }
      wait = (1 - bucket[0]) / perMinute * 60;
    }
    long seconds = (long) Math.ceil(wait);
    throw new BonafideException(
        ErrorCode.RATE_LIMITED,
        "Too many checks from this address; try again in " + seconds + " seconds.",
        Map.of(BonafideException.RETRY_AFTER_SECONDS, seconds));
  }
}
