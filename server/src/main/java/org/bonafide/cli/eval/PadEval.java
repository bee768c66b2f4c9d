package org.bonafide.cli.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Csv;
import org.bonafide.cli.EvalInputs;
import org.bonafide.cli.ImageBatch;
import org.bonafide.cli.Json;
import org.bonafide.cli.Metrics;
import org.bonafide.cli.Progress;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eval pad}: error rates of the passive presentation-attack score with the ISO/IEC 30107-3
 * meanings. A presentation is classified an attack when its score is at or above the threshold.
 * APCER is computed per attack type (PAI species) and the worst type is reported; presentations
 * without a usable face are non-responses (APNRR, BPNRR) and are left out of APCER and BPCER.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class PadEval {
  public static final Set<String> OPTIONS = Set.of("images", "labels", "threshold", "threads", "workers", "progress-every");
  static final double DEFAULT_THRESHOLD = 0.5;
  /** Attack type of an attack row whose attack_type is empty or absent. */
  static final String UNSPECIFIED = "unspecified";

  /** One labelled presentation: image name, whether it is an attack and of which type. */
  record Presentation(String image, boolean attack, String attackType) {}

  private PadEval() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path dir = EvalInputs.imageDir(args);
    Path csv = args.requiredPath("labels", "FILE.csv");
    double threshold = args.doubleOption("threshold", DEFAULT_THRESHOLD, 0, 1);
    int threads = args.intOption("threads", 0, 0, 1024);
    int workers = args.intOption("workers", 1, 1, 256);
    int every = args.intOption("progress-every", 50, 1, Integer.MAX_VALUE);
    List<Presentation> presentations = readLabels(csv);
    List<String> images = presentations.stream().map(Presentation::image).toList();
    EvalInputs.requireExisting(dir, images, csv);

    long start = ctx.nanoClock().getAsLong();
    List<ImageBatch.Outcome<Double>> outcomes;
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults().withThreads(threads, 1))) {
      List<Path> files = images.stream().map(name -> EvalInputs.resolve(dir, name)).toList();
      Progress progress = new Progress(ctx.err(), "eval pad", "images", files.size(), every, ctx.nanoClock());
      outcomes =
          ImageBatch.run(
              engine, files, workers, progress, ctx.nanoClock(), (e, image, face) -> e.attackScore(image, face.box()));
    }

    EvalInputs.Scores bonaFide = new EvalInputs.Scores();
    EvalInputs.Scores attacks = new EvalInputs.Scores();
    Map<String, EvalInputs.Scores> byType = new TreeMap<>();
    Map<String, Integer> countByType = new TreeMap<>();
    int bonaFideTotal = 0;
    int attackTotal = 0;
    int bonaFideFailed = 0;
    int attackFailed = 0;
    long nanos = 0;
    ObjectNode failedImages = Json.object();
    for (int i = 0; i < presentations.size(); i++) {
      Presentation p = presentations.get(i);
      ImageBatch.Outcome<Double> o = outcomes.get(i);
      nanos += o.nanos();
      if (p.attack()) {
        attackTotal++;
        countByType.merge(p.attackType(), 1, Integer::sum);
      } else {
        bonaFideTotal++;
      }
      if (!o.ok()) {
        failedImages.put(p.image(), o.error());
        ctx.err().println("[bonafide] no response for " + p.image() + ": " + o.error() + ": " + o.detail());
        if (p.attack()) {
          attackFailed++;
        } else {
          bonaFideFailed++;
        }
        continue;
      }
      if (p.attack()) {
        attacks.add(o.value());
        byType.computeIfAbsent(p.attackType(), t -> new EvalInputs.Scores()).add(o.value());
      } else {
        bonaFide.add(o.value());
      }
    }

    double[] bf = bonaFide.sorted();
    double[] at = attacks.sorted();
    List<String> notes = new ArrayList<>();
    ObjectNode r = Json.object();
    r.put("eval", "pad");
    r.put("images", presentations.size());
    r.put("bona_fide", bonaFideTotal);
    r.put("attack", attackTotal);
    ObjectNode attacksByType = r.putObject("attacks_by_type");
    countByType.forEach(attacksByType::put);
    r.put("failed_to_enrol", bonaFideFailed + attackFailed);
    Json.number(r, "bpnrr", bonaFideTotal == 0 ? Double.NaN : (double) bonaFideFailed / bonaFideTotal);
    Json.number(r, "apnrr", attackTotal == 0 ? Double.NaN : (double) attackFailed / attackTotal);
    r.put("threshold", threshold);
    Map<String, double[]> scoresByType = new TreeMap<>();
    byType.forEach((type, scores) -> scoresByType.put(type, scores.sorted()));
    Metrics.Apcer apcer = Metrics.apcer(scoresByType, threshold);
    ObjectNode apcerByType = r.putObject("apcer_by_type");
    apcer.byType().forEach(apcerByType::put);
    Json.number(r, "apcer", apcer.worst());
    if (apcer.worstType() == null) {
      r.putNull("apcer_worst_type");
      notes.add("No attack presentation was scored: APCER, AUC and EER are null.");
    } else {
      r.put("apcer_worst_type", apcer.worstType());
    }
    Json.number(r, "bpcer", Metrics.bpcer(bf, threshold));
    if (bf.length == 0) {
      notes.add("No bona fide presentation was scored: BPCER, AUC and EER are null.");
    }
    Json.number(r, "auc", Metrics.auc(at, bf));
    Metrics.Eer eer = Metrics.eer(at, bf);
    Json.number(r, "eer", eer.rate());
    Json.number(r, "eer_threshold", eer.threshold());
    return ImageBatch.summary(r, ctx, start, nanos, presentations.size(), workers, failedImages, notes);
  }

  static List<Presentation> readLabels(Path csv) {
    List<Presentation> out = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (Csv.Row row : Csv.read(csv, "labels", List.of("image", "label"), List.of("attack_type"))) {
      String image = row.get("image");
      Integer previous = firstLine.putIfAbsent(image, row.line());
      if (previous != null) {
        throw row.error("image " + image + " is already listed on line " + previous + ".");
      }
      String label = row.get("label").toLowerCase(Locale.ROOT);
      String type = row.get("attack_type");
      switch (label) {
        case "bona_fide" -> {
          if (!type.isEmpty()) {
            throw row.error("attack_type is for attack rows; this row is labelled bona_fide.");
          }
          out.add(new Presentation(image, false, null));
        }
        case "attack" -> out.add(new Presentation(image, true, type.isEmpty() ? UNSPECIFIED : type));
        default -> throw row.error("label must be bona_fide or attack, was '" + row.get("label") + "'.");
      }
    }
    return out;
  }
}
