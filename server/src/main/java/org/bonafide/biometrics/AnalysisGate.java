package org.bonafide.biometrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * Bounds how many image analyses run at once. Each holds decoded rasters (up to 120 MB for a
 * 40-megapixel photo) and keeps a core busy, so an unbounded burst would exhaust memory rather than
 * finish sooner. A request waits its turn for a while, then is answered {@code service-busy} with
 * a Retry-After, and nothing it sent is kept.
 */
final class AnalysisGate {
  static final long RETRY_AFTER_SECONDS = 5;

  private final Semaphore permits;
  private final Duration maxWait;

  AnalysisGate(int maxConcurrent, Duration maxWait) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("at least one analysis must be allowed at a time, was " + maxConcurrent);
    }
    this.permits = new Semaphore(maxConcurrent, true);
    this.maxWait = maxWait;
  }

  <T> T run(Supplier<T> analysis) {
    boolean admitted;
    try {
      admitted = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      admitted = false;
    }
    if (!admitted) {
      throw new BonafideException(
          ErrorCode.SERVICE_BUSY,
          "Every analysis slot stayed busy for " + maxWait.toSeconds() + " s; try again shortly.",
          Map.of(BonafideException.RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS));
    }
    try {
      return analysis.get();
    } finally {
      permits.release();
    }
  }
}
