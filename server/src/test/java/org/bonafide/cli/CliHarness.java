package org.bonafide.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import tools.jackson.databind.JsonNode;

/**
 * Runs commands as {@code java -jar} would, without face models unless given a way to load them,
 * and reads their last JSON line. Public for the tests of the command line's sub-packages.
 */
public final class CliHarness {
  /** The exit status of a command whose input is at fault. */
  public static final int BAD_INPUT = Cli.BAD_INPUT;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Class<?> application;
  private final LongSupplier clock;
  private final Function<FaceEngineSettings, FaceEngine> engines;

  /** @param application the service's application class, for commands that open the database; or null */
  public CliHarness(Class<?> application) {
    this(application, System::nanoTime);
  }

  /** @param clock the commands' clock, in nanoseconds */
  public CliHarness(Class<?> application, LongSupplier clock) {
    this(
        application,
        clock,
        settings -> {
          throw new AssertionError("this command must not load the face models");
        });
  }

  /** A harness whose commands load the face engine with {@code engines}; no database. */
  public static CliHarness withEngines(Function<FaceEngineSettings, FaceEngine> engines) {
    return new CliHarness(null, System::nanoTime, engines);
  }

  private CliHarness(Class<?> application, LongSupplier clock, Function<FaceEngineSettings, FaceEngine> engines) {
    this.application = application;
    this.clock = clock;
    this.engines = engines;
  }

  /** Runs one command; its exit status. */
  public int run(String... args) {
    out.reset();
    return Cli.run(
        args,
        new CommandContext(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            engines,
            clock,
            application));
  }

  /** Everything the last command printed on standard output. */
  public String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The last line the command printed, as JSON. */
  public JsonNode json() {
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    return Json.MAPPER.readTree(lines[lines.length - 1]);
  }
}
