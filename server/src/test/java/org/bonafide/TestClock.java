package org.bonafide;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The system clock plus an offset that tests move forward, so a session can expire without the test
 * sleeping. Tests that move it put it back when they finish.
 */
public final class TestClock implements InstantSource {
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  public void advance(Duration duration) {
    offset.updateAndGet(current -> current.plus(duration));
  }

  public void reset() {
    offset.set(Duration.ZERO);
  }

  /** Puts the clock into a test's application context in place of the system clock. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Configuration {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }
}
