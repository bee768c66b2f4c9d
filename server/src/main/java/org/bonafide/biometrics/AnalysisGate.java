package org.bonafide.biometrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * Bounds how many photo analyses run at once across the service: face comparisons, identity
 * documents and session reference photos share it ({@code bonafide.face.max-concurrent-analyses}).
 * Each holds decoded rasters (a 40-megapixel 16-bit PNG takes about 240 MB to decode, and a
 * document's page checks copy it again) and keeps a core busy, so an unbounded burst would exhaust
 * memory rather than finish sooner. A request waits its turn for a while, then is answered {@code
 * service-busy} with a Retry-After, and nothing it sent is kept. (Video frames have their own,
 * much smaller pixel budget and are not gated.)
 */
public final class AnalysisGate {
  static final long RETRY_AFTER_SECONDS = 5;

  private final Semaphore permits;
  private final Duration maxWait;

  public AnalysisGate(int maxConcurrent, Duration maxWait) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("at least one analysis must be allowed at a time, was " + maxConcurrent);
    }
    this.permits = new Semaphore(maxConcurrent, true);
    this.maxWait = maxWait;
  }

  /** Runs {@code analysis} once a slot is free; {@code service-busy} if none frees in time. */
  public <T> T run(Supplier<T> analysis) {
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
