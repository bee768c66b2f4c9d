package org.bonafide.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;

/** Runs commands as {@code java -jar} would, without face models, and reads their last JSON line. */
final class CliHarness {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Class<?> application;
  private final LongSupplier clock;

  /** @param application the service's application class, for commands that open the database; or null */
  CliHarness(Class<?> application) {
    this(application, System::nanoTime);
  }

  /** @param clock the commands' clock, in nanoseconds */
  CliHarness(Class<?> application, LongSupplier clock) {
    this.application = application;
    this.clock = clock;
  }

  /** Runs one command; its exit status. */
  int run(String... args) {
    out.reset();
    return Cli.run(
        args,
        new CommandContext(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            settings -> {
              throw new AssertionError("this command must not load the face models");
            },
            clock,
            application));
  }

  /** Everything the last command printed on standard output. */
  String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The last line the command printed, as JSON. */
  JsonNode json() {
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    return Json.MAPPER.readTree(lines[lines.length - 1]);
  }
}
