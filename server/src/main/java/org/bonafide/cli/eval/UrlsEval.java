package org.bonafide.cli.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Csv;
import org.bonafide.cli.Json;
import org.bonafide.cli.Metrics;
import org.bonafide.identitygraph.Identifiers;
import org.bonafide.scamintel.IndicatorKind;
import org.bonafide.scamintel.Indicators;
import org.bonafide.scamintel.Lookalikes;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eval urls --file FILE.csv}: scores every link of a labelled file ({@code label,url}, label
 * {@code legit} or {@code scam}) with the shipped lookalike rules against the default protected
 * domains, and prints precision, recall and f1 at the threshold, and AUC. No database: the reports
 * a deployment holds would only raise the scores.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class UrlsEval {
  public static final Set<String> OPTIONS = Set.of("file", "threshold");

  private UrlsEval() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path file = args.requiredPath("file", "FILE.csv (label,url)");
    double threshold = args.doubleOption("threshold", 0.5, 0, 1);
    Indicators indicators = new Indicators(Identifiers.withDefaults());
    Lookalikes lookalikes = new Lookalikes(Lookalikes.DEFAULT_PROTECTED);
    List<Csv.Row> rows = Csv.read(file, "urls", List.of("label", "url"), List.of());
    List<Double> scams = new ArrayList<>();
    List<Double> legit = new ArrayList<>();
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int unparsed = 0;
    long start = ctx.nanoClock().getAsLong();
    for (Csv.Row row : rows) {
      String label = row.get("label").trim().toLowerCase(Locale.ROOT);
      if (!label.equals("legit") && !label.equals("scam")) {
        throw row.error("label must be legit or scam, not '" + row.get("label") + "'");
      }
      String raw = row.get("url");
      Indicators.Parsed parsed = indicators.parse(IndicatorKind.URL, raw);
      double score;
      if (parsed.isAccepted()) {
        score = lookalikes.examine(parsed.indicator().value(), Lookalikes.hasUserInfo(raw)).score();
      } else {
        unparsed++;
        score = 0;
      }
      boolean scam = label.equals("scam");
      (scam ? scams : legit).add(score);
      boolean called = score >= threshold;
      if (called && scam) {
        tp++;
      } else if (called) {
        fp++;
      } else if (scam) {
        fn++;
      }
    }
    double ms = (ctx.nanoClock().getAsLong() - start) / 1e6 / Math.max(1, rows.size());
    double[] pos = scams.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] neg = legit.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    ObjectNode out = Json.object();
    out.put("rows", rows.size());
    out.put("scams", pos.length);
    Json.number(out, "precision", tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp));
    Json.number(out, "recall", tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn));
    Json.number(out, "f1", tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn));
    Json.number(out, "auc", Metrics.auc(pos, neg));
    out.put("threshold", threshold);
    out.put("unparsed", unparsed);
    out.put("ms_per_url", Math.round(ms * 1000) / 1000.0);
    return out;
  }
}
