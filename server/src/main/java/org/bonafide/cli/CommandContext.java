package org.bonafide.cli;

import java.io.PrintStream;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;

/**
 * What a command may touch: its output streams, the way to load the face engine (the models are
 * loaded only once the inputs have been checked), the monotonic clock for timings, and the
 * service's Spring application class for the commands that open its database (handed in by the
 * entry point, so this package does not depend on it).
 *
 * <p>Public for the commands of the sub-packages {@code attack} and {@code eval}.
 */
public record CommandContext(
    PrintStream out,
    PrintStream err,
    Function<FaceEngineSettings, FaceEngine> engines,
    LongSupplier nanoClock,
    Class<?> application) {

  /** A context for commands that never open the database. */
  public CommandContext(PrintStream out, PrintStream err, Function<FaceEngineSettings, FaceEngine> engines, LongSupplier nanoClock) {
    this(out, err, engines, nanoClock, null);
  }

  /** Loads the engine, saying so on standard error since it takes a moment. */
  public FaceEngine engine(FaceEngineSettings settings) {
    long start = nanoClock.getAsLong();
    FaceEngine engine = engines.apply(settings);
    err.printf("[bonafide] face models loaded in %d ms%n", (nanoClock.getAsLong() - start) / 1_000_000);
    return engine;
  }
}
