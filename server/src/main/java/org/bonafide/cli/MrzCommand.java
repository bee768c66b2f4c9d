package org.bonafide.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.bonafide.document.DocumentCheck;
import org.bonafide.document.Mrz;
import org.bonafide.document.MrzCorrection;
import org.bonafide.document.MrzField;
import org.bonafide.document.MrzResult;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mrz check "TEXT"}: parses and validates one machine-readable zone. Exit 0 with {@code
 * "valid": false} for a zone that has a known shape but fails a check; exit 2 for text with no
 * known MRZ shape.
 *
 * <p>Public for {@code eval mrz-text}, which takes {@code --today} as {@code mrz check} does.
 */
public final class MrzCommand {
  static final Set<String> OPTIONS = Set.of("today", "correct");

  private MrzCommand() {}

  static ObjectNode run(List<String> rest, CommandContext ctx) {
    String sub = rest.isEmpty() ? "" : rest.get(0);
    if (!sub.equals("check")) {
      throw Args.usage("mrz needs a subcommand: mrz check \"TEXT\" [--today YYYY-MM-DD] [--correct true|false].");
    }
    Args args = Args.parse("mrz check", rest.subList(1, rest.size()), OPTIONS);
    args.expectPositionals(1, "the MRZ text (lines separated by line breaks or \\n)");
    LocalDate today = today(args);
    boolean correct = booleanOption(args, "correct");
    List<String> lines = Mrz.splitLines(args.positionals().get(0));
    List<String> corrections = List.of();
    if (correct) {
      MrzCorrection.Corrected fixed = MrzCorrection.correct(lines);
      lines = fixed.lines();
      corrections = fixed.corrections();
      corrections.forEach(c -> ctx.err().println("[bonafide] corrected " + c));
    }
    long start = ctx.nanoClock().getAsLong();
    MrzResult result = Mrz.parse(lines, today);
    long nanos = ctx.nanoClock().getAsLong() - start;
    ObjectNode out = toJson(result);
    if (correct) {
      ArrayNode list = out.putArray("corrections");
      corrections.forEach(list::add);
    }
    Json.millis(out, "ms", nanos);
    return out;
  }

  public static LocalDate today(Args args) {
    if (!args.has("today")) {
      return LocalDate.now(ZoneOffset.UTC);
    }
    String value = args.required("today", "YYYY-MM-DD");
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Args.usage("--today must be a date YYYY-MM-DD, was '" + value + "'.");
    }
  }

  private static boolean booleanOption(Args args, String name) {
    if (!args.has(name)) {
      return false;
    }
    String value = args.required(name, "true or false");
    if (!value.equals("true") && !value.equals("false")) {
      throw Args.usage("--" + name + " must be true or false, was '" + value + "'.");
    }
    return value.equals("true");
  }

  /** The result as the command prints it (docs/formats.md). */
  static ObjectNode toJson(MrzResult result) {
    ObjectNode out = Json.object();
    out.put("format", result.format().name());
    out.put("valid", result.valid());
    out.put("intact", result.intact());
    out.put("expired", result.expired());
    ArrayNode reasons = out.putArray("reasons");
    result.reasons().forEach(reasons::add);
    ArrayNode lines = out.putArray("lines");
    result.lines().forEach(lines::add);
    ObjectNode fields = out.putObject("fields");
    ObjectNode problems = Json.object();
    for (MrzField f : result.fields()) {
      if (f.kind() == MrzField.Kind.FILLER) {
        if (!f.valid()) {
          problems.put(f.name(), f.problem());
        }
        continue;
      }
      fields.put(f.name(), f.value());
      if (f.date() != null) {
        fields.put(f.name() + "Iso", f.date().toString());
      }
      if (!f.valid()) {
        problems.put(f.name(), f.problem());
      }
    }
    out.set("problems", problems);
    ArrayNode checks = out.putArray("checks");
    for (DocumentCheck c : result.checks()) {
      ObjectNode node = checks.addObject();
      node.put("id", c.id());
      node.put("passed", c.passed());
      node.put("score", c.score());
      if (c.reason() != null) {
        node.put("reason", c.reason());
      }
      node.set("details", Json.MAPPER.valueToTree(c.details()));
    }
    return out;
  }
}
