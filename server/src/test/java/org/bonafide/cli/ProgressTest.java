package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void printsEveryNItemsAndAtTheEndWithTheRate() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong clock = new AtomicLong();
    Progress progress =
        new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "eval pad", "images", 5, 2, clock::get);
    for (int i = 0; i < 5; i++) {
      clock.addAndGet(500_000_000L);
      progress.step();
    }
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).contains("eval pad: 2/5 images (40.0%)").contains("2.00 images/s").contains("~2 s left");
    assertThat(lines[2]).contains("5/5 images (100.0%)").contains("~0 s left");
  }
}
