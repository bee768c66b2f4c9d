package org.bonafide.cli.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.liveness.LivenessAnalyzer;
import org.bonafide.liveness.LivenessAnalyzers;
import org.bonafide.liveness.LivenessReport;
import org.bonafide.liveness.Outcome;
import org.bonafide.liveness.ReplayCheck;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eval sessions}: runs every session folder under a folder through the liveness analysis
 * and reports error rates with the ISO/IEC 30107-3 meanings. Outcome {@code retry} is a
 * non-response (counted in APNRR and BPNRR, left out of APCER and BPCER); {@code passed} classifies
 * a session bona fide, {@code failed} an attack. APCER is computed per attack type (PAI species)
 * and the worst type is reported, as {@code eval pad} does. Unlabelled sessions are analysed and
 * listed but not counted in any rate.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class SessionsEval {
  public static final Set<String> OPTIONS = Set.of("dir", "out");

  /** What one session's analysis gave, or the input error that stopped it. */
  record Result(Path folder, String label, String attackType, LivenessReport report, String error, String detail, long nanos) {
    boolean responded() {
      return report != null && report.outcome() != Outcome.RETRY;
    }
  }

  private SessionsEval() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    return run(args, ctx, LivenessAnalyzers::withDefaults);
  }

  /** @param analyzers builds the analyzer from the loaded face engine (tests pass their own) */
  static ObjectNode run(Args args, CommandContext ctx, Function<FaceEngine, LivenessAnalyzer> analyzers) {
    args.expectPositionals(0, "no positional arguments");
    Path dir = args.requiredPath("dir", "DIR (a folder of session folders)");
    Path outFile = args.has("out") ? Path.of(args.required("out", "FILE.jsonl")) : null;
    List<Path> folders = SessionFolder.findAll(dir);
    if (folders.isEmpty()) {
      throw new BonafideException(ErrorCode.NOT_FOUND, "No session folder (a folder with session.json) under " + dir + ".");
    }
    // Every folder is validated before the models load, so a typo in the last one costs seconds.
    for (Path folder : folders) {
      SessionFolder.read(folder);
    }
    ctx.err().printf(Locale.ROOT, "[bonafide] eval sessions: %d session folders under %s%n", folders.size(), dir);

    long start = ctx.nanoClock().getAsLong();
    Counts counts = new Counts();
    long nanos = 0;
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults());
        BufferedWriter out = outFile == null ? null : Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
      LivenessAnalyzer analyzer = analyzers.apply(engine);
      for (Result result : analyseAll(engine, analyzer, folders, ctx, r -> ctx.err().println("[bonafide] " + Json.line(line(dir, r))))) {
        nanos += result.nanos();
        counts.add(result);
        if (out != null) {
          out.write(Json.line(line(dir, result)));
          out.newLine();
        }
      }
    } catch (IOException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot write " + outFile + ": " + e.getMessage());
    }

    ObjectNode r = Json.object();
    r.put("eval", "sessions");
    r.put("sessions", folders.size());
    r.put("bona_fide", counts.bonaFide);
    r.put("attack", counts.attack);
    r.put("unlabelled", counts.unlabelled);
    r.put("errors", counts.errors);
    Json.number(r, "apcer", counts.apcer());
    counts.putWorstType(r);
    ObjectNode byType = r.putObject("apcer_by_type");
    counts.attackTypes().forEach(type -> Json.number(byType, type, counts.apcer(type)));
    counts.putBonaFideAndNonResponseRates(r);
    ObjectNode outcomes = r.putObject("outcomes");
    counts.outcomes.forEach(outcomes::put);
    ObjectNode reasons = r.putObject("reasons");
    counts.reasons.forEach(reasons::put);
    int analysed = folders.size() - counts.errors;
    Json.millis(r, "ms_per_session", analysed == 0 ? Double.NaN : (double) nanos / analysed);
    counts.putStages(r);
    Json.millis(r, "elapsed_ms", ctx.nanoClock().getAsLong() - start);
    if (outFile != null) {
      r.put("per_session", outFile.toString());
    }
    return r;
  }

  static double rate(int count, int of) {
    return of == 0 ? Double.NaN : (double) count / of;
  }

  /**
   * Analyses the session folders in the given order: the one place where {@code eval sessions} and
   * {@code eval attacks} analyse a session, so that both give the same result for the same folder.
   *
   * @param each told of each result as soon as it is known (progress)
   * @return the results, in the order of {@code folders}
   */
  /**
   * Analyses the sessions in order, each also against the frames of the sessions before it (the
   * replay detector, with an in-memory history in place of the service's table). Sessions labelled
   * bona fide join the history without being checked against it: simulated bona fide sessions made
   * from one clip share its footage, so they would rightly match each other; with independent real
   * captures that exclusion can go.
   */
  static List<Result> analyseAll(
      FaceEngine engine, LivenessAnalyzer analyzer, List<Path> folders, CommandContext ctx, Consumer<Result> each) {
    ReplayCheck.Settings replay = ReplayCheck.Settings.defaults();
    MediaHistory history = new MediaHistory();
    List<Result> results = new ArrayList<>(folders.size());
    for (Path folder : folders) {
      Result result = analyse(engine, analyzer, folder, ctx, history, replay);
      each.accept(result);
      results.add(result);
    }
    return results;
  }

  private static Result analyse(
      FaceEngine engine,
      LivenessAnalyzer analyzer,
      Path folder,
      CommandContext ctx,
      MediaHistory history,
      ReplayCheck.Settings replay) {
    long begin = ctx.nanoClock().getAsLong();
    SessionFolder session = SessionFolder.read(folder);
    try {
      float[] reference = session.reference() == null ? null : referenceEmbedding(engine, session.reference(), folder);
      LivenessReport report = analyzer.analyse(session.capture(), reference);
      long replayStart = ctx.nanoClock().getAsLong();
      if (replay.enabled() && !SessionFolder.BONA_FIDE.equals(session.label())) {
        report = report.withCheck(ReplayCheck.check(report.fingerprints(), history, replay));
      }
      history.record(UUID.nameUUIDFromBytes(folder.toString().getBytes(StandardCharsets.UTF_8)), report.fingerprints());
      report = report.withStage(ReplayCheck.ID, (ctx.nanoClock().getAsLong() - replayStart) / 1e6);
      return new Result(folder, session.label(), session.attackType(), report, null, null, ctx.nanoClock().getAsLong() - begin);
    } catch (BonafideException e) {
      if (e.errorCode().status() >= 500) {
        throw e;
      }
      return new Result(
          folder, session.label(), session.attackType(), null, e.errorCode().code(), e.getMessage(), ctx.nanoClock().getAsLong() - begin);
    }
  }

  /** The embedding of the reference photo's most prominent face. */
  static float[] referenceEmbedding(FaceEngine engine, byte[] photo, Path folder) {
    DecodedImage image;
    try {
      image = engine.decode(photo);
    } catch (BonafideException e) {
      throw new BonafideException(e.errorCode(), folder + ": the reference photo: " + e.getMessage(), e.properties(), e);
    }
    List<Detection> faces = engine.detect(image);
    if (faces.isEmpty()) {
      throw new BonafideException(ErrorCode.NO_FACE, folder + ": no face in the reference photo.");
    }
    return engine.analyseFace(image, faces.get(0)).embedding();
  }

  static ObjectNode line(Path root, Result result) {
    ObjectNode line = Json.object();
    Path relative = root.relativize(result.folder());
    line.put("session", relative.toString().isEmpty() ? "." : relative.toString());
    if (result.label() == null) {
      line.putNull("label");
    } else {
      line.put("label", result.label());
    }
    if (result.attackType() != null) {
      line.put("attack_type", result.attackType());
    }
    if (result.report() == null) {
      line.put("error", result.error());
      line.put("detail", result.detail());
    } else {
      LivenessReport report = result.report();
      line.put("outcome", report.outcome().code());
      ArrayNode reasons = line.putArray("reasons");
      report.reasons().forEach(reasons::add);
      ArrayNode checks = line.putArray("checks");
      report.checks().forEach(c -> {
        ObjectNode check = checks.addObject();
        check.put("id", c.id());
        check.put("passed", c.passed());
        Json.number(check, "score", c.score());
        if (c.reason() != null) {
          check.put("reason", c.reason());
        }
        check.set("details", Json.MAPPER.valueToTree(c.details()));
      });
      line.put("frames", report.framesAnalysed());
      ObjectNode stages = line.putObject("stage_ms");
      report.stageMs().forEach((stage, ms) -> Json.number(stages, stage, Math.round(ms * 1_000) / 1_000.0));
    }
    Json.millis(line, "ms", result.nanos());
    return line;
  }

  /** Tallies per label and outcome. */
  static final class Counts {
    int bonaFide;
    int attack;
    int unlabelled;
    int errors;
    int bonaFidePassed;
    int bonaFideFailed;
    int bonaFideRetry;
    int attackRetry;
    final Map<String, int[]> attacksByType = new TreeMap<>(); // type -> {passed, failed, retry}
    final Map<String, Integer> reasons = new TreeMap<>();
    final Map<String, Integer> outcomes = new TreeMap<>();
    /** Summed ms per stage over the sessions with a report, in the order the stages first ran. */
    final Map<String, Double> stageMs = new LinkedHashMap<>();
    int withReport;

    void add(Result result) {
      String label = result.label();
      if (SessionFolder.BONA_FIDE.equals(label)) {
        bonaFide++;
      } else if (SessionFolder.ATTACK.equals(label)) {
        attack++;
      } else {
        unlabelled++;
      }
      if (result.report() == null) {
        errors++;
        outcomes.merge("error", 1, Integer::sum);
        return;
      }
      withReport++;
      result.report().stageMs().forEach((stage, ms) -> stageMs.merge(stage, ms, Double::sum));
      Outcome outcome = result.report().outcome();
      outcomes.merge(outcome.code(), 1, Integer::sum);
      result.report().reasons().forEach(reason -> reasons.merge(reason, 1, Integer::sum));
      if (SessionFolder.BONA_FIDE.equals(label)) {
        switch (outcome) {
          case PASSED -> bonaFidePassed++;
          case FAILED -> bonaFideFailed++;
          case RETRY -> bonaFideRetry++;
        }
      } else if (SessionFolder.ATTACK.equals(label)) {
        String type = result.attackType() == null ? PadEval.UNSPECIFIED : result.attackType();
        int[] tally = attacksByType.computeIfAbsent(type, t -> new int[3]);
        switch (outcome) {
          case PASSED -> tally[0]++;
          case FAILED -> tally[1]++;
          case RETRY -> {
            tally[2]++;
            attackRetry++;
          }
        }
      }
    }

    /**
     * Puts {@code ms_by_stage} (mean ms per analysed session of each stage: a detector that did not
     * run in a session counts 0 there) and {@code share_by_stage} (each stage's share of the
     * summed stage time).
     */
    void putStages(ObjectNode r) {
      ObjectNode means = r.putObject("ms_by_stage");
      ObjectNode shares = r.putObject("share_by_stage");
      double total = stageMs.values().stream().mapToDouble(Double::doubleValue).sum();
      stageMs.forEach(
          (stage, ms) -> {
            Json.number(means, stage, Math.round(ms / withReport * 1_000) / 1_000.0);
            Json.number(shares, stage, total > 0 ? Math.round(ms / total * 10_000) / 10_000.0 : Double.NaN);
          });
    }

    Set<String> attackTypes() {
      return attacksByType.keySet();
    }

    /** Bona fide sessions that failed, of those that got a response. */
    double bpcer() {
      return rate(bonaFideFailed, bonaFidePassed + bonaFideFailed);
    }

    /** {@code apcer_worst_type}: the attack type with the highest APCER, or null. */
    void putWorstType(ObjectNode r) {
      String worst = worstType();
      if (worst == null) {
        r.putNull("apcer_worst_type");
      } else {
        r.put("apcer_worst_type", worst);
      }
    }

    /** {@code bpcer}, {@code apnrr} and {@code bpnrr} (ISO/IEC 30107-3; retry is a non-response). */
    void putBonaFideAndNonResponseRates(ObjectNode r) {
      Json.number(r, "bpcer", bpcer());
      Json.number(r, "apnrr", rate(attackRetry, attack));
      Json.number(r, "bpnrr", rate(bonaFideRetry, bonaFide));
    }

    /** Attacks of the type that passed, of those that got a response. */
    double apcer(String type) {
      int[] tally = attacksByType.get(type);
      return rate(tally[0], tally[0] + tally[1]);
    }

    /** The highest APCER over the attack types with a response. */
    double apcer() {
      String worst = worstType();
      return worst == null ? Double.NaN : apcer(worst);
    }

    String worstType() {
      String worst = null;
      for (String type : attacksByType.keySet()) {
        double a = apcer(type);
        if (!Double.isNaN(a) && (worst == null || a > apcer(worst))) {
          worst = type;
        }
      }
      return worst;
    }
  }
}
