package org.bonafide.cli.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Csv;
import org.bonafide.cli.EvalInputs;
import org.bonafide.cli.Json;
import org.bonafide.cli.Metrics;
import org.bonafide.cli.VideoFrames;
import org.bonafide.liveness.Capture;
import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.CheckResult;
import org.bonafide.liveness.LivenessAnalyzer;
import org.bonafide.liveness.LivenessAnalyzers;
import org.bonafide.liveness.LivenessReport;
import org.bonafide.liveness.Prompt;
import org.bonafide.liveness.PromptStep;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eval deepfake}: runs the passive detectors (no challenge) on labelled videos and reports
 * how well the combined face-swap score separates real from fake. Each video is decoded, sampled
 * at about {@code --fps} frames a second (12, as the capture page sends) for at most {@code
 * --max-seconds}, re-encoded as JPEG like captured frames, and analysed as a capture whose
 * challenge is one hold-still step and no colours ({@link LivenessAnalyzers#passive}). The video's
 * deepfake score is the mean of {@code 1 - score} over the face-swap checks (landmark jitter,
 * blending seam, skin tone, rPPG): higher is more like a fake. AUC is over fake (positive) against
 * real (negative) videos; a video that cannot be decoded is listed in {@code failed} and left out.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}), and for the labels
 * file's reader and the AUC, which {@code eval blend} shares.
 */
public final class DeepfakeEval {
  public static final Set<String> OPTIONS = Set.of("videos", "labels", "fps", "max-seconds");

  /** One labelled video. */
  public record Labelled(String video, boolean fake, String manipulation) {}

  private DeepfakeEval() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    return run(args, ctx, engine -> LivenessAnalyzers.passive(engine, java.util.Map.of()));
  }

  /** @param analyzers builds the passive analyzer from the loaded face engine (tests pass their own) */
  static ObjectNode run(Args args, CommandContext ctx, Function<FaceEngine, LivenessAnalyzer> analyzers) {
    args.expectPositionals(0, "no positional arguments");
    Path dir = args.requiredPath("videos", "DIR (the folder the CSV's video names are relative to)");
    Path csv = args.requiredPath("labels", "FILE.csv");
    double fps = args.doubleOption("fps", 12, 1, 60);
    double maxSeconds = args.doubleOption("max-seconds", 20, 1, 600);
    if (!Files.isDirectory(dir)) {
      throw new BonafideException(
          ErrorCode.NOT_FOUND, "The videos folder " + dir + (Files.exists(dir) ? " is not a folder." : " does not exist."));
    }
    List<Labelled> labelled = labels(csv);
    EvalInputs.requireExisting(dir, labelled.stream().map(Labelled::video).toList(), csv);
    ctx.err().printf(Locale.ROOT, "[bonafide] eval deepfake: %d videos in %s%n", labelled.size(), csv);

    ArrayNode videos = Json.object().arrayNode();
    ArrayNode failed = Json.object().arrayNode();
    List<Double> real = new ArrayList<>();
    Map<String, List<Double>> fakeByManipulation = new TreeMap<>();
    List<Double> fake = new ArrayList<>();
    long nanos = 0;
    int analysed = 0;
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults())) {
      LivenessAnalyzer analyzer = analyzers.apply(engine);
      for (Labelled v : labelled) {
        long start = ctx.nanoClock().getAsLong();
        LivenessReport report;
        try {
          report = analyzer.analyse(capture(EvalInputs.resolve(dir, v.video()), fps, maxSeconds), null);
        } catch (BonafideException e) {
          ObjectNode f = failed.addObject();
          f.put("video", v.video());
          f.put("error", e.getMessage());
          ctx.err().println("[bonafide] " + v.video() + ": " + e.getMessage());
          continue;
        }
        nanos += ctx.nanoClock().getAsLong() - start;
        analysed++;
        double score = deepfakeScore(report.checks());
        ObjectNode line = videos.addObject();
        line.put("video", v.video());
        line.put("label", v.fake() ? "fake" : "real");
        if (v.manipulation() != null) {
          line.put("manipulation", v.manipulation());
        }
        Json.number(line, "score", score);
        line.put("outcome", report.outcome().name().toLowerCase(Locale.ROOT));
        ArrayNode reasons = line.putArray("reasons");
        report.reasons().forEach(reasons::add);
        line.put("frames", report.framesAnalysed());
        ObjectNode checks = line.putObject("checks");
        for (CheckResult c : report.checks()) {
          ObjectNode check = checks.putObject(c.id());
          check.put("passed", c.passed());
          check.put("score", c.score());
          check.putPOJO("details", c.details());
        }
        ctx.err().println("[bonafide] " + Json.line(line));
        if (Double.isNaN(score)) {
          continue;
        }
        if (v.fake()) {
          fake.add(score);
          fakeByManipulation.computeIfAbsent(v.manipulation() == null ? "unspecified" : v.manipulation(), k -> new ArrayList<>()).add(score);
        } else {
          real.add(score);
        }
      }
    }
    ObjectNode r = Json.object();
    r.put("eval", "deepfake");
    r.set("videos", videos);
    Json.number(r, "auc", auc(fake, real));
    ObjectNode byManipulation = r.putObject("auc_by_manipulation");
    fakeByManipulation.forEach((m, scores) -> Json.number(byManipulation, m, auc(scores, real)));
    r.set("failed", failed);
    Json.millis(r, "ms_per_video", analysed == 0 ? Double.NaN : (double) nanos / analysed);
    return r;
  }

  /** AUC of fake (positive) against real (negative) scores; NaN when either is empty. */
  public static double auc(List<Double> fake, List<Double> real) {
    return Metrics.auc(
        Metrics.sorted(fake.stream().mapToDouble(Double::doubleValue).toArray()),
        Metrics.sorted(real.stream().mapToDouble(Double::doubleValue).toArray()));
  }

  /** Mean of {@code 1 - score} over the face-swap checks present; NaN when none ran. */
  static double deepfakeScore(List<CheckResult> checks) {
    List<String> ids = LivenessAnalyzers.faceSwapCheckIds();
    double sum = 0;
    int n = 0;
    for (CheckResult c : checks) {
      if (ids.contains(c.id())) {
        sum += 1 - c.score();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Reads {@code video,label[,manipulation]}; label is {@code real} or {@code fake}. */
  public static List<Labelled> labels(Path csv) {
    List<Labelled> out = new ArrayList<>();
    for (Csv.Row row : Csv.read(csv, "labels", List.of("video", "label"), List.of("manipulation"))) {
      String label = row.get("label").trim().toLowerCase(Locale.ROOT);
      if (!label.equals("real") && !label.equals("fake")) {
        throw row.error("the label must be real or fake, not '" + row.get("label") + "'");
      }
      String manipulation = row.get("manipulation").trim();
      if (label.equals("real") && !manipulation.isEmpty()) {
        throw row.error("a real video has no manipulation (found '" + manipulation + "')");
      }
      out.add(new Labelled(row.get("video").trim(), label.equals("fake"), manipulation.isEmpty() ? null : manipulation));
    }
    if (out.isEmpty()) {
      throw Csv.invalid("The labels file " + csv + " has a header but no videos.");
    }
    return out;
  }

  /**
   * The video as a passive capture: frames about {@code 1000 / fps} ms apart (the first of each
   * interval), at most {@code maxSeconds}, JPEG-encoded; a challenge of one hold-still step as long
   * as the frames and no colours.
   */
  static Capture capture(Path video, double fps, double maxSeconds) {
    List<CapturedFrame> frames = new ArrayList<>();
    double step = 1000 / fps;
    try (VideoFrames decoder = VideoFrames.open(video)) {
      VideoFrames.VideoFrame frame;
      long first = -1;
      double next = 0;
      while ((frame = decoder.next()) != null) {
        if (first < 0) {
          first = frame.timestampMs();
        }
        long t = frame.timestampMs() - first;
        if (t > maxSeconds * 1000) {
          break;
        }
        if (t + 1e-6 >= next) {
          frames.add(new CapturedFrame(frames.size(), t, Prompt.HOLD_STILL, null, jpeg(frame.image())));
          next = Math.max(next + step, t + step / 2);
        }
      }
    }
    if (frames.isEmpty()) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The video " + video + " has no decodable frames.");
    }
    int duration = (int) Math.max(1, frames.get(frames.size() - 1).timestampMs() + Math.round(step));
    Challenge challenge = new Challenge(List.of(new PromptStep(Prompt.HOLD_STILL, duration)), List.of());
    return new Capture(challenge, frames, Map.of());
  }

  private static byte[] jpeg(java.awt.image.BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpeg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
