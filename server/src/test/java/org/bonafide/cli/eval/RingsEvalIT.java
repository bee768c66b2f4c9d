package org.bonafide.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.bonafide.Application;
import org.bonafide.cli.CliHarness;
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
        ok(System::nanoTime, "simulate", "syndicate", "--population", "800", "--rings", "3", "--seed", "4", "--out", population.toString());
    assertThat(made.path("applications").asInt()).isEqualTo(800);
  }

  /** Runs one command on the clock, expecting success; its last JSON line. */
  private static JsonNode ok(LongSupplier clock, String... args) {
    CliHarness cli = new CliHarness(Application.class, clock);
    assertThat(cli.run(args)).as(cli.output()).isZero();
    return cli.json();
  }

  private static String[] rings(Path dataDir, String... more) {
    String[] base = {"eval", "rings", "--dir", population.toString(), "--data-dir", dataDir.toString()};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void aStoppedRunResumesToTheSameScoresAsOneStraightThrough() throws IOException {
    JsonNode straight = ok(System::nanoTime, rings(root.resolve("straight")));
    assertThat(straight.path("complete").asBoolean()).isTrue();
    assertThat(straight.path("applications").asInt()).isEqualTo(800);
    assertThat(straight.path("ring_recall").asDouble()).isGreaterThan(0);
    assertThat(straight.path("heap_bytes").asLong()).isPositive();
    assertThat(straight.path("database_bytes").asLong()).isGreaterThan(straight.path("face_index_bytes").asLong()).isPositive();

    // a clock that moves a millisecond at every reading: the stop comes after a fixed amount of work
    AtomicLong ticks = new AtomicLong();
    Path paused = root.resolve("paused");
    JsonNode first = ok(() -> ticks.addAndGet(1_000_000), rings(paused, "--stop-after-minutes", "0.01"));
    assertThat(first.path("complete").asBoolean()).isFalse();
    int loaded = first.path("applications").asInt();
    assertThat(loaded).isBetween(1, 799);

    // a fresh run cannot start over a paused one's database
    assertThat(new CliHarness(Application.class).run(rings(paused))).isEqualTo(CliHarness.BAD_INPUT);

    // as if killed: the ledger lost its last three applications, and a fourth is half written
    Path ledger = paused.resolve(RingsEval.LEDGER);
    List<String> lines = Files.readAllLines(ledger);
    Files.writeString(ledger, String.join("\n", lines.subList(0, lines.size() - 3)) + "\n{\"line\":");

    JsonNode resumed = ok(System::nanoTime, rings(paused, "--resume", "true"));
    assertThat(resumed.path("complete").asBoolean()).isTrue();
    assertThat(resumed.path("resumed_from").asInt()).isEqualTo(loaded - 3);
    assertThat(resumed.path("applications").asInt()).isEqualTo(800);
    for (String key :
        new String[] {"rings_found", "ring_precision", "ring_recall", "application_precision", "application_recall", "signals"}) {
      assertThat(resumed.path(key)).as(key).isEqualTo(straight.path(key));
    }
  }

  @Test
  void thereIsNothingToResumeInAFolderWithoutAPausedRun() {
    CliHarness cli = new CliHarness(Application.class);
    assertThat(cli.run(rings(root.resolve("never"), "--resume", "true"))).isEqualTo(CliHarness.BAD_INPUT);
    assertThat(cli.output()).contains("no paused eval rings run");
  }
}
