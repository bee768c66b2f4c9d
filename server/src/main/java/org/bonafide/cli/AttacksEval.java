package org.bonafide.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
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
 * {@code eval attacks}: builds the attack kit's attacks from bona fide session folders, analyses
 * the bona fide sessions and then the attacks with {@link SessionsEval#analyseAll} (the analysis of
 * {@code eval sessions}), and writes a report with the ISO/IEC 30107-3 figures and a DET curve.
 *
 * <p>New attack kinds are one entry in {@link #KIT}: a name and a {@link Generator} that makes the
 * n-th session of that kind from the {@link Materials}.
 */
final class AttacksEval {
  static final Set<String> OPTIONS = Set.of("bona-fide", "kit", "photo", "video", "out", "count", "seed", "fps");

  /** Where {@code --kit} is not given: every kind whose material is at hand. */
  static final String ALL = "all";

  static final String BONA_FIDE_ROW = "bona fide";

  /** APCER goals per attack type; a type not listed has {@link #DEFAULT_APCER_GOAL}. */
  static final Map<String, Double> APCER_GOALS =
      Map.of(FaceSwap.KIND, 0.10, MeshAttacks.FACE_SWAP_3D, 0.10, MeshAttacks.BLEND_SWAP, 0.10);

  static final double DEFAULT_APCER_GOAL = 0.01;
  static final double BPCER_GOAL = 0.03;

  /** What a kind needs beyond the bona fide sessions. */
  enum Need {
    /** photos: {@code --photo} and the sharpest frame of every bona fide session */
    PHOTOS,
    /** the decoded {@code --video} */
    VIDEO
  }

  /**
   * What the attacks are made from.
   *
   * @param bonaFideFolders the bona fide session folders, in path order
   * @param bonaFide the same, read
   * @param photos {@code --photo} (when given) then each bona fide session's sharpest frame with a
   *     face; empty unless a selected kind needs {@link Need#PHOTOS}
   * @param video {@code --video}, or null
   * @param footage the decoded video, or null unless a selected kind needs {@link Need#VIDEO}
   */
  record Materials(
      List<Path> bonaFideFolders,
      List<SessionFolder> bonaFide,
      List<AttackKit.Source> photos,
      Path video,
      Footage footage,
      Framing framing,
      List<int[]> usableShots,
      int fps,
      FaceEngine engine) {}

  /** An attack session and the name of what it was made from (for its folder's name). */
  record Made(String source, SessionFolder session) {}

  /** Makes the n-th attack session of a kind (n from 0), drawing everything random from {@code random}. */
  @FunctionalInterface
  interface Generator {
    Made make(Materials materials, int n, SplittableRandom random);
  }

  /** Makes an attack from the n-th bona fide session (its folder's name given). */
  @FunctionalInterface
  interface SessionAttack {
    SessionFolder make(Materials materials, SessionFolder source, String name, int n, SplittableRandom random);
  }

  /** A generator that takes bona fide session n mod their number as the attack's source. */
  static Generator onSession(SessionAttack attack) {
    return (m, n, random) -> {
      int i = n % m.bonaFide().size();
      String name = m.bonaFideFolders().get(i).getFileName().toString();
      return new Made(name, attack.make(m, m.bonaFide().get(i), name, n, random));
    };
  }

  /** A kit entry: what the kind needs and how to make it. */
  record Kind(Set<Need> needs, Generator generator) {}

  /** The attack kinds {@code eval attacks} builds, in the report's order. */
  static final Map<String, Kind> KIT = kit();

  private static Map<String, Kind> kit() {
    Map<String, Kind> kit = new LinkedHashMap<>();
    for (String kind : List.of(AttackKit.PHOTO, AttackKit.ANIMATED_PHOTO, AttackKit.ID_PHOTO_AS_SELFIE)) {
      kit.put(
          kind,
          new Kind(
              Set.of(Need.PHOTOS),
              (m, n, random) -> {
                AttackKit.Source source = m.photos().get(n % m.photos().size());
                return new Made(source.name(), AttackKit.photoSession(kind, source, m.fps(), random));
              }));
    }
    kit.put(
        AttackKit.REPLAY_SESSION,
        new Kind(
            Set.of(),
            (m, n, random) -> {
              int i = n % m.bonaFide().size();
              String name = m.bonaFideFolders().get(i).getFileName().toString();
              return new Made(name, AttackKit.replaySession(m.bonaFide().get(i), name, random));
            }));
    kit.put(
        AttackKit.VIRTUAL_CAMERA,
        new Kind(
            Set.of(),
            (m, n, random) -> {
              int i = n % m.bonaFide().size();
              String name = m.bonaFideFolders().get(i).getFileName().toString();
              return new Made(name, AttackKit.virtualCamera(m.bonaFide().get(i), name, m.fps(), random));
            }));
    kit.put(
        FaceSwap.KIND,
        new Kind(
            Set.of(Need.PHOTOS),
            onSession((m, source, name, n, random) -> FaceSwap.swapSession(m.engine(), source, name, swapIdentity(m, name, n)))));
    kit.put(
        MeshAttacks.FACE_SWAP_3D,
        new Kind(
            Set.of(Need.PHOTOS),
            onSession(
                (m, source, name, n, random) ->
                    MeshAttacks.faceSwap3d(m.engine(), source, name, swapIdentity(m, name, n), random))));
    kit.put(
        MeshAttacks.BLEND_SWAP,
        new Kind(
            Set.of(Need.PHOTOS),
            onSession(
                (m, source, name, n, random) -> {
                  List<AttackKit.Source> others = m.photos().stream().filter(p -> !p.name().equals(name)).toList();
                  if (others.isEmpty()) {
                    throw new BonafideException(
                        ErrorCode.VALIDATION_FAILED,
                        "eval attacks: a blend swap needs another face than the session's own: give --photo.");
                  }
                  return MeshAttacks.blendSwap(m.engine(), source, name, others, random);
                })));
    kit.put(
        MeshAttacks.REENACTMENT,
        new Kind(
            Set.of(Need.PHOTOS),
            onSession((m, source, name, n, random) -> MeshAttacks.reenactment(m.engine(), source, name, swapIdentity(m, name, n)))));
    kit.put(
        ReplayAttack.ATTACK_TYPE,
        new Kind(
            Set.of(Need.VIDEO),
            (m, n, random) ->
                new Made(
                    SessionVideo.stem(m.video()),
                    ReplayAttack.replay(m.footage(), m.framing(), m.usableShots(), m.fps(), random, m.video()).session())));
    return Collections.unmodifiableMap(kit);
  }

  /**
   * Identity A of the n-th face swap onto session {@code target}: {@code --photo} when given (the
   * photos that are not a bona fide session's own frame), else the sharpest frame of another bona
   * fide session (a swap between two applicants).
   */
  private static AttackKit.Source swapIdentity(Materials m, String target, int n) {
    Set<String> sessions = new java.util.HashSet<>();
    m.bonaFideFolders().forEach(f -> sessions.add(f.getFileName().toString()));
    List<AttackKit.Source> given = m.photos().stream().filter(p -> !sessions.contains(p.name())).toList();
    List<AttackKit.Source> candidates =
        given.isEmpty() ? m.photos().stream().filter(p -> !p.name().equals(target)).toList() : given;
    if (candidates.isEmpty()) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "eval attacks: a face swap needs another face than the session's own: give --photo, or two bona fide sessions.");
    }
    return candidates.get(n % candidates.size());
  }

  private AttacksEval() {}

  /**
   * The kinds {@code --kit} names: {@code all} is every kind whose material is at hand (kinds that
   * need a video only with {@code --video}); otherwise a comma-separated list of kinds, each once,
   * in the kit's order.
   */
  static List<String> parseKit(String value, boolean haveVideo) {
    if (value.trim().equals(ALL)) {
      return KIT.entrySet().stream()
          .filter(e -> haveVideo || !e.getValue().needs().contains(Need.VIDEO))
          .map(Map.Entry::getKey)
          .toList();
    }
    Set<String> named = new LinkedHashSet<>();
    for (String part : value.split(",", -1)) {
      String kind = part.trim();
      if (!KIT.containsKey(kind)) {
        throw Args.usage(
            "eval attacks: --kit names '" + kind + "', not a kit kind; the kinds are all, " + String.join(", ", KIT.keySet()) + ".");
      }
      if (KIT.get(kind).needs().contains(Need.VIDEO) && !haveVideo) {
        throw Args.usage("eval attacks: the kind " + kind + " needs --video FILE.");
      }
      named.add(kind);
    }
    return KIT.keySet().stream().filter(named::contains).toList();
  }

  static ObjectNode run(Args args, CommandContext ctx) {
    return run(args, ctx, LivenessAnalyzers::withDefaults);
  }

  /** @param analyzers builds the analyzer from the loaded face engine (tests pass their own) */
  static ObjectNode run(Args args, CommandContext ctx, Function<FaceEngine, LivenessAnalyzer> analyzers) {
    args.expectPositionals(0, "no positional arguments");
    Path bonaFideDir = args.requiredPath("bona-fide", "DIR (bona fide session folders)");
    Path out = SessionVideo.outputDir(args);
    Path video = args.has("video") ? args.requiredPath("video", "FILE (a video for replay-video)") : null;
    Path photo = args.has("photo") ? args.requiredPath("photo", "FILE (a face photo)") : null;
    List<String> kinds = parseKit(args.has("kit") ? args.required("kit", "all|KIND,...") : ALL, video != null);
    int count = args.intOption("count", 1, 1, 1000);
    int seed = args.intOption("seed", 1, 0, Integer.MAX_VALUE);
    int fps = args.intOption("fps", 12, 5, 30);
    if (photo != null) {
      AttackKit.readFile(photo); // a missing photo fails before anything is built
    }
    List<Path> bonaFideFolders = AttackKit.bonaFideFolders(bonaFideDir);
    List<SessionFolder> bonaFide = bonaFideFolders.stream().map(SessionFolder::read).toList();
    Set<Need> needs = needsOf(kinds);
    long start = ctx.nanoClock().getAsLong();
    Path sessionsDir = out.resolve("sessions");
    deleteTree(sessionsDir); // folders of an earlier run would otherwise mix stale frames into this one
    ctx.err()
        .printf(
            Locale.ROOT,
            "[bonafide] eval attacks: %d bona fide sessions under %s; kinds %s, %d per kind%n",
            bonaFideFolders.size(), bonaFideDir, kinds, count * bonaFideFolders.size());

    Footage footage = null;
    Framing framing = null;
    List<int[]> usable = List.of();
    if (needs.contains(Need.VIDEO)) {
      footage = SessionVideo.footage(video, ctx, "eval attacks");
      framing = Framing.of(footage);
      usable = BonaFideSimulation.usableShots(footage);
    }

    List<SessionsEval.Result> results;
    Map<Path, String> kindOf = new LinkedHashMap<>();
    long generationNanos;
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults())) {
      long generationStart = ctx.nanoClock().getAsLong();
      List<AttackKit.Source> photos = new ArrayList<>();
      if (needs.contains(Need.PHOTOS)) {
        if (photo != null) {
          photos.add(AttackKit.photoSource(engine, photo));
        }
        for (int i = 0; i < bonaFideFolders.size(); i++) {
          photos.add(AttackKit.sharpestSource(engine, bonaFideFolders.get(i), bonaFide.get(i)));
        }
      }
      Materials materials = new Materials(bonaFideFolders, bonaFide, photos, video, footage, framing, usable, fps, engine);
      List<Path> folders = new ArrayList<>(bonaFideFolders);
      int perKind = count * bonaFideFolders.size();
      for (String kind : kinds) {
        for (int n = 0; n < perKind; n++) {
          SplittableRandom random = new SplittableRandom((seed * 1_000_003L + n) * 31 + kind.hashCode());
          Made made = KIT.get(kind).generator().make(materials, n, random);
          Path folder =
              sessionsDir.resolve(kind).resolve(String.format(Locale.ROOT, "%s-%s-%03d", safe(made.source()), kind, n));
          made.session().write(folder);
          folders.add(folder);
          kindOf.put(folder, kind);
        }
        ctx.err().printf(Locale.ROOT, "[bonafide] eval attacks: built %d %s sessions%n", perKind, kind);
      }
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

  private static Set<Need> needsOf(List<String> kinds) {
    Set<Need> needs = java.util.EnumSet.noneOf(Need.class);
    kinds.forEach(k -> needs.addAll(KIT.get(k).needs()));
    return needs;
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "_");
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
