package org.bonafide.biometrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.junit.jupiter.api.Test;

class AnalysisGateTest {
  @Test
  void refusesWithServiceBusyWhileEverySlotIsTaken() throws Exception {
    AnalysisGate gate = new AnalysisGate(1, Duration.ofMillis(50));
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(
            () ->
                gate.run(
                    () -> {
                      running.countDown();
                      await(finish);
                      return "first";
                    }));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> gate.run(() -> "second"))
        .isInstanceOfSatisfying(
            BonafideException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.SERVICE_BUSY);
              assertThat(e.properties()).containsEntry(BonafideException.RETRY_AFTER_SECONDS, AnalysisGate.RETRY_AFTER_SECONDS);
            });

    finish.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
    // the slot is free again, also after a refusal
    assertThat(gate.run(() -> "third")).isEqualTo("third");
  }

  @Test
  void releasesTheSlotWhenTheAnalysisFails() {
    AnalysisGate gate = new AnalysisGate(1, Duration.ofMillis(50));
    assertThatThrownBy(() -> gate.run(() -> {
          throw new BonafideException(ErrorCode.NO_FACE, "no face");
        }))
        .isInstanceOf(BonafideException.class);
    assertThat(gate.run(() -> "next")).isEqualTo("next");
  }

  @Test
  void needsAtLeastOneSlot() {
    assertThatThrownBy(() -> new AnalysisGate(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
