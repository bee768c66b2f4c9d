package org.bonafide.cli.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * {@code eval face-pairs}: verification error rates of the face comparison over a labelled set,
 * with the ISO/IEC 19795-1 meanings: FMR and FNMR are algorithm rates over the pairs that could be
 * compared, failures to enrol are counted apart (FTE) and their pairs excluded.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class FacePairsEval {
  public static final Set<String> OPTIONS =
      Set.of("images", "pairs", "identities", "threshold", "threads", "workers", "progress-every");

  /** An identities file makes every pair; past this many the scores alone would need gigabytes. */
  static final long MAX_PAIRS = 20_000_000L;

  /** Target false match rates reported as TAR at FAR, keyed as printed. */
  static final Map<String, Double> TARGET_FARS = targets();

  private static Map<String, Double> targets() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("1e-2", 1e-2);
    m.put("1e-3", 1e-3);
    return m;
  }

  /** One comparison to make: image names as in the CSV, and whether they show the same person. */
  record Pair(String a, String b, boolean genuine) {}

  private FacePairsEval() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path dir = EvalInputs.imageDir(args);
    boolean byPairs = args.has("pairs");
    if (byPairs == args.has("identities")) {
      throw Args.usage("eval face-pairs needs exactly one of --pairs FILE.csv and --identities FILE.csv.");
    }
    double threshold = args.doubleOption("threshold", FaceEngineSettings.DEFAULT_MATCH_THRESHOLD, -1, 1);
    int threads = args.intOption("threads", 0, 0, 1024);
    int workers = args.intOption("workers", 1, 1, 256);
    int every = args.intOption("progress-every", 50, 1, Integer.MAX_VALUE);
    FaceEngineSettings settings = FaceEngineSettings.defaults().withMatchThreshold(threshold).withThreads(threads, 1);

    Path csv;
    List<String> images;
    List<Pair> pairs = null;
    List<String> identityOf = null;
    if (byPairs) {
      csv = args.requiredPath("pairs", "FILE.csv");
      pairs = readPairs(csv);
      LinkedHashMap<String, Boolean> unique = new LinkedHashMap<>();
      for (Pair p : pairs) {
        unique.put(p.a(), true);
        unique.put(p.b(), true);
      }
      images = List.copyOf(unique.keySet());
    } else {
      csv = args.requiredPath("identities", "FILE.csv");
      Map<String, String> identities = readIdentities(csv);
      images = List.copyOf(identities.keySet());
      identityOf = List.copyOf(identities.values());
      long n = images.size();
      if (n * (n - 1) / 2 > MAX_PAIRS) {
        throw Args.usage(
            csv
                + " lists "
                + n
                + " images, which make "
                + n * (n - 1) / 2
                + " pairs; the limit is "
                + MAX_PAIRS
                + ". Give a sample of pairs with --pairs instead.");
      }
    }
    EvalInputs.requireExisting(dir, images, csv);

    long start = ctx.nanoClock().getAsLong();
    List<ImageBatch.Outcome<float[]>> outcomes;
    try (FaceEngine engine = ctx.engine(settings)) {
      List<Path> files = images.stream().map(name -> EvalInputs.resolve(dir, name)).toList();
      Progress progress = new Progress(ctx.err(), "eval face-pairs", "images", files.size(), every, ctx.nanoClock());
      outcomes =
          ImageBatch.run(
              engine,
              files,
              workers,
              progress,
              ctx.nanoClock(),
              (e, image, face) -> e.embed(image, e.landmarks(image, face.box())));
    }

    float[][] embeddings = new float[images.size()][];
    ObjectNode failedImages = Json.object();
    long nanos = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      ImageBatch.Outcome<float[]> o = outcomes.get(i);
      nanos += o.nanos();
      if (o.ok()) {
        embeddings[i] = o.value();
      } else {
        failedImages.put(images.get(i), o.error());
        ctx.err().println("[bonafide] failed to enrol " + images.get(i) + ": " + o.error() + ": " + o.detail());
      }
    }

    long scoringStart = ctx.nanoClock().getAsLong();
    EvalInputs.Scores genuine = new EvalInputs.Scores();
    EvalInputs.Scores impostor = new EvalInputs.Scores();
    long totalPairs = 0;
    long failedGenuine = 0;
    long failedImpostor = 0;
    if (byPairs) {
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < images.size(); i++) {
        index.put(images.get(i), i);
      }
      for (Pair p : pairs) {
        totalPairs++;
        float[] ea = embeddings[index.get(p.a())];
        float[] eb = embeddings[index.get(p.b())];
        if (ea == null || eb == null) {
          if (p.genuine()) {
            failedGenuine++;
          } else {
            failedImpostor++;
          }
        } else {
          (p.genuine() ? genuine : impostor).add(FaceEngine.similarity(ea, eb));
        }
      }
    } else {
      for (int i = 0; i < images.size(); i++) {
        for (int j = i + 1; j < images.size(); j++) {
          totalPairs++;
          boolean same = identityOf.get(i).equals(identityOf.get(j));
          if (embeddings[i] == null || embeddings[j] == null) {
            if (same) {
              failedGenuine++;
            } else {
              failedImpostor++;
            }
          } else {
            (same ? genuine : impostor).add(FaceEngine.similarity(embeddings[i], embeddings[j]));
          }
        }
      }
    }

    ctx.err()
        .printf(
            "[bonafide] eval face-pairs: %d pairs scored in %d ms%n",
            genuine.size() + impostor.size(),
            (ctx.nanoClock().getAsLong() - scoringStart) / 1_000_000);
    double[] g = genuine.sorted();
    double[] im = impostor.sorted();
    List<String> notes = new ArrayList<>();
    ObjectNode r = Json.object();
    r.put("eval", "face-pairs");
    r.put("images", images.size());
    r.put("failed_to_enrol", failedImages.size());
    Json.number(r, "fte", images.isEmpty() ? Double.NaN : (double) failedImages.size() / images.size());
    r.put("pairs", totalPairs);
    r.put("genuine", g.length);
    r.put("impostor", im.length);
    r.put("failed_pairs", failedGenuine + failedImpostor);
    r.put("failed_genuine_pairs", failedGenuine);
    r.put("failed_impostor_pairs", failedImpostor);
    r.put("threshold", threshold);
    Json.number(r, "fmr_at_threshold", Metrics.acceptRate(im, threshold));
    Json.number(r, "fnmr_at_threshold", Metrics.rejectRate(g, threshold));
    Json.number(r, "auc", Metrics.auc(g, im));
    Metrics.Eer eer = Metrics.eer(g, im);
    Json.number(r, "eer", eer.rate());
    Json.number(r, "eer_threshold", eer.threshold());
    ObjectNode tar = r.putObject("tar_at_far");
    ObjectNode thresholdAt = r.putObject("threshold_at_far");
    for (Map.Entry<String, Double> target : TARGET_FARS.entrySet()) {
      Metrics.OperatingPoint point = Metrics.atFalseAcceptRate(g, im, target.getValue());
      if (point == null) {
        tar.putNull(target.getKey());
        thresholdAt.putNull(target.getKey());
        if (g.length > 0) {
          notes.add(
              String.format(
                  Locale.ROOT,
                  "tar_at_far %s is null: it needs at least %.0f impostor pairs, %d were compared.",
                  target.getKey(),
                  Math.ceil(1 / target.getValue()),
                  im.length));
        }
      } else {
        tar.put(target.getKey(), point.acceptRate());
        thresholdAt.put(target.getKey(), point.threshold());
      }
    }
    Json.number(r, "min_genuine_score", Metrics.min(g));
    // the highest genuine score says how alike two different photos of one person get: a capture
    // above it is more likely the reference photo itself (docs/liveness.md, reference-photo)
    Json.number(r, "max_genuine_score", Metrics.max(g));
    Json.number(r, "max_impostor_score", Metrics.max(im));
    Json.number(r, "mean_genuine_score", Metrics.mean(g));
    Json.number(r, "mean_impostor_score", Metrics.mean(im));
    if (g.length == 0) {
      notes.add("No genuine pair could be compared: FNMR, EER, AUC and TAR are null.");
    }
    if (im.length == 0) {
      notes.add("No impostor pair could be compared: FMR, EER, AUC and TAR are null.");
    }
    return ImageBatch.summary(r, ctx, start, nanos, images.size(), workers, failedImages, notes);
  }

  static List<Pair> readPairs(Path csv) {
    List<Pair> pairs = new ArrayList<>();
    for (Csv.Row row : Csv.read(csv, "pairs", List.of("image_a", "image_b", "same"), List.of())) {
      pairs.add(new Pair(row.get("image_a"), row.get("image_b"), parseSame(row)));
    }
    return pairs;
  }

  static boolean parseSame(Csv.Row row) {
    String v = row.get("same").toLowerCase(Locale.ROOT);
    switch (v) {
      case "1", "yes", "true":
        return true;
      case "0", "no", "false":
        return false;
      default:
        throw row.error("same must be 1/0, yes/no or true/false, was '" + row.get("same") + "'.");
    }
  }

  /** Image name to identity label, in file order; an image listed twice is an error. */
  static Map<String, String> readIdentities(Path csv) {
    Map<String, String> identities = new LinkedHashMap<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (Csv.Row row : Csv.read(csv, "identities", List.of("image", "identity"), List.of())) {
      String image = row.get("image");
      if (identities.put(image, row.get("identity")) != null) {
        throw row.error("image " + image + " is already listed on line " + firstLine.get(image) + ".");
      }
      firstLine.put(image, row.line());
    }
    return identities;
  }
}
