package org.bonafide.cli.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.cli.MrzCommand;
import org.bonafide.document.Mrz;
import org.bonafide.document.MrzCorrection;
import org.bonafide.document.MrzField;
import org.bonafide.document.MrzFormat;
import org.bonafide.document.MrzResult;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eval mrz-text --labels FILE.jsonl}: agreement of MRZ parsing and validation with labelled
 * zones (docs/formats.md). A labelled field whose label is null must be one the parser marks
 * invalid; validity is compared with {@link MrzResult#intact()}, since labels judge the zone, not
 * the day it is read on. Lines without a format, validity or fields count as unlabelled: they are
 * parsed (and a crash would show) but not scored.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class MrzTextEval {
  public static final Set<String> OPTIONS = Set.of("labels", "today");

  /** Label field names that differ from Bonafide's, per format (label name to Bonafide name). */
  private static final Map<String, String> ALIASES =
      Map.of("optional1", "optionalData1", "optional2", "optionalData2", "optional", "optionalData");

  private static final Map<String, String> FRENCH_ID_ALIASES =
      Map.of("documentNumber", "serialNumber", "administrativeCode2", "issuingOffice");

  private MrzTextEval() {}

  record Vector(int line, String mrz, String format, Boolean valid, Map<String, String> fields) {
    boolean labelled() {
      return format != null || valid != null || !fields.isEmpty();
    }
  }

  public static ObjectNode run(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path file = args.requiredPath("labels", "FILE.jsonl");
    LocalDate today = MrzCommand.today(args);
    List<Vector> vectors = read(file);

    int labelled = 0;
    int validityLabelled = 0;
    int validityAgree = 0;
    int formatLabelled = 0;
    int formatAgree = 0;
    int fieldsTotal = 0;
    int fieldsRight = 0;
    Map<String, int[]> byField = new TreeMap<>();
    ArrayNode failed = Json.MAPPER.createArrayNode();
    long nanos = 0;
    int parsed = 0;
    int exact = 0;
    for (Vector v : vectors) {
      long start = ctx.nanoClock().getAsLong();
      MrzResult result;
      String error = null;
      try {
        result = Mrz.parse(v.mrz(), today);
      } catch (BonafideException e) {
        result = null;
        error = e.getMessage();
      }
      nanos += ctx.nanoClock().getAsLong() - start;
      parsed += result == null ? 0 : 1;
      if (!v.labelled()) {
        continue;
      }
      labelled++;
      int failedBefore = failed.size();
      if (v.format() != null) {
        formatLabelled++;
        String got = result == null ? null : result.format().name();
        if (v.format().equals(got)) {
          formatAgree++;
        } else {
          failed.add(mismatch(v, "format", null, v.format(), got, error));
        }
      }
      if (v.valid() != null) {
        validityLabelled++;
        boolean got = result != null && result.intact();
        if (v.valid() == got) {
          validityAgree++;
        } else {
          failed.add(
              mismatch(v, "valid", null, String.valueOf(v.valid()), String.valueOf(got),
                  result == null ? error : String.join("; ", problems(result))));
        }
      }
      for (Map.Entry<String, String> e : v.fields().entrySet()) {
        fieldsTotal++;
        int[] counts = byField.computeIfAbsent(e.getKey(), k -> new int[2]);
        counts[1]++;
        MrzField field = result == null ? null : result.field(bonafideName(result.format(), e.getKey())).orElse(null);
        String got = field == null || !field.valid() ? null : labelValue(field);
        if (java.util.Objects.equals(e.getValue(), got)) {
          fieldsRight++;
          counts[0]++;
        } else {
          failed.add(
              mismatch(v, "field", e.getKey(), e.getValue(), got,
                  field == null ? (result == null ? error : "no such field") : field.problem()));
        }
      }
      exact += failed.size() == failedBefore ? 1 : 0;
    }
    ctx.err().printf("[bonafide] eval mrz-text: %d vectors, %d labelled, %d mismatches%n", vectors.size(), labelled, failed.size());

    ObjectNode out = Json.object();
    out.put("vectors", vectors.size());
    out.put("labelled", labelled);
    // the keys eval mrz prints, for one dashboard over both: each vector stands for one image's zone
    out.put("images", vectors.size());
    Json.number(out, "found_rate", ratio(parsed, vectors.size()));
    Json.number(out, "exact_mrz_rate", ratio(exact, labelled));
    Json.number(out, "validity_agreement", ratio(validityAgree, validityLabelled));
    Json.number(out, "field_accuracy", ratio(fieldsRight, fieldsTotal));
    ObjectNode perField = out.putObject("field_accuracy_by_field");
    byField.forEach((name, c) -> Json.number(perField, name, ratio(c[0], c[1])));
    Json.number(out, "format_accuracy", ratio(formatAgree, formatLabelled));
    out.put("fields_compared", fieldsTotal);
    out.set("failed", failed);
    Json.millis(out, "ms_per_vector", vectors.isEmpty() ? Double.NaN : (double) nanos / vectors.size());
    Json.millis(out, "ms_per_image", vectors.isEmpty() ? Double.NaN : (double) nanos / vectors.size());
    out.set("correction", correctionTrials(vectors, today, ctx));
    return out;
  }

  /** OCR look-alikes: each character that has one, and the one it is mistaken for. */
  private static final Map<Character, Character> LOOK_ALIKE =
      Map.ofEntries(
          Map.entry('0', 'O'), Map.entry('O', '0'), Map.entry('1', 'I'), Map.entry('I', '1'),
          Map.entry('5', 'S'), Map.entry('S', '5'), Map.entry('8', 'B'), Map.entry('B', '8'),
          Map.entry('2', 'Z'), Map.entry('Z', '2'), Map.entry('6', 'G'), Map.entry('G', '6'));

  /**
   * How well {@link MrzCorrection} undoes single OCR confusions: in every intact zone, each
   * character with a look-alike is replaced by it in turn and the result corrected. Restored: the
   * original zone came back; undetectable: the damaged zone already passed every check (the ICAO
   * check digit weighs {@code G} = 16 like {@code 6}, so no check can see that swap) and stays as
   * read; miscorrected: correction turned a failing zone into a different one that passes (the
   * harmful case); unresolved: the zone still fails a check, so the damage stays visible.
   */
  private static ObjectNode correctionTrials(List<Vector> vectors, LocalDate today, CommandContext ctx) {
    int trials = 0;
    int restored = 0;
    int miscorrected = 0;
    int undetectable = 0;
    int unresolved = 0;
    long nanos = 0;
    for (Vector v : vectors) {
      List<String> lines = Mrz.splitLines(v.mrz());
      MrzResult original;
      try {
        original = Mrz.parse(lines, today);
      } catch (BonafideException e) {
        continue;
      }
      if (!original.intact() || !v.labelled()) {
        continue;
      }
      for (int li = 0; li < lines.size(); li++) {
        for (int col = 0; col < lines.get(li).length(); col++) {
          Character swap = LOOK_ALIKE.get(lines.get(li).charAt(col));
          if (swap == null) {
            continue;
          }
          List<String> damaged = new ArrayList<>(lines);
          StringBuilder b = new StringBuilder(damaged.get(li));
          b.setCharAt(col, swap);
          damaged.set(li, b.toString());
          trials++;
          long start = ctx.nanoClock().getAsLong();
          List<String> fixed = MrzCorrection.correct(damaged).lines();
          nanos += ctx.nanoClock().getAsLong() - start;
          if (fixed.equals(lines)) {
            restored++;
          } else if (Mrz.parse(damaged, today).intact()) {
            undetectable++;
          } else if (Mrz.parse(fixed, today).intact()) {
            miscorrected++;
          } else {
            unresolved++;
          }
        }
      }
    }
    ObjectNode out = Json.object();
    out.put("trials", trials);
    Json.number(out, "restored", ratio(restored, trials));
    Json.number(out, "undetectable", ratio(undetectable, trials));
    Json.number(out, "miscorrected", ratio(miscorrected, trials));
    Json.number(out, "unresolved", ratio(unresolved, trials));
    Json.millis(out, "ms_per_trial", trials == 0 ? Double.NaN : (double) nanos / trials);
    return out;
  }

  private static double ratio(int right, int total) {
    return total == 0 ? Double.NaN : (double) right / total;
  }

  static String bonafideName(MrzFormat format, String labelName) {
    if (format == MrzFormat.FRENCH_NATIONAL_ID && FRENCH_ID_ALIASES.containsKey(labelName)) {
      return FRENCH_ID_ALIASES.get(labelName);
    }
    return ALIASES.getOrDefault(labelName, labelName);
  }

  /** The field's value in the labels' vocabulary (they write an unspecified sex "nonspecified"). */
  static String labelValue(MrzField field) {
    return field.kind() == MrzField.Kind.SEX && field.value().equals("unspecified") ? "nonspecified" : field.value();
  }

  private static List<String> problems(MrzResult result) {
    List<String> problems = new ArrayList<>();
    for (MrzField f : result.fields()) {
      if (!f.valid()) {
        problems.add(f.name() + ": " + f.problem());
      }
    }
    return problems.isEmpty() ? List.of("all checks passed") : problems;
  }

  private static ObjectNode mismatch(Vector v, String kind, String field, String expected, String got, String detail) {
    ObjectNode node = Json.object();
    node.put("line", v.line());
    node.put("mrz", v.mrz());
    node.put("kind", kind);
    if (field != null) {
      node.put("field", field);
    }
    node.put("expected", expected);
    node.put("got", got);
    node.put("detail", detail);
    return node;
  }

  static List<Vector> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new BonafideException(ErrorCode.NOT_FOUND, "Cannot read the labels file " + file + ": " + e.getMessage());
    }
    List<Vector> vectors = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      if (text.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = Json.MAPPER.readTree(text);
      } catch (JacksonException e) {
        throw Args.usage(file + " line " + (i + 1) + " is not JSON: " + e.getOriginalMessage());
      }
      JsonNode mrz = node.get("mrz");
      if (mrz == null || !mrz.isString()) {
        throw Args.usage(file + " line " + (i + 1) + " has no \"mrz\" string.");
      }
      JsonNode format = node.get("format");
      JsonNode valid = node.get("valid");
      Map<String, String> fields = new TreeMap<>();
      JsonNode f = node.get("fields");
      if (f != null && f.isObject()) {
        for (Map.Entry<String, JsonNode> e : f.properties()) {
          fields.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString());
        }
      }
      vectors.add(
          new Vector(
              i + 1,
              mrz.stringValue(),
              format == null || format.isNull() ? null : format.asString(),
              valid == null || valid.isNull() ? null : valid.asBoolean(),
              fields));
    }
    if (vectors.isEmpty()) {
      throw Args.usage(file + " holds no vectors.");
    }
    return vectors;
  }
}
