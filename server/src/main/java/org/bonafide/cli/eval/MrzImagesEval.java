package org.bonafide.cli.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.EvalInputs;
import org.bonafide.cli.Json;
import org.bonafide.cli.Progress;
import org.bonafide.document.MrzField;
import org.bonafide.document.MrzReader;
import org.bonafide.document.MrzResult;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eval mrz}: how well the MRZ is found and read in labelled photos of documents. The reader
 * finds, reads, corrects and parses the zone ({@link MrzReader}); each labelled field is compared,
 * exactly, with the parsed field (its value, or its characters as printed, fillers kept or not,
 * since the labels write a sex {@code F} and optional data with its fillers); an image counts as an
 * exact MRZ when every labelled field is right. Validity agreement compares whether every check
 * digit of the zone read verifies with the label's {@code valid} (true when absent: the photos
 * show genuine documents or specimens); country codes and expiry are left out, as specimens carry
 * the fictional state UTO and long-past expiry dates.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class MrzImagesEval {
  public static final Set<String> OPTIONS = Set.of("images", "labels", "progress-every");
  static final List<String> FIELDS =
      List.of(
          "documentCode",
          "issuingState",
          "documentNumber",
          "birthDate",
          "expirationDate",
          "nationality",
          "sex",
          "lastName",
          "firstName",
          "optionalData");

  /** One labelled photo: its file name, its format (TD1, TD2, TD3) and the fields it should read as. */
  private static final String CHECK_DIGITS = "mrz-check-digits";

  record Labelled(String image, String format, boolean valid, Map<String, String> fields) {}

  private MrzImagesEval() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path dir = EvalInputs.imageDir(args);
    Path labels = args.requiredPath("labels", "FILE.jsonl");
    int every = args.intOption("progress-every", 1, 1, Integer.MAX_VALUE);
    List<Labelled> items = readLabels(labels);
    EvalInputs.requireExisting(dir, items.stream().map(Labelled::image).toList(), labels);

    int found = 0;
    int exact = 0;
    int parsed = 0;
    int validityAgrees = 0;
    int fieldsRight = 0;
    int fieldsTotal = 0;
    Map<String, int[]> byField = new TreeMap<>();
    long nanos = 0;
    ObjectNode perImage = Json.object();
    try (MrzReader reader = new MrzReader()) {
      Progress progress = new Progress(ctx.err(), "eval mrz", "images", items.size(), every, ctx.nanoClock());
      for (Labelled item : items) {
        byte[] bytes = readBytes(EvalInputs.resolve(dir, item.image()));
        long start = ctx.nanoClock().getAsLong();
        MrzReader.Reading reading = reader.read(bytes);
        MrzResult mrz = reading.mrz();
        long took = ctx.nanoClock().getAsLong() - start;
        nanos += took;
        if (!reading.lines().isEmpty()) {
          found++;
        }
        boolean allRight = mrz != null;
        if (mrz != null) {
          parsed++;
          validityAgrees += checkDigitsVerify(mrz) == item.valid() ? 1 : 0;
        }
        ObjectNode one = perImage.putObject(item.image());
        Json.millis(one, "ms", took);
        one.put("reason", reading.reason() == null ? null : reading.reason().code());
        one.putPOJO("mrz", reading.lines());
        one.putPOJO("ocr", reading.details().get("ocrText"));
        one.putPOJO("corrections", reading.details().getOrDefault("corrections", List.of()));
        if (mrz != null) {
          one.put("format", mrz.format().name());
          one.put("check_digits_verify", checkDigitsVerify(mrz));
          one.putPOJO("reasons", mrz.reasons());
        }
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> e : item.fields().entrySet()) {
          MrzField field = mrz == null ? null : field(mrz, e.getKey());
          boolean right = field != null && readAs(field).contains(e.getValue());
          fieldsTotal++;
          fieldsRight += right ? 1 : 0;
          int[] counts = byField.computeIfAbsent(e.getKey(), k -> new int[2]);
          counts[0] += right ? 1 : 0;
          counts[1]++;
          if (!right) {
            wrong.add(e.getKey() + ": expected " + e.getValue() + ", read " + (field == null ? null : field.raw()));
            allRight = false;
          }
        }
        one.putPOJO("wrong", wrong);
        exact += allRight ? 1 : 0;
        ctx.err().println("[bonafide] " + item.image() + ": " + (allRight ? "all fields right" : wrong + " " + reading.details()));
        progress.step();
      }
    }
    ObjectNode r = Json.object();
    r.put("eval", "mrz");
    r.put("images", items.size());
    Json.number(r, "found_rate", items.isEmpty() ? Double.NaN : (double) found / items.size());
    Json.number(r, "exact_mrz_rate", items.isEmpty() ? Double.NaN : (double) exact / items.size());
    Json.number(r, "field_accuracy", fieldsTotal == 0 ? Double.NaN : (double) fieldsRight / fieldsTotal);
    ObjectNode accuracy = r.putObject("field_accuracy_by_field");
    byField.forEach((field, c) -> accuracy.put(field, (double) c[0] / c[1]));
    Json.number(r, "validity_agreement", parsed == 0 ? Double.NaN : (double) validityAgrees / parsed);
    Json.millis(r, "ms_per_image", items.isEmpty() ? Double.NaN : (double) nanos / items.size());
    r.set("per_image", perImage);
    return r;
  }

  /** The parsed field a label names: a passport's optional data is its personal number. */
  private static MrzField field(MrzResult mrz, String labelName) {
    return mrz.field(labelName)
        .or(() -> labelName.equals("optionalData") ? mrz.field("personalNumber") : java.util.Optional.empty())
        .orElse(null);
  }

  /** Whether every check digit of the zone verifies (the reading is self-consistent). */
  private static boolean checkDigitsVerify(MrzResult mrz) {
    return mrz.checks().stream().filter(c -> c.id().equals(CHECK_DIGITS)).allMatch(c -> c.passed());
  }

  /** The ways a field may be written: its value, its characters as printed, without fillers. */
  private static Set<String> readAs(MrzField field) {
    Set<String> forms = new java.util.HashSet<>();
    if (field.value() != null) {
      forms.add(field.value());
    }
    if (field.raw() != null) {
      forms.add(field.raw());
      forms.add(field.raw().replace("<", ""));
    }
    return forms;
  }

  static List<Labelled> readLabels(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new BonafideException(ErrorCode.NOT_FOUND, "Cannot read the labels file " + file + ": " + e.getMessage());
    }
    List<Labelled> items = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = file + " line " + (i + 1);
      JsonNode node;
      try {
        node = Json.MAPPER.readTree(line);
      } catch (JacksonException e) {
        throw Args.usage(where + " is not JSON: " + e.getOriginalMessage());
      }
      JsonNode image = node.get("image");
      JsonNode fields = node.get("fields");
      if (image == null || !image.isString() || fields == null || !fields.isObject()) {
        throw Args.usage(where + " needs \"image\" (a file name) and \"fields\" (an object).");
      }
      Map<String, String> expected = new LinkedHashMap<>();
      for (String field : FIELDS) {
        JsonNode value = fields.get(field);
        if (value != null && !value.isNull()) {
          expected.put(field, value.asString());
        }
      }
      JsonNode format = node.get("format");
      JsonNode valid = node.get("valid");
      items.add(
          new Labelled(
              image.asString(), format == null ? "" : format.asString(), valid == null || valid.asBoolean(), expected));
    }
    if (items.isEmpty()) {
      throw Args.usage(file + " holds no labelled image.");
    }
    return items;
  }

  private static byte[] readBytes(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new BonafideException(ErrorCode.NOT_FOUND, "Cannot read " + path + ": " + e.getMessage());
    }
  }
}
