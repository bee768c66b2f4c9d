package org.bonafide.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bonafide.biometrics.BlendDetector;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.cli.train.BlendDetectorEvaluation;
import org.bonafide.cli.train.BlendDetectorTraining;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code train blend-detector} and {@code eval blend}: the options and the JSON of the learned
 * blend detector's commands, whose work is in {@link org.bonafide.cli.train}.
 */
final class BlendCommands {
  static final Set<String> TRAIN_OPTIONS =
      Set.of(
          "faces", "video", "video-frames", "out", "work", "epochs", "seed", "holdout-fraction", "per-face",
          "held-out-per-face", "python", "identities");
  static final Set<String> EVAL_OPTIONS =
      Set.of("faces", "holdout-only", "holdout-fraction", "split-seed", "per-face", "seed", "limit", "model", "identities");

  private BlendCommands() {}

  static ObjectNode train(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path faces = args.requiredPath("faces", "DIR (face photos)");
    Path out = args.requiredPath("out", "FILE.onnx");
    Path work =
        args.has("work")
            ? args.requiredPath("work", "DIR")
            : Path.of(System.getProperty("java.io.tmpdir"), "bonafide-blend-detector");
    int epochs = args.intOption("epochs", 12, 1, 500);
    long seed = args.intOption("seed", 1, 0, Integer.MAX_VALUE);
    double holdout = args.doubleOption("holdout-fraction", 0.2, 0, 0.9);
    int perFace = args.intOption("per-face", 40, 1, 10_000);
    int heldOutPerFace = args.intOption("held-out-per-face", 12, 1, 10_000);
    int videoFrames = args.intOption("video-frames", 60, 1, 100_000);
    String python = args.has("python") ? args.required("python", "INTERPRETER") : "python3";
    boolean prefix = identities(args);
    requireFolder(faces);
    BlendDetectorTraining.checkTrainer(python);
    List<BufferedImage> frames = args.has("video") ? videoFrames(args.requiredPath("video", "FILE"), videoFrames, ctx) : List.of();
    BlendDetectorTraining.Settings settings =
        new BlendDetectorTraining.Settings(faces, out, work, epochs, seed, holdout, perFace, heldOutPerFace, python, prefix);
    BlendDetectorTraining.Outcome o;
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults())) {
      o = BlendDetectorTraining.run(settings, frames, engine, ctx.err(), ctx.nanoClock());
    }
    ObjectNode result = Json.object();
    result.put("model", out.toString());
    result.put("train_faces", o.trainFaces());
    result.put("train_identities", o.trainIdentities());
    result.put("video_frames", o.videoFrames());
    result.put("held_out_faces", o.heldOutFaces());
    result.put("held_out_identities", o.heldOutIdentities());
    result.put("train_samples", o.trainSamples());
    result.put("held_out_samples", o.heldOutSamples());
    result.put("samples_reused", o.samplesReused());
    Json.number(result, "generation_seconds", Math.round(o.generationSeconds() * 10) / 10.0);
    Json.number(result, "training_seconds", Math.round(o.trainingSeconds() * 10) / 10.0);
    putAucs(result, "held_out_", o.heldOutScores());
    Json.millis(result, "ms_per_crop", o.msPerCrop() * 1e6);
    return result;
  }

  static ObjectNode eval(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path faces = args.requiredPath("faces", "DIR (face photos)");
    boolean holdoutOnly = args.booleanOption("holdout-only", false);
    double holdout = args.doubleOption("holdout-fraction", 0.2, 0, 0.9);
    long splitSeed = args.intOption("split-seed", 1, 0, Integer.MAX_VALUE);
    int perFace = args.intOption("per-face", 12, 1, 10_000);
    long seed = args.intOption("seed", 2, 0, Integer.MAX_VALUE);
    int limit = args.intOption("limit", Integer.MAX_VALUE, 2, Integer.MAX_VALUE);
    boolean prefix = identities(args);
    requireFolder(faces);
    BlendDetectorEvaluation.Settings settings =
        new BlendDetectorEvaluation.Settings(faces, holdoutOnly, holdout, splitSeed, perFace, seed, limit, prefix);
    BlendDetectorEvaluation.Evaluation e;
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults());
        BlendDetector detector = args.has("model") ? BlendDetector.load(args.requiredPath("model", "FILE.onnx")) : BlendDetector.load()) {
      e = BlendDetectorEvaluation.run(settings, detector, engine, ctx.err(), ctx.nanoClock());
    }
    ObjectNode result = Json.object();
    result.put("faces", e.faces());
    result.put("identities", e.identities());
    result.put("holdout_only", holdoutOnly);
    putAucs(result, "", e.scores());
    Json.millis(result, "ms_per_crop", e.msPerCrop() * 1e6);
    Json.millis(result, "ms_per_face", e.msPerFace() * 1e6);
    return result;
  }

  /** Checked before the models load. */
  private static void requireFolder(Path faces) {
    if (!Files.isDirectory(faces)) {
      throw new BonafideException(ErrorCode.NOT_FOUND, "The faces folder " + faces + " does not exist.");
    }
  }

  private static boolean identities(Args args) {
    String mode = args.has("identities") ? args.required("identities", "prefix|file") : "prefix";
    return switch (mode) {
      case "prefix" -> true;
      case "file" -> false;
      default -> throw Args.usage("--identities must be prefix (the file name up to its first _) or file, was '" + mode + "'.");
    };
  }

  /** AUC of every blended kind against the real crops, and of all blends together. */
  private static void putAucs(ObjectNode node, String prefix, Map<String, double[]> scores) {
    double[] real = Metrics.sorted(scores.get("real"));
    List<Double> blended = new ArrayList<>();
    ObjectNode perKind = Json.object();
    for (Map.Entry<String, double[]> e : scores.entrySet()) {
      node.put(prefix + "count_" + e.getKey(), e.getValue().length);
      if (!e.getKey().equals("real")) {
        Json.number(perKind, e.getKey(), Metrics.auc(Metrics.sorted(e.getValue()), real));
        for (double v : e.getValue()) {
          blended.add(v);
        }
      }
    }
    double[] all = Metrics.sorted(blended.stream().mapToDouble(Double::doubleValue).toArray());
    Json.number(node, prefix + "auc", Metrics.auc(all, real));
    node.set(prefix + "auc_by_kind", perKind);
    Json.number(node, prefix + "mean_score_real", Metrics.mean(real));
    Json.number(node, prefix + "mean_score_blended", Metrics.mean(all));
  }

  /** Up to {@code count} frames spread evenly over the video. */
  private static List<BufferedImage> videoFrames(Path video, int count, CommandContext ctx) {
    List<VideoFrames.VideoFrame> frames = VideoFrames.readAll(video, 100_000);
    List<BufferedImage> picked = new ArrayList<>();
    int n = Math.min(count, frames.size());
    for (int i = 0; i < n; i++) {
      picked.add(frames.get((int) ((long) i * frames.size() / n)).image());
    }
    ctx.err().printf(Locale.ROOT, "[bonafide] %d of the video's %d frames%n", picked.size(), frames.size());
    return picked;
  }
}
