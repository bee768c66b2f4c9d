package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.bonafide.Application;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code simulate syndicate} and {@code eval rings} on a real embedded PostgreSQL: a run stopped
 * part-way and resumed scores the same as one run straight through.
 */
class RingsEvalIT {
  private static Path root;
  private static Path population;

  @BeforeAll
  static void simulate() throws IOException {
    root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cli-data")), "rings-");
    population = root.resolve("population");
    JsonNode made =
        new Run(System::nanoTime)
            .ok("simulate", "syndicate", "--population", "800", "--rings", "3", "--seed", "4", "--out", population.toString());
    assertThat(made.path("applications").asInt()).isEqualTo(800);
  }

  /** One command with its own output, on the given clock. */
  private record Run(java.util.function.LongSupplier clock, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    Run(java.util.function.LongSupplier clock) {
      this(clock, new ByteArrayOutputStream(), new ByteArrayOutputStream());
    }

    int code(String... args) {
      return Cli.run(
          args,
          new CommandContext(
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              settings -> {
                throw new AssertionError("these commands must not load the face models");
              },
              clock,
              Application.class));
    }

    JsonNode ok(String... args) {
      assertThat(code(args)).as(err.toString(StandardCharsets.UTF_8)).isZero();
      String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
      return Json.MAPPER.readTree(lines[lines.length - 1]);
    }
  }

  private static String[] rings(Path dataDir, String... more) {
    String[] base = {"eval", "rings", "--dir", population.toString(), "--data-dir", dataDir.toString()};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void aStoppedRunResumesToTheSameScoresAsOneStraightThrough() {
    JsonNode straight = new Run(System::nanoTime).ok(rings(root.resolve("straight")));
    assertThat(straight.path("complete").asBoolean()).isTrue();
    assertThat(straight.path("applications").asInt()).isEqualTo(800);
    assertThat(straight.path("ring_recall").asDouble()).isGreaterThan(0);

    // a clock that moves a millisecond at every reading: the stop comes after a fixed amount of work
    AtomicLong ticks = new AtomicLong();
    Path paused = root.resolve("paused");
    JsonNode first = new Run(() -> ticks.addAndGet(1_000_000)).ok(rings(paused, "--stop-after-minutes", "0.01"));
    assertThat(first.path("complete").asBoolean()).isFalse();
    int loaded = first.path("applications").asInt();
    assertThat(loaded).isBetween(1, 799);

    // a fresh run cannot start over a paused one's database
    assertThat(new Run(System::nanoTime).code(rings(paused))).isEqualTo(Cli.BAD_INPUT);

    JsonNode resumed = new Run(System::nanoTime).ok(rings(paused, "--resume", "true"));
    assertThat(resumed.path("complete").asBoolean()).isTrue();
    assertThat(resumed.path("resumed_from").asInt()).isEqualTo(loaded);
    assertThat(resumed.path("applications").asInt()).isEqualTo(800);
    for (String key :
        new String[] {"rings_found", "ring_precision", "ring_recall", "application_precision", "application_recall", "signals"}) {
      assertThat(resumed.path(key)).as(key).isEqualTo(straight.path(key));
    }
  }

  @Test
  void thereIsNothingToResumeInAFolderWithoutAPausedRun() {
    Run run = new Run(System::nanoTime);
    assertThat(run.code(rings(root.resolve("never"), "--resume", "true"))).isEqualTo(Cli.BAD_INPUT);
    assertThat(run.out().toString(StandardCharsets.UTF_8)).contains("no paused eval rings run");
  }
}
