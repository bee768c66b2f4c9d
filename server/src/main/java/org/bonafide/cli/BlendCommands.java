package org.bonafide.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bonafide.biometrics.BlendDetector;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.cli.eval.DeepfakeEval;
import org.bonafide.cli.train.BlendDetectorEvaluation;
import org.bonafide.cli.train.BlendDetectorTraining;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.databind.node.ArrayNode;
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
      Set.of(
          "faces", "holdout-only", "holdout-fraction", "split-seed", "per-face", "seed", "limit", "model", "identities",
          "videos", "labels", "fps", "max-seconds");

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
    boolean prefix = identities(args);
    requireFolder(faces);
    String python = args.has("python") ? args.required("python", "INTERPRETER") : BlendDetectorTraining.defaultTrainer();
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
    if (args.has("videos")) {
      return evalVideos(args, ctx);
    }
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

  /**
   * The detector on labelled videos ({@code eval deepfake}'s labels, such as {@code simulate
   * deepfake-videos} writes): the most prominent face of frames sampled at {@code --fps}, a video's
   * score the mean of its frames'. AUC of fake against real videos, overall and per manipulation,
   * and the same over single frames.
   */
  private static ObjectNode evalVideos(Args args, CommandContext ctx) {
    Path dir = args.requiredPath("videos", "DIR (the folder the CSV's video names are relative to)");
    Path csv = args.requiredPath("labels", "FILE.csv");
    double fps = args.doubleOption("fps", 4, 0.1, 60);
    double maxSeconds = args.doubleOption("max-seconds", 20, 1, 600);
    requireFolder(dir);
    List<DeepfakeEval.Labelled> labelled = DeepfakeEval.labels(csv);
    EvalInputs.requireExisting(dir, labelled.stream().map(DeepfakeEval.Labelled::video).toList(), csv);
    List<Double> real = new ArrayList<>();
    List<Double> fake = new ArrayList<>();
    List<Double> realFrames = new ArrayList<>();
    List<Double> fakeFrames = new ArrayList<>();
    Map<String, List<Double>> byManipulation = new TreeMap<>();
    ArrayNode videos = Json.object().arrayNode();
    long nanos = 0;
    int scored = 0;
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults());
        BlendDetector detector = args.has("model") ? BlendDetector.load(args.requiredPath("model", "FILE.onnx")) : BlendDetector.load()) {
      for (DeepfakeEval.Labelled v : labelled) {
        List<Double> frames = new ArrayList<>();
        try (VideoFrames video = VideoFrames.open(EvalInputs.resolve(dir, v.video()))) {
          long next = -1;
          VideoFrames.VideoFrame frame;
          while ((frame = video.next()) != null && frame.timestampMs() <= maxSeconds * 1000) {
            if (frame.timestampMs() < next) {
              continue;
            }
            next = frame.timestampMs() + Math.round(1000 / fps);
            DecodedImage image = new DecodedImage(frame.image(), "video", "", 0);
            List<Detection> faces = engine.detect(image);
            if (faces.isEmpty()) {
              continue;
            }
            float[] landmarks = engine.landmarks(image, faces.get(0).box());
            long start = ctx.nanoClock().getAsLong();
            frames.add(detector.score(image, landmarks));
            nanos += ctx.nanoClock().getAsLong() - start;
            scored++;
          }
        }
        double score = frames.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        ObjectNode line = videos.addObject();
        line.put("video", v.video());
        line.put("label", v.fake() ? "fake" : "real");
        if (v.manipulation() != null) {
          line.put("manipulation", v.manipulation());
        }
        line.put("frames", frames.size());
        Json.number(line, "score", score);
        ctx.err().println("[bonafide] " + Json.line(line));
        if (Double.isNaN(score)) {
          continue;
        }
        (v.fake() ? fake : real).add(score);
        (v.fake() ? fakeFrames : realFrames).addAll(frames);
        if (v.fake()) {
          byManipulation.computeIfAbsent(v.manipulation() == null ? "unspecified" : v.manipulation(), k -> new ArrayList<>()).add(score);
        }
      }
    }
    ObjectNode r = Json.object();
    r.put("eval", "blend-videos");
    r.set("videos", videos);
    r.put("real_videos", real.size());
    r.put("fake_videos", fake.size());
    Json.number(r, "auc", DeepfakeEval.auc(fake, real));
    ObjectNode perKind = r.putObject("auc_by_manipulation");
    byManipulation.forEach((m, scores) -> Json.number(perKind, m, DeepfakeEval.auc(scores, real)));
    Json.number(r, "frame_auc", DeepfakeEval.auc(fakeFrames, realFrames));
    Json.millis(r, "ms_per_face", scored == 0 ? Double.NaN : (double) nanos / scored);
    return r;
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
