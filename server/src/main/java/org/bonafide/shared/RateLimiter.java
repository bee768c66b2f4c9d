package org.bonafide.shared;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a client address): {@code perMinute} tokens a minute, in bursts of as
 * many. Kept in memory, so per node and forgotten on a restart; keys idle for a minute are dropped
 * when the table grows large. Thread-safe.
 */
public final class RateLimiter {
  private static final int MAX_TRACKED = 100_000;

  private final int perMinute;
  private final InstantSource clock;
  private final Map<String, double[]> buckets = new ConcurrentHashMap<>(); // tokens, last refill ms

  public RateLimiter(int perMinute, InstantSource clock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("a rate limit is at least 1 a minute");
    }
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Takes a token for the key: 0 when one was taken, else the whole seconds until one is back. */
  public long tryAcquire(String key) {
    return take(key, true);
  }

  /** The whole seconds until the key has a token (0: it has one now); takes nothing. */
  public long waitSeconds(String key) {
    return take(key, false);
  }

  private long take(String key, boolean consume) {
    long now = clock.millis();
    if (buckets.size() > MAX_TRACKED) {
      buckets.entrySet().removeIf(e -> now - (long) e.getValue()[1] > 60_000);
    }
    double[] bucket = buckets.computeIfAbsent(key, a -> new double[] {perMinute, now});
    synchronized (bucket) {
      // a clock set back (a test's, or an adjusted wall clock) refills nothing rather than draining
      double refill = Math.max(0, now - (long) bucket[1]) / 60_000.0 * perMinute;
      bucket[0] = Math.min(perMinute, bucket[0] + refill);
      bucket[1] = now;
      if (bucket[0] >= 1) {
        if (consume) {
          bucket[0] -= 1;
        }
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - bucket[0]) / perMinute * 60));
    }
  }
}
