package org.bonafide.cli;

import java.io.PrintStream;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;

/**
 * What a command may touch: its output streams, the way to load the face engine (the models are
 * loaded only once the inputs have been checked) and the monotonic clock for timings.
 */
record CommandContext(
    PrintStream out, PrintStream err, Function<FaceEngineSettings, FaceEngine> engines, LongSupplier nanoClock) {

  /** Loads the engine, saying so on standard error since it takes a moment. */
  FaceEngine engine(FaceEngineSettings settings) {
    long start = nanoClock.getAsLong();
    FaceEngine engine = engines.apply(settings);
    err.printf("[bonafide] face models loaded in %d ms%n", (nanoClock.getAsLong() - start) / 1_000_000);
    return engine;
  }
}
