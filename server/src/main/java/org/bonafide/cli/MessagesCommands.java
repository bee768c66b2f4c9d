package org.bonafide.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bonafide.scamintel.MessageModel;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code train messages} and {@code eval messages}: the message model, trained in Java on a
 * labelled corpus ({@code label,text}, label {@code legit} or {@code scam}) and measured on it.
 * Both read the same CSV; the held-out fifth ({@link MessageModel#heldOut(String)}) is never
 * trained on.
 */
final class MessagesCommands {
  static final Set<String> TRAIN_OPTIONS = Set.of("file", "out", "epochs", "min-count", "l2", "seed");
  static final Set<String> EVAL_OPTIONS = Set.of("file", "split", "model");

  private MessagesCommands() {}

  private record Labelled(String text, boolean scam) {}

  private static List<Labelled> read(Path file) {
    List<Labelled> out = new ArrayList<>();
    for (Csv.Row row : Csv.read(file, "messages", List.of("label", "text"), List.of())) {
      String label = row.get("label").trim().toLowerCase(Locale.ROOT);
      if (!label.equals("legit") && !label.equals("scam")) {
        throw row.error("label must be legit or scam, not '" + row.get("label") + "'");
      }
      out.add(new Labelled(row.get("text"), label.equals("scam")));
    }
    return out;
  }

  static ObjectNode train(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path file = args.requiredPath("file", "FILE.csv (label,text)");
    Path out = args.requiredPath("out", "MODEL.tsv");
    int epochs = args.intOption("epochs", 15, 1, 200);
    int minCount = args.intOption("min-count", 2, 1, 1000);
    double l2 = args.doubleOption("l2", 1e-4, 0, 1);
    long seed = args.intOption("seed", 1, 0, Integer.MAX_VALUE);
    List<Labelled> rows = read(file);
    List<MessageModel.Example> training = new ArrayList<>();
    List<Labelled> heldOut = new ArrayList<>();
    for (Labelled r : rows) {
      if (MessageModel.heldOut(r.text())) {
        heldOut.add(r);
      } else {
        training.add(new MessageModel.Example(r.text(), r.scam()));
      }
    }
    ctx.err().printf(Locale.ROOT, "[bonafide] train messages: %d training rows, %d held out%n", training.size(), heldOut.size());
    long start = ctx.nanoClock().getAsLong();
    MessageModel model = MessageModel.train(training, epochs, minCount, l2, seed);
    double seconds = (ctx.nanoClock().getAsLong() - start) / 1e9;
    ObjectNode figures = measure(model, heldOut);
    List<String> comments =
        List.of(
            "Bonafide message model: logistic regression over MessageFeatures (binary features).",
            String.format(
                Locale.ROOT,
                "Made by: train messages --file %s --epochs %d --min-count %d --l2 %s --seed %d",
                file.getFileName(), epochs, minCount, l2, seed),
            String.format(
                Locale.ROOT,
                "Trained on %d rows (the file without its held-out fifth, MessageModel.heldOut); held-out %d rows: %s",
                training.size(), heldOut.size(), Json.line(figures)));
    try {
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        model.write(w, comments);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
    ObjectNode result = Json.object();
    result.put("training_rows", training.size());
    result.put("held_out_rows", heldOut.size());
    result.put("features", model.size());
    result.put("train_seconds", Math.round(seconds * 100) / 100.0);
    result.set("held_out", figures);
    result.put("out", out.toString());
    return result;
  }

  static ObjectNode eval(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path file = args.requiredPath("file", "FILE.csv (label,text)");
    String split = args.has("split") ? args.required("split", "all or holdout") : "all";
    if (!split.equals("all") && !split.equals("holdout")) {
      throw Args.usage("eval messages: --split is all or holdout, not '" + split + "'");
    }
    MessageModel model;
    if (args.has("model")) {
      Path path = args.requiredPath("model", "MODEL.tsv");
      try (InputStream in = Files.newInputStream(path)) {
        model = MessageModel.read(in);
      } catch (IOException e) {
        throw Args.usage("eval messages: cannot read the model " + path + ": " + e.getMessage());
      }
    } else {
      model = MessageModel.shipped();
    }
    List<Labelled> rows = new ArrayList<>();
    for (Labelled r : read(file)) {
      if (split.equals("all") || MessageModel.heldOut(r.text())) {
        rows.add(r);
      }
    }
    ctx.err().printf(Locale.ROOT, "[bonafide] eval messages: scoring %d rows (%s)%n", rows.size(), split);
    long start = ctx.nanoClock().getAsLong();
    ObjectNode result = measure(model, rows);
    double ms = (ctx.nanoClock().getAsLong() - start) / 1e6 / Math.max(1, rows.size());
    result.put("split", split);
    result.put("ms_per_message", Math.round(ms * 1000) / 1000.0);
    return result;
  }

  /** precision, recall, f1 at the model's threshold, and AUC, over labelled rows. */
  private static ObjectNode measure(MessageModel model, List<Labelled> rows) {
    List<Double> scams = new ArrayList<>();
    List<Double> legit = new ArrayList<>();
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (Labelled r : rows) {
      double p = model.probability(r.text());
      boolean called = p >= model.threshold();
      (r.scam() ? scams : legit).add(p);
      if (called && r.scam()) {
        tp++;
      } else if (called) {
        fp++;
      } else if (r.scam()) {
        fn++;
      }
    }
    double[] pos = scams.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] neg = legit.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
    ObjectNode out = Json.object();
    out.put("rows", rows.size());
    out.put("scams", pos.length);
    Json.number(out, "precision", precision);
    Json.number(out, "recall", recall);
    Json.number(out, "f1", tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn));
    Json.number(out, "auc", Metrics.auc(pos, neg));
    out.put("threshold", model.threshold());
    out.put("false_positives", fp);
    out.put("false_negatives", fn);
    return out;
  }
}
