package org.bonafide.cli;

/** Command-line entry points of the jar. */
public final class Cli {
  private Cli() {}

  /** True when the first argument names a command rather than a Spring option. */
  public static boolean handles(String[] args) {
    return args.length > 0 && !args[0].startsWith("-");
  }

  /** Runs the command; returns the process exit status. */
  public static int run(String[] args) {
    System.err.println("unknown command: " + args[0]);
    return 2;
  }
}
