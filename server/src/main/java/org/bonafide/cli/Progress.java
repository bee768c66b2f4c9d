package org.bonafide.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long run on standard error: one line every {@code every} items and one at the end,
 * with the rate so far and the time left at that rate. Safe to call from several workers.
 *
 * <p>Public for the commands of the sub-packages {@code attack} and {@code eval}.
 */
public final class Progress {
  private final PrintStream err;
  private final String label;
  private final String unit;
  private final int total;
  private final int every;
  private final LongSupplier nanoClock;
  private final long start;
  private int done;

  public Progress(PrintStream err, String label, String unit, int total, int every, LongSupplier nanoClock) {
    this.err = err;
    this.label = label;
    this.unit = unit;
    this.total = total;
    this.every = every;
    this.nanoClock = nanoClock;
    this.start = nanoClock.getAsLong();
  }

  public synchronized void step() {
    done++;
    if (done % every == 0 || done == total) {
      double seconds = Math.max(1e-9, (nanoClock.getAsLong() - start) / 1e9);
      double rate = done / seconds;
      double left = rate > 0 ? (total - done) / rate : 0;
      err.println(
          String.format(
              Locale.ROOT,
              "[bonafide] %s: %d/%d %s (%.1f%%), %.2f %s/s, %.0f s elapsed, ~%.0f s left",
              label,
              done,
              total,
              unit,
              100.0 * done / total,
              rate,
              unit,
              seconds,
              left));
    }
  }

  public synchronized int done() {
    return done;
  }
}
