package org.bonafide.scamintel;

import java.time.InstantSource;
import java.util.Map;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.RateLimiter;

/**
 * The public check page's limit per client address: {@code perMinute} checks a minute, in bursts of
 * as many ({@link RateLimiter}).
 */
final class PublicRateLimiter {
  private final RateLimiter limiter;

  PublicRateLimiter(int perMinute, InstantSource clock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("bonafide.public.checks-per-minute must be at least 1");
    }
    this.limiter = new RateLimiter(perMinute, clock);
  }

  /**
   * Takes one token for the address.
   *
   * @throws BonafideException {@code rate-limited} with the seconds until a token is back
   */
  void acquire(String address) {
    long seconds = limiter.tryAcquire(address);
    if (seconds == 0) {
      return;
    }
    throw new BonafideException(
        ErrorCode.RATE_LIMITED,
        "Too many checks from this address; try again in " + seconds + " seconds.",
        Map.of(BonafideException.RETRY_AFTER_SECONDS, seconds));
  }
}
