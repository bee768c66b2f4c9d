package org.bonafide.cli.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.cli.Progress;
import org.bonafide.cli.attack.Kit;
import org.bonafide.liveness.CheckResult;
import org.bonafide.liveness.LivenessAnalyzer;
import org.bonafide.liveness.LivenessAnalyzers;
import org.bonafide.liveness.LivenessReason;
import org.bonafide.liveness.LivenessReport;
import org.bonafide.liveness.Outcome;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eval attacks}: builds the attack kit's attacks from bona fide session folders ({@link
 * Kit}), analyses the bona fide sessions and then the attacks with {@link SessionsEval#analyseAll}
 * (the analysis of {@code eval sessions}), and writes a report with the ISO/IEC 30107-3 figures and
 * a DET curve.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class AttacksEval {
  public static final Set<String> OPTIONS = Set.of("bona-fide", "kit", "photo", "video", "out", "count", "seed", "fps");

  static final String BONA_FIDE_ROW = "bona fide";

  /** APCER goals per attack type; a type not listed has {@link #DEFAULT_APCER_GOAL}. */
  static final Map<String, Double> APCER_GOALS =
      Map.of(Kit.FACE_SWAP, 0.10, Kit.FACE_SWAP_3D, 0.10, Kit.BLEND_SWAP, 0.10);

  static final double DEFAULT_APCER_GOAL = 0.01;
  static final double BPCER_GOAL = 0.03;

  private AttacksEval() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    return run(args, ctx, LivenessAnalyzers::withDefaults);
  }

  /** @param analyzers builds the analyzer from the loaded face engine (tests pass their own) */
  static ObjectNode run(Args args, CommandContext ctx, Function<FaceEngine, LivenessAnalyzer> analyzers) {
    args.expectPositionals(0, "no positional arguments");
    Path bonaFideDir = args.requiredPath("bona-fide", "DIR (bona fide session folders)");
    Path out = Kit.outputDir(args);
    Path video = args.has("video") ? args.requiredPath("video", "FILE (a video for replay-video)") : null;
    Path photo = args.has("photo") ? args.requiredPath("photo", "FILE (a face photo)") : null;
    List<String> kinds = Kit.parse(args.has("kit") ? args.required("kit", "all|KIND,...") : Kit.ALL, video != null);
    int count = args.intOption("count", 1, 1, 1000);
    int seed = args.intOption("seed", 1, 0, Integer.MAX_VALUE);
    int fps = args.intOption("fps", 12, 5, 30);
    if (photo != null) {
      Kit.readPhoto(photo); // a missing photo fails before anything is built
    }
    List<Path> bonaFideFolders = Kit.bonaFideFolders(bonaFideDir);
    List<SessionFolder> bonaFide = bonaFideFolders.stream().map(SessionFolder::read).toList();
    long start = ctx.nanoClock().getAsLong();
    Path sessionsDir = out.resolve("sessions");
    deleteTree(sessionsDir); // folders of an earlier run would otherwise mix stale frames into this one
    ctx.err()
        .printf(
            Locale.ROOT,
            "[bonafide] eval attacks: %d bona fide sessions under %s; kinds %s, %d per kind%n",
            bonaFideFolders.size(), bonaFideDir, kinds, count * bonaFideFolders.size());

    Kit kit = Kit.prepare(kinds, bonaFideFolders, bonaFide, photo, video, fps, ctx);

    List<SessionsEval.Result> results;
    Map<Path, String> kindOf;
    long generationNanos;
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults())) {
      long generationStart = ctx.nanoClock().getAsLong();
      kindOf = kit.build(engine, count, seed, sessionsDir, ctx.err());
      List<Path> folders = new ArrayList<>(bonaFideFolders);
      folders.addAll(kindOf.keySet());
      generationNanos = ctx.nanoClock().getAsLong() - generationStart;
      LivenessAnalyzer analyzer = analyzers.apply(engine);
      Progress progress = new Progress(ctx.err(), "eval attacks", "sessions", folders.size(), 10, ctx.nanoClock());
      // Bona fide sessions first, then the attacks: the order the shared analysis sees them in.
      results = SessionsEval.analyseAll(engine, analyzer, folders, ctx, r -> progress.step());
    }

    Tally tally = new Tally(kinds);
    for (SessionsEval.Result result : results) {
      tally.add(result, kindOf.get(result.folder()));
    }
    writeLines(out.resolve("sessions.jsonl"), results, kindOf, bonaFideDir, out);
    Path det = out.resolve("det.png");
    DetCurve.writePng(tally.curves(), "DET of the liveness score, per attack type", det);
    Path report = out.resolve("report.md");
    ObjectNode r = tally.figures(results.size());
    r.put("report", report.toString());
    r.put("det", det.toString());
    r.put("sessions_dir", sessionsDir.toString());
    int attacks = results.size() - bonaFideFolders.size();
    Json.millis(r, "generation_ms_per_attack", attacks == 0 ? Double.NaN : (double) generationNanos / attacks);
    Json.millis(r, "elapsed_ms", ctx.nanoClock().getAsLong() - start);
    List<String> sources = bonaFide.stream().map(SessionFolder::source).toList();
    writeText(report, markdown(r, bonaFideFolders, sources, tally.reasonsByType, count, seed, kinds) + scoreRanges(tally.scores));
    return r;
  }

  /**
   * The continuous liveness score of an analysed session for the DET curve: the lowest score of
   * its checks (each 0-1, 1 the strongest support for live presence), so that a session is only as
   * live as its weakest check, as the outcome is (one failed check fails it). NaN when the report
   * has no check.
   */
  static double livenessScore(LivenessReport report) {
    return report.checks().stream().mapToDouble(CheckResult::score).min().orElse(Double.NaN);
  }

  /** Tallies per row (bona fide, then each attack type): rates, detectors, reasons, scores. */
  static final class Tally {
    final SessionsEval.Counts counts = new SessionsEval.Counts();
    final Map<String, Integer> analysed = new LinkedHashMap<>();
    final Map<String, Map<String, Integer>> firedByType = new LinkedHashMap<>();
    final Map<String, Map<String, Integer>> reasonsByType = new LinkedHashMap<>();
    final Map<String, List<Double>> scores = new LinkedHashMap<>();
    /** Per attack type: {passed, failed} had the replay check not run (retries left out). */
    final Map<String, int[]> withoutReplay = new LinkedHashMap<>();
    long nanos;
    int withReport;

    Tally(List<String> kinds) {
      for (String row : Stream.concat(Stream.of(BONA_FIDE_ROW), kinds.stream()).toList()) {
        analysed.put(row, 0);
        firedByType.put(row, new TreeMap<>());
        reasonsByType.put(row, new TreeMap<>());
        scores.put(row, new ArrayList<>());
      }
    }

    void add(SessionsEval.Result result, String kind) {
      counts.add(result);
      nanos += result.nanos();
      String row =
          kind != null
              ? kind
              : SessionFolder.ATTACK.equals(result.label()) ? String.valueOf(result.attackType()) : BONA_FIDE_ROW;
      if (result.report() == null) {
        return;
      }
      withReport++;
      analysed.merge(row, 1, Integer::sum);
      firedByType.computeIfAbsent(row, k -> new TreeMap<>());
      for (CheckResult check : result.report().checks()) {
        if (!check.passed()) {
          firedByType.get(row).merge(check.id(), 1, Integer::sum);
        }
      }
      if (!row.equals(BONA_FIDE_ROW)) {
        Outcome outcome = outcomeWithout(result.report(), org.bonafide.liveness.ReplayCheck.ID);
        if (outcome != Outcome.RETRY) {
          withoutReplay.computeIfAbsent(row, k -> new int[2])[outcome == Outcome.PASSED ? 0 : 1]++;
        }
      }
      result.report().reasons().forEach(reason -> reasonsByType.computeIfAbsent(row, k -> new TreeMap<>()).merge(reason, 1, Integer::sum));
      double score = livenessScore(result.report());
      if (result.responded() && !Double.isNaN(score)) {
        scores.computeIfAbsent(row, k -> new ArrayList<>()).add(score);
      }
    }

    /**
     * The outcome the report would have without the named check: a report that did not fail keeps
     * its outcome; a failed one stays failed when another check failed with an attack-type reason,
     * becomes retry when another failed with a retry-type one, else passed.
     */
    static Outcome outcomeWithout(LivenessReport report, String checkId) {
      if (report.outcome() != Outcome.FAILED) {
        // a failed check can only have made it worse: without one, it is what it is
        return report.outcome();
      }
      Outcome outcome = Outcome.PASSED;
      for (CheckResult check : report.checks()) {
        if (check.passed() || check.id().equals(checkId) || check.reason() == null) {
          continue;
        }
        if (LivenessReason.fromCode(check.reason()).outcome() == Outcome.FAILED) {
          return Outcome.FAILED;
        }
        outcome = Outcome.RETRY;
      }
      return outcome;
    }

    List<DetCurve.Curve> curves() {
      double[] bona = array(scores.get(BONA_FIDE_ROW));
      List<DetCurve.Curve> curves = new ArrayList<>();
      for (Map.Entry<String, List<Double>> e : scores.entrySet()) {
        if (e.getKey().equals(BONA_FIDE_ROW)) {
          continue;
        }
        List<DetCurve.Point> points = DetCurve.points(bona, array(e.getValue()));
        if (points.isEmpty()) {
          continue;
        }
        double apcer = counts.attacksByType.containsKey(e.getKey()) ? counts.apcer(e.getKey()) : Double.NaN;
        DetCurve.Point operating = Double.isNaN(apcer) || Double.isNaN(counts.bpcer()) ? null : new DetCurve.Point(Double.NaN, apcer, counts.bpcer());
        curves.add(new DetCurve.Curve(e.getKey() + " (" + e.getValue().size() + ")", points, operating));
      }
      return curves;
    }

    ObjectNode figures(int sessions) {
      ObjectNode r = Json.object();
      r.put("eval", "attacks");
      r.put("sessions", sessions);
      r.put("bona_fide", counts.bonaFide);
      r.put("attack", counts.attack);
      r.put("errors", counts.errors);
      Json.number(r, "apcer", counts.apcer());
      Json.number(r, "apcer_max", counts.apcer());
      counts.putWorstType(r);
      ObjectNode byType = r.putObject("apcer_by_type");
      ObjectNode attacksByType = r.putObject("attacks_by_type");
      for (String row : analysed.keySet()) {
        if (row.equals(BONA_FIDE_ROW)) {
          continue;
        }
        int[] t = counts.attacksByType.getOrDefault(row, new int[3]);
        Json.number(byType, row, t[0] + t[1] == 0 ? Double.NaN : counts.apcer(row));
        ObjectNode c = attacksByType.putObject(row);
        c.put("passed", t[0]);
        c.put("failed", t[1]);
        c.put("retry", t[2]);
      }
      ObjectNode noReplay = r.putObject("apcer_by_type_without_replay");
      for (String row : analysed.keySet()) {
        if (!row.equals(BONA_FIDE_ROW)) {
          int[] t = withoutReplay.getOrDefault(row, new int[2]);
          Json.number(noReplay, row, t[0] + t[1] == 0 ? Double.NaN : (double) t[0] / (t[0] + t[1]));
        }
      }
      counts.putBonaFideAndNonResponseRates(r);
      ObjectNode bona = r.putObject("bona_fide_outcomes");
      bona.put("passed", counts.bonaFidePassed);
      bona.put("failed", counts.bonaFideFailed);
      bona.put("retry", counts.bonaFideRetry);
      ObjectNode fired = r.putObject("detectors_fired_by_type");
      firedByType.forEach(
          (row, byDetector) -> {
            ObjectNode o = fired.putObject(row);
            int n = analysed.getOrDefault(row, 0);
            byDetector.forEach((id, c) -> Json.number(o, id, (double) c / n));
          });
      ObjectNode reasons = r.putObject("reasons_by_type");
      reasonsByType.forEach((row, byReason) -> byReason.forEach(reasons.putObject(row)::put));
      Json.millis(r, "ms_per_session", withReport == 0 ? Double.NaN : (double) nanos / withReport);
      counts.putStages(r);
      return r;
    }

    private static double[] array(List<Double> values) {
      return values == null ? new double[0] : values.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  private static void writeLines(
      Path file, List<SessionsEval.Result> results, Map<Path, String> kindOf, Path bonaFideDir, Path out) {
    StringBuilder text = new StringBuilder();
    for (SessionsEval.Result result : results) {
      boolean attack = kindOf.containsKey(result.folder());
      ObjectNode line = SessionsEval.line(attack ? out : bonaFideDir, result);
      if (result.report() != null) {
        Json.number(line, "score", livenessScore(result.report()));
      }
      text.append(Json.line(line)).append('\n');
    }
    writeText(file, text.toString());
  }

  private static void writeText(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot write " + file + ": " + e.getMessage());
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot clear " + dir + ": " + e.getMessage());
    }
  }

  // ---- the report -----------------------------------------------------------------------------

  /**
   * The range of the DET score per row, and whether each attack type is separated completely from
   * the bona fide sessions (then its DET curve runs along the axes: no threshold errs both ways).
   */
  static String scoreRanges(Map<String, List<Double>> scores) {
    StringBuilder md = new StringBuilder("\n## Score ranges\n\n| row | sessions with a response | lowest | highest | |\n|---|---|---|---|---|\n");
    double bonaMin = scores.getOrDefault(BONA_FIDE_ROW, List.of()).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    scores.forEach((row, values) -> {
      double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
      double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
      String note = row.equals(BONA_FIDE_ROW) || values.isEmpty() || Double.isNaN(bonaMin)
          ? "" : hi < bonaMin ? "separated: every attack below every bona fide session" : "overlaps the bona fide scores";
      md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %s |%n", row, values.size(), lo, hi, note));
    });
    md.append("\nWhere every type is separated, all the DET curves run along the axes (APCER 0 or BPCER 0 at every"
        + " threshold) and lie on top of each other: the plot then shows only that no threshold errs both ways.\n");
    return md.toString();
  }

  static double goal(String type) {
    return APCER_GOALS.getOrDefault(type, DEFAULT_APCER_GOAL);
  }

  private static String pct(tools.jackson.databind.JsonNode node) {
    return node == null || node.isNull() ? "undefined" : String.format(Locale.ROOT, "%.1f%%", node.asDouble() * 100);
  }

  private static String verdict(tools.jackson.databind.JsonNode rate, double goal) {
    if (rate == null || rate.isNull()) {
      return "not measured";
    }
    return rate.asDouble() <= goal ? "met" : "**not met**";
  }

  static String markdown(
      ObjectNode r,
      List<Path> bonaFideFolders,
      List<String> sources,
      Map<String, Map<String, Integer>> reasonsByType,
      int count,
      int seed,
      List<String> kinds) {
    StringBuilder md = new StringBuilder();
    md.append("# eval attacks: liveness against the attack kit\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%d sessions: %d bona fide, %d attacks (%d per kind: --count %d for each of the %d bona fide sessions; --seed %d),"
                + " %d that could not be analysed. Kinds: %s.\n\n",
            r.get("sessions").asInt(), r.get("bona_fide").asInt(), r.get("attack").asInt(),
            count * bonaFideFolders.size(), count, bonaFideFolders.size(), seed, r.get("errors").asInt(), String.join(", ", kinds)));

    md.append("## ISO/IEC 30107-3 figures\n\n");
    md.append(
        "Outcome `passed` classifies a session bona fide, `failed` an attack; `retry` is a non-response, counted in"
            + " APNRR/BPNRR and left out of APCER/BPCER.\n\n");
    md.append(
        "| attack type | sessions | passed | failed | retry | APCER | goal | | APCER without the replay check |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
    r.get("attacks_by_type").properties().forEach(e -> {
      tools.jackson.databind.JsonNode c = e.getValue();
      int n = c.get("passed").asInt() + c.get("failed").asInt() + c.get("retry").asInt();
      tools.jackson.databind.JsonNode apcer = r.get("apcer_by_type").get(e.getKey());
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | at most %.0f%% | %s | %s |\n",
          e.getKey(), n, c.get("passed").asInt(), c.get("failed").asInt(), c.get("retry").asInt(), pct(apcer),
          goal(e.getKey()) * 100, verdict(apcer, goal(e.getKey())), pct(r.get("apcer_by_type_without_replay").get(e.getKey()))));
    });
    md.append(
        "\nThe kit builds its attacks from the bona fide sessions' own footage, which the evaluation has already"
            + " fingerprinted, so the replay check (`media-seen-before`) fires on attacks that reuse it (a replayed"
            + " session, a face swap onto the footage, a virtual camera playing it). A live attacker's camera would bring"
            + " new media: the last column is the APCER had the replay check not run, what the other detectors catch"
            + " alone.\n");
    ObjectNode bona = (ObjectNode) r.get("bona_fide_outcomes");
    md.append(String.format(Locale.ROOT, "\n| figure | value | goal | |\n|---|---|---|---|\n"));
    md.append(String.format(Locale.ROOT, "| APCER_max (worst type: %s) | %s | | |\n",
        r.get("apcer_worst_type").isNull() ? "none" : r.get("apcer_worst_type").asString(), pct(r.get("apcer_max"))));
    md.append(String.format(Locale.ROOT, "| BPCER (%d passed, %d failed) | %s | at most %.0f%% | %s |\n",
        bona.get("passed").asInt(), bona.get("failed").asInt(), pct(r.get("bpcer")), BPCER_GOAL * 100, verdict(r.get("bpcer"), BPCER_GOAL)));
    md.append(String.format(Locale.ROOT, "| APNRR | %s | | |\n", pct(r.get("apnrr"))));
    md.append(String.format(Locale.ROOT, "| BPNRR (%d retry) | %s | | |\n", bona.get("retry").asInt(), pct(r.get("bpnrr"))));
    md.append(String.format(Locale.ROOT, "| ms per session (analysis) | %s | | |\n", r.get("ms_per_session")));
    md.append(String.format(Locale.ROOT, "| ms per attack (generation) | %s | | |\n\n", r.get("generation_ms_per_attack")));
    int perKind = count * bonaFideFolders.size();
    md.append(String.format(Locale.ROOT,
        "With %d attacks of a type, one passing attack is an APCER of %.1f%%, and none passing shows only that the"
            + " APCER is below about %.1f%% (95%% confidence, rule of three): a goal of 1%% is demonstrated by at least"
            + " 300 attacks of the type with none passing, a BPCER of 3%% by at least 100 bona fide sessions with none"
            + " failing. A \"met\" here is a measured rate at or below the goal on this sample, not such a"
            + " demonstration.\n\n",
        perKind, 100.0 / Math.max(1, perKind), 300.0 / Math.max(1, perKind)));

    md.append("## Detectors that fired\n\nShare of the analysed sessions of each row in which the detector's check"
        + " failed.\n\n");
    Set<String> detectors = new java.util.TreeSet<>();
    r.get("detectors_fired_by_type").properties().forEach(e -> e.getValue().properties().forEach(d -> detectors.add(d.getKey())));
    md.append("| row |");
    detectors.forEach(d -> md.append(' ').append(d).append(" |"));
    md.append("\n|---|");
    detectors.forEach(d -> md.append("---|"));
    md.append('\n');
    r.get("detectors_fired_by_type").properties().forEach(e -> {
      md.append("| ").append(e.getKey()).append(" |");
      detectors.forEach(d -> md.append(' ').append(e.getValue().has(d) ? pct(e.getValue().get(d)) : "").append(" |"));
      md.append('\n');
    });

    md.append("\n## Reasons per row\n\nReason codes (docs/liveness.md) and the number of sessions whose outcome"
        + " lists them.\n\n| row | reasons |\n|---|---|\n");
    reasonsByType.forEach((row, reasons) -> {
      StringBuilder list = new StringBuilder();
      reasons.forEach((reason, c) -> list.append(list.length() == 0 ? "" : ", ").append('`').append(reason).append("` ").append(c));
      md.append("| ").append(row).append(" | ").append(list.length() == 0 ? "none" : list).append(" |\n");
    });

    md.append("\n## DET curve\n\n![DET](det.png)\n\n");
    md.append(
        "The score of a session is the lowest score of its checks (each detector's score, 0-1, 1 the strongest"
            + " support for live presence): a session is as live as its weakest check. A threshold t classifies a"
            + " session bona fide when its score is at least t; APCER(t) is the share of a type's attacks at or above"
            + " t, BPCER(t) the share of bona fide sessions below it. Only sessions with a response (outcome `passed`"
            + " or `failed`) are in the curve. Both axes are normal deviates; the dot is the analysis's own decision"
            + " (each detector at its own threshold), which a single threshold on this score does not reproduce"
            + " exactly. With few sessions the curve is a coarse staircase, and rates of 0 or 1 lie on the axes'"
            + " ends.\n\n");

    md.append("## Bona fide sessions\n\n");
    long simulated = sources.stream().filter(s -> s != null && s.startsWith("simulated")).count();
    md.append(String.format(Locale.ROOT, "%d of the %d bona fide sessions are simulated (their `source` says so):\n\n",
        simulated, sources.size()));
    for (int i = 0; i < bonaFideFolders.size(); i++) {
      String source = sources.get(i);
      md.append("- `").append(bonaFideFolders.get(i).getFileName()).append("`: ").append(source == null ? "(no source given)" : source).append('\n');
    }
    if (simulated > 0) {
      md.append(
          "\nA simulated bona fide session is real footage of a person whose own movements and blinks were taken as"
              + " the answers to an oracle challenge (drawn to fit what the person did), with the screen's light on"
              + " the face and the sensor noise simulated. It is not a person answering a randomly drawn challenge in"
              + " front of a phone: the BPCER measures how the analysis treats such footage, not how often real"
              + " applicants fail, and the colour-response and injection checks see a simulated reflection and a"
              + " simulated camera. The attacks made from these sessions (replay-session, virtual-camera, the photo"
              + " kinds' sharpest frames) carry the same simulated light. All the sessions here come from the footage"
              + " named above, so they cover few people, faces and lighting conditions.\n");
    }
    return md.toString();
  }
}
