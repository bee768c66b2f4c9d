package org.bonafide.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * The arguments of one command: positionals and {@code --name value} (or {@code --name=value})
 * options. Every option takes a value; an option the command does not declare, a missing value or
 * a value of the wrong type is a usage error that names the command and the rule.
 *
 * <p>Public for the commands of the sub-packages {@code attack} and {@code eval}.
 */
public final class Args {
  private final String command;
  private final List<String> positionals;
  private final Map<String, String> options;

  private Args(String command, List<String> positionals, Map<String, String> options) {
    this.command = command;
    this.positionals = positionals;
    this.options = options;
  }

  /**
   * @param command the command's name, for messages
   * @param argv the arguments after the command's name
   * @param known the option names (without dashes) the command accepts
   */
  public static Args parse(String command, List<String> argv, Set<String> known) {
    List<String> positionals = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.startsWith("--") && a.length() > 2) {
        String name = a.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (!known.contains(name)) {
          throw usage(
              command
                  + " has no option --"
                  + name
                  + (known.isEmpty() ? "" : "; its options are --" + String.join(", --", new TreeSet<>(known)))
                  + ".");
        }
        if (value == null) {
          if (i + 1 >= argv.size()) {
            throw usage(command + ": option --" + name + " needs a value.");
          }
          value = argv.get(++i);
        }
        if (options.put(name, value) != null) {
          throw usage(command + ": option --" + name + " is given twice.");
        }
      } else {
        positionals.add(a);
      }
    }
    return new Args(command, List.copyOf(positionals), options);
  }

  public List<String> positionals() {
    return positionals;
  }

  /** Fails unless exactly {@code count} positionals were given, naming them in the message. */
  public void expectPositionals(int count, String names) {
    if (positionals.size() != count) {
      throw usage(command + " takes " + names + " (" + positionals.size() + " given).");
    }
  }

  public boolean has(String name) {
    return options.containsKey(name);
  }

  /** A {@code true} or {@code false} option; {@code fallback} when absent. */
  public boolean booleanOption(String name, boolean fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    return switch (value.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw usage(command + ": --" + name + " must be true or false, was '" + value + "'.");
    };
  }

  public String required(String name, String meaning) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw usage(command + " needs --" + name + " " + meaning + ".");
    }
    return value;
  }

  public Path requiredPath(String name, String meaning) {
    return Path.of(required(name, meaning));
  }

  public double doubleOption(String name, double fallback, double min, double max) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    double d;
    try {
      d = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw usage(command + ": --" + name + " must be a number, was '" + value + "'.");
    }
    if (!(d >= min && d <= max)) {
      throw usage(command + ": --" + name + " must lie in [" + min + ", " + max + "], was " + value + ".");
    }
    return d;
  }

  public int intOption(String name, int fallback, int min, int max) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw usage(command + ": --" + name + " must be a whole number, was '" + value + "'.");
    }
    if (n < min || n > max) {
      throw usage(command + ": --" + name + " must lie in [" + min + ", " + max + "], was " + n + ".");
    }
    return n;
  }

  public static BonafideException usage(String message) {
    return new BonafideException(ErrorCode.VALIDATION_FAILED, message);
  }
}
