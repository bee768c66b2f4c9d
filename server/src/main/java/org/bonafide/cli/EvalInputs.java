package org.bonafide.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * Checks shared by the evaluation commands, done before the models are loaded.
 *
 * <p>Public for the evaluations in {@code org.bonafide.cli.eval}.
 */
public final class EvalInputs {
  private EvalInputs() {}

  public static Path imageDir(Args args) {
    Path dir = args.requiredPath("images", "DIR (the folder the CSV's image names are relative to)");
    if (!Files.isDirectory(dir)) {
      throw new BonafideException(
          ErrorCode.NOT_FOUND,
          "The images folder " + dir + (Files.exists(dir) ? " is not a folder." : " does not exist."));
    }
    return dir;
  }

  /** The image's path: its name as written in the CSV, relative to the images folder. */
  public static Path resolve(Path dir, String name) {
    return dir.resolve(name).normalize();
  }

  /** Fails, before any analysis, when a named image is missing, listing the first few. */
  public static void requireExisting(Path dir, Collection<String> names, Path csv) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (!Files.isRegularFile(resolve(dir, name))) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new BonafideException(
          ErrorCode.NOT_FOUND,
          missing.size()
              + " of the "
              + names.size()
              + " images named in "
              + csv
              + " are not files under "
              + dir
              + ": "
              + String.join(", ", missing.subList(0, Math.min(10, missing.size())))
              + (missing.size() > 10 ? ", ..." : "")
              + ". Image names are paths relative to --images.");
    }
  }

  /** A growable list of scores, so millions of pairs cost 8 bytes each. */
  public static final class Scores {
    private double[] values = new double[64];
    private int size;

    public void add(double v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    public int size() {
      return size;
    }

    public double[] sorted() {
      double[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }
  }
}
