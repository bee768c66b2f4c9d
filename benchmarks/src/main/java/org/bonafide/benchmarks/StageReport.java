package org.bonafide.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link FaceStages} and prints, per stage, the pipeline time, the input preparation time,
 * the bare model time and their ratio, then the whole per-face pipeline against the sum of its
 * bare model runs (goal: within {@value #GOAL}x).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.bonafide.benchmarks.StageReport [JMH options]</pre>
 *
 * JMH options (for example {@code -wi 1 -i 3}) override the annotation defaults.
 */
public final class StageReport {
  static final double GOAL = 1.25;

  private StageReport() {}

  /**
   * One row: a stage benchmark, its pre-processing, engine model call and bare model benchmarks,
   * and how many model calls the stage makes.
   */
  private record Row(String label, String stage, String prep, String wrap, String model, int modelCalls) {}

  private static final Row[] ROWS = {
    new Row("decode", "stageDecode", null, null, null, 0),
    new Row("detect", "stageDetect", "prepDetect", "wrapDetect", "modelDetect", 1),
    new Row("landmarks", "stageLandmarks", "prepLandmarks", "wrapLandmark", "modelLandmark", 1),
    new Row("align+embed", "stageAlignEmbed", "prepAlignEmbed", "wrapFeature", "modelFeature", 1),
    new Row("attack score", "stageAttackScore", "prepAttackScore", "wrapLiveness", "modelLiveness", 1),
    new Row("pose", "stagePose", "prepPose", "wrapPose", "modelPose", 1),
    new Row("eyes (2 runs)", "stageEyes", "prepEyes", "wrapEye", "modelEye", 2),
  };

  public static void main(String[] args) throws RunnerException, IOException {
    Options cli;
    try {
      cli = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Options options = new OptionsBuilder().parent(cli).include(FaceStages.class.getName() + "\\.").build();
    String input;
    try (FaceFixture f = FaceFixture.load()) {
      input = f.describe();
    }
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Result<?>> byName = new HashMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      byName.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult());
    }
    print(System.out, input, byName);
  }

  private static double ms(Map<String, Result<?>> r, String name) {
    Result<?> result = name == null ? null : r.get(name);
    return result == null ? Double.NaN : result.getScore();
  }

  private static String cell(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  static void print(PrintStream out, String input, Map<String, Result<?>> r) {
    out.println();
    out.println("Bonafide face pipeline, ms per face (JMH average time; ONNX Runtime 1 intra-op thread)");
    out.println("input: " + input);
    out.printf(
        Locale.ROOT,
        "host: %d processors, Java %s%n%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    String format = "%-14s %9s %8s %8s %8s %7s %10s %8s%n";
    out.printf(Locale.ROOT, format, "stage", "pipeline", "prep", "wrap", "model", "ratio", "tensor i/o", "post");
    double modelSum = 0;
    double stageSum = 0;
    double prepSum = 0;
    double ioSum = 0;
    double postSum = 0;
    for (Row row : ROWS) {
      double stage = ms(r, row.stage());
      double prep = ms(r, row.prep());
      double wrap = ms(r, row.wrap()) * row.modelCalls();
      double model = ms(r, row.model()) * row.modelCalls();
      stageSum += stage;
      if (row.model() != null) {
        modelSum += model;
        prepSum += prep;
        ioSum += wrap - model;
        postSum += stage - prep - wrap;
      }
      out.printf(
          Locale.ROOT,
          format,
          row.label(),
          cell(stage),
          cell(prep),
          cell(wrap),
          cell(model),
          Double.isNaN(model) ? "-" : String.format(Locale.ROOT, "%.2fx", stage / model),
          cell(wrap - model),
          cell(stage - prep - wrap));
    }
    out.printf(
        Locale.ROOT,
        format,
        "sum",
        cell(stageSum),
        cell(prepSum),
        "",
        cell(modelSum),
        String.format(Locale.ROOT, "%.2fx", stageSum / modelSum),
        cell(ioSum),
        cell(postSum));
    out.println();
    out.println("pipeline   = the engine's stage method");
    out.println("prep       = building the model input alone (crop/warp/resize/normalise: Pixels.sample)");
    out.println("wrap       = the engine's model call, OnnxModels.run, on that input");
    out.println("model      = bare OrtSession.run on a tensor made once from that input");
    out.println("ratio      = pipeline / model");
    out.println("tensor i/o = wrap - model: input float[] copied into a new tensor, outputs copied out");
    out.println("post       = pipeline - prep - wrap: post-processing (box decoding and NMS, softmax, L2 norm)");
    out.println();
    double whole = ms(r, "pipelineWhole");
    double perFace = ms(r, "pipelineAnalyseFace");
    double core = ms(r, "pipelineCore");
    double decode = ms(r, "stageDecode");
    double coreModels =
        ms(r, "modelDetect") + ms(r, "modelLandmark") + ms(r, "modelFeature") + ms(r, "modelLiveness");
    double perFaceModels = modelSum - ms(r, "modelDetect");
    ratio(out, "whole (decode + detect + analyseFace)", whole, modelSum);
    ratio(out, "whole without decode", whole - decode, modelSum);
    ratio(out, "analyseFace alone (per-face stages)", perFace, perFaceModels);
    ratio(out, "eval path (decode, detect, lm, embed, pad)", core, coreModels);
    ratio(out, "eval path without decode", core - decode, coreModels);
    out.println();
    out.printf(
        Locale.ROOT,
        "decode %s ms = JPEG pixel decoding (ImageIO reader) %s + SHA-256 %s + EXIF parse %s + rest %s%n",
        cell(decode),
        cell(ms(r, "decodeImageIo")),
        cell(ms(r, "decodeSha256")),
        cell(ms(r, "decodeExif")),
        cell(decode - ms(r, "decodeImageIo") - ms(r, "decodeSha256") - ms(r, "decodeExif")));
    out.printf(
        Locale.ROOT,
        "overhead of the whole pipeline over its models: %s ms = decode %s + prep %s + tensor i/o %s + post %s"
            + " + rest %s%n",
        cell(whole - modelSum),
        cell(decode),
        cell(prepSum),
        cell(ioSum),
        cell(postSum),
        cell(whole - modelSum - decode - prepSum - ioSum - postSum));
  }

  private static void ratio(PrintStream out, String label, double pipeline, double models) {
    double ratio = pipeline / models;
    out.printf(
        Locale.ROOT,
        "%-44s %10s ms vs models %10s ms = %5.2fx %s%n",
        label,
        cell(pipeline),
        cell(models),
        ratio,
        ratio <= GOAL ? "(within " + GOAL + "x)" : "(OVER " + GOAL + "x)");
  }
}
