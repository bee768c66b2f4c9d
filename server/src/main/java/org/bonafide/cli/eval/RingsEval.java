package org.bonafide.cli.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.cli.Progress;
import org.bonafide.cli.TenantCommand;
import org.bonafide.cli.attack.SyntheticFaces;
import org.bonafide.identitygraph.ApplicationInput;
import org.bonafide.identitygraph.IdentityGraph;
import org.bonafide.identitygraph.RingDetector;
import org.bonafide.shared.TenantId;
import org.bonafide.tenant.TenantService;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eval rings --dir DIR [--data-dir D]}: loads a simulated population ({@code simulate
 * syndicate}) into a fresh graph through the service's own path ({@link ApplicationInput} and
 * {@link IdentityGraph#record}, one tenant per institution, in time order), then finds the rings
 * and scores both against the labels.
 *
 * <p>A found ring is right when most of its applications belong to one true ring; a true ring is
 * recalled when a found ring holds at least half of its applications. Application precision and
 * recall are those of the reuse signals: an application is flagged when recording it raised one
 * that flags by itself ({@link org.bonafide.identitygraph.GraphReason#flags()}: all but the shared
 * address and IP, which are context).
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class RingsEval {
  public static final Set<String> OPTIONS = Set.of("dir", "data-dir", "progress-every", "out", "resume", "stop-after-minutes");
  /** The ledger of a run, in its data folder: one line per institution and per application loaded. */
  static final String LEDGER = "eval-rings.jsonl";
  /** Ledger lines written between two flushes to disk. */
  private static final int FLUSH_EVERY = 1000;

  private RingsEval() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    Path dir = args.requiredPath("dir", "DIR (written by simulate syndicate)");
    Path file = dir.resolve("applications.jsonl");
    if (!Files.isRegularFile(file)) {
      throw Args.usage(file + " does not exist: write it with simulate syndicate --out " + dir + ".");
    }
    Path dataDir = args.has("data-dir") ? args.requiredPath("data-dir", "D") : dir.resolve("graph-db");
    boolean resume = args.booleanOption("resume", false);
    double stopAfterMinutes = args.doubleOption("stop-after-minutes", Double.POSITIVE_INFINITY, 0.01, Double.POSITIVE_INFINITY);
    int total = countLines(file);
    int every = args.intOption("progress-every", Math.max(1, total / 20), 1, Integer.MAX_VALUE);
    Path ledgerFile = dataDir.resolve(LEDGER);
    Ledger ledger;
    if (resume) {
      if (!Files.exists(dataDir.resolve("postgres")) || !Files.isRegularFile(ledgerFile)) {
        throw Args.usage(dataDir + " holds no paused eval rings run to resume (no database or no " + LEDGER + ").");
      }
      ledger = Ledger.read(ledgerFile, file, total);
      ctx.err().println("[bonafide] eval rings: resuming in " + dataDir + " after " + ledger.loaded + " applications");
    } else {
      if (Files.exists(dataDir.resolve("postgres"))) {
        throw Args.usage(
            dataDir + " already holds a database: give a fresh --data-dir, delete it, or continue a paused run with --resume true.");
      }
      ledger = new Ledger(total);
      ctx.err().println("[bonafide] eval rings: opening a fresh graph in " + dataDir);
    }
    try (ConfigurableApplicationContext context =
        TenantCommand.openContext(ctx.application(), "--bonafide.data-dir=" + dataDir.toAbsolutePath())) {
      Path perApplication = args.has("out") ? args.requiredPath("out", "FILE.jsonl") : null;
      long stopAfterNanos = Double.isInfinite(stopAfterMinutes) ? Long.MAX_VALUE : (long) (stopAfterMinutes * 60e9);
      ObjectNode result = evaluate(context, file, ledgerFile, ledger, every, stopAfterNanos, perApplication, ctx);
      // memory with everything loaded: this process (the graph's caches and the face index) and the
      // database and index on disk; PostgreSQL's own processes are not counted
      result.put("heap_bytes", Footprint.heapAfterGc());
      result.put("rss_bytes", Footprint.residentBytes());
      result.put("database_bytes", Footprint.directoryBytes(dataDir.resolve("postgres")));
      result.put("face_index_bytes", Footprint.directoryBytes(dataDir.resolve("face-index")));
      return result;
    }
  }

  /** A ledger line: the tenant made for an institution. */
  record TenantLine(String institution, UUID tenant) {}

  /** A ledger line: one application loaded, its record time and its time since the one before. */
  record Loaded(int line, UUID id, String ring, boolean flagged, List<String> signals, long nanos, long step) {}

  /**
   * What a run has loaded so far, rebuilt from its ledger when it resumes: the institutions'
   * tenants, the true ring of each ring application, how long each record took, and the counts.
   */
  private static final class Ledger {
    final Map<String, TenantId> institutions = new HashMap<>();
    final Map<UUID, String> truth = new HashMap<>();
    final Map<String, Integer> ringSizes = new HashMap<>();
    final Map<String, Integer> signalCounts = new TreeMap<>();
    final long[] recordNanos;
    int loaded;
    /** The last line of the applications file loaded. */
    int line;
    int flaggedRing;
    int flaggedGenuine;
    int ringApps;
    /** Time spent loading, summed over the runs (startup and ring detection left out). */
    long loadNanos;

    Ledger(int total) {
      recordNanos = new long[total];
    }

    void add(Loaded a) {
      line = a.line();
      recordNanos[loaded++] = a.nanos();
      loadNanos += a.step();
      if (a.ring() != null) {
        truth.put(a.id(), a.ring());
        ringSizes.merge(a.ring(), 1, Integer::sum);
        ringApps++;
      }
      a.signals().forEach(code -> signalCounts.merge(code, 1, Integer::sum));
      if (a.flagged() && a.ring() != null) {
        flaggedRing++;
      } else if (a.flagged()) {
        flaggedGenuine++;
      }
    }

    static Ledger read(Path ledgerFile, Path source, int total) {
      Ledger ledger = new Ledger(total);
      try (BufferedReader reader = Files.newBufferedReader(ledgerFile, StandardCharsets.UTF_8)) {
        String first = reader.readLine();
        JsonNode head = first == null ? null : Json.MAPPER.readTree(first);
        if (head == null || !head.has("source")) {
          throw Args.usage(ledgerFile + " is not an eval rings ledger.");
        }
        if (!head.path("source").asString().equals(source.toAbsolutePath().toString()) || head.path("applications").asInt() != total) {
          throw Args.usage(
              ledgerFile + " belongs to a run over " + head.path("source").asString() + " (" + head.path("applications").asInt()
                  + " applications), not " + source.toAbsolutePath() + " (" + total + ").");
        }
        String line;
        while ((line = reader.readLine()) != null) {
          JsonNode n;
          try {
            n = Json.MAPPER.readTree(line);
          } catch (RuntimeException e) {
            continue; // the last line of a killed run, torn: what it stood for is posted again (idempotent)
          }
          if (n.has("institution")) {
            TenantLine t = Json.MAPPER.treeToValue(n, TenantLine.class);
            ledger.institutions.put(t.institution(), new TenantId(t.tenant()));
          } else {
            ledger.add(Json.MAPPER.treeToValue(n, Loaded.class));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return ledger;
    }
  }

  private static ObjectNode evaluate(
      ConfigurableApplicationContext context,
      Path file,
      Path ledgerFile,
      Ledger ledger,
      int every,
      long stopAfterNanos,
      Path perApplication,
      CommandContext ctx) {
    IdentityGraph graph = context.getBean(IdentityGraph.class);
    TenantService tenants = context.getBean(TenantService.class);
    RingDetector detector = context.getBean(RingDetector.class);
    int total = ledger.recordNanos.length;
    int resumedFrom = ledger.loaded;
    boolean complete = true;
    Progress progress = new Progress(ctx.err(), "eval rings", "applications", total - resumedFrom, every, ctx.nanoClock());
    long start = ctx.nanoClock().getAsLong();
    boolean fresh = resumedFrom == 0 && ledger.institutions.isEmpty();
    OpenOption[] append = {StandardOpenOption.CREATE, StandardOpenOption.APPEND};
    boolean torn = !fresh && endsTorn(ledgerFile);
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        Writer journal = Files.newBufferedWriter(ledgerFile, StandardCharsets.UTF_8, fresh ? new OpenOption[0] : append);
        Writer details =
            perApplication == null
                ? Writer.nullWriter()
                : Files.newBufferedWriter(perApplication, StandardCharsets.UTF_8, resumedFrom == 0 ? new OpenOption[0] : append)) {
      if (torn) {
        journal.write('\n'); // a killed run's half line stays on its own
      }
      if (fresh) {
        ObjectNode head = Json.object();
        head.put("source", file.toAbsolutePath().toString());
        head.put("applications", total);
        journal.write(Json.MAPPER.writeValueAsString(head) + "\n");
        journal.flush();
      }
      String line;
      int number = 0;
      long stepStart = ctx.nanoClock().getAsLong();
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || number <= ledger.line) {
          stepStart = ctx.nanoClock().getAsLong(); // lines loaded by an earlier run are not load time
          continue;
        }
        if (ctx.nanoClock().getAsLong() - start >= stopAfterNanos) {
          complete = false;
          break;
        }
        JsonNode node;
        try {
          node = Json.MAPPER.readTree(line);
        } catch (RuntimeException e) {
          throw Args.usage(file + " line " + number + " is not JSON.");
        }
        String institution = node.path("institution").asString();
        TenantId tenant = ledger.institutions.get(institution);
        if (tenant == null) {
          tenant = tenants.createTenant(institution).id();
          ledger.institutions.put(institution, tenant);
          journal.write(Json.MAPPER.writeValueAsString(new TenantLine(institution, tenant.value())) + "\n");
          journal.flush();
        }
        String ring = node.path("ring").isNull() || node.path("ring").isMissingNode() ? null : node.path("ring").asString();
        float[] face =
            node.has("face")
                ? SyntheticFaces.capture(node.path("face").path("person").asLong(), node.path("face").path("sample").asLong())
                : null;
        ObjectNode body = ((ObjectNode) node).deepCopy();
        body.remove(List.of("institution", "receivedAt", "label", "ring", "face"));
        ApplicationInput input = Json.MAPPER.treeToValue(body, ApplicationInput.class);
        long t0 = ctx.nanoClock().getAsLong();
        IdentityGraph.Recorded recorded =
            graph.record(tenant, input.toApplication(Instant.parse(node.path("receivedAt").asString()), face));
        long recordNanos = ctx.nanoClock().getAsLong() - t0;
        boolean flagged = recorded.signals().stream().anyMatch(s -> s.reason().flags());
        List<String> codes = recorded.signals().stream().map(s -> s.reason().code()).toList();
        if (perApplication != null) {
          ObjectNode one = Json.object();
          one.put("reference", input.reference());
          one.put("label", ring == null ? "genuine" : "ring");
          one.put("ring", ring);
          one.putPOJO("signals", recorded.signals());
          details.write(Json.MAPPER.writeValueAsString(one));
          details.write('\n');
        }
        long now = ctx.nanoClock().getAsLong();
        Loaded entry = new Loaded(number, recorded.id(), ring, flagged, codes, recordNanos, now - stepStart);
        ledger.add(entry);
        journal.write(Json.MAPPER.writeValueAsString(entry) + "\n");
        if (ledger.loaded % FLUSH_EVERY == 0) {
          journal.flush();
        }
        stepStart = now;
        progress.step();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int loaded = ledger.loaded;
    if (!complete) {
      ctx.err().println(
          "[bonafide] eval rings: stopped after " + loaded + " of " + total + " applications; continue with --resume true");
      ObjectNode r = Json.object();
      r.put("complete", false);
      r.put("applications", loaded);
      r.put("applications_total", total);
      r.put("resumed_from", resumedFrom);
      putSpeed(r, ledger);
      return r;
    }
    ctx.err().println("[bonafide] eval rings: loaded; finding rings");
    long detectStart = ctx.nanoClock().getAsLong();
    List<RingDetector.Ring> found = detector.detect();
    double detectSeconds = (ctx.nanoClock().getAsLong() - detectStart) / 1e9;

    int right = 0;
    Map<String, Integer> bestCover = new HashMap<>();
    for (RingDetector.Ring r : found) {
      Map<String, Integer> byRing = new HashMap<>();
      for (UUID app : r.applications()) {
        String t = ledger.truth.get(app);
        if (t != null) {
          byRing.merge(t, 1, Integer::sum);
        }
      }
      var top = byRing.entrySet().stream().max(Map.Entry.comparingByValue());
      if (top.isPresent() && top.get().getValue() * 2 >= r.applications().size()) {
        right++;
      }
      byRing.forEach((t, c) -> bestCover.merge(t, c, Math::max));
    }
    int recalled = 0;
    for (Map.Entry<String, Integer> e : ledger.ringSizes.entrySet()) {
      if (bestCover.getOrDefault(e.getKey(), 0) * 2 >= e.getValue()) {
        recalled++;
      }
    }
    ObjectNode r = Json.object();
    r.put("complete", true);
    r.put("applications", loaded);
    r.put("resumed_from", resumedFrom);
    r.put("ring_applications", ledger.ringApps);
    r.put("rings", ledger.ringSizes.size());
    r.put("rings_found", found.size());
    Json.number(r, "ring_precision", found.isEmpty() ? Double.NaN : (double) right / found.size());
    Json.number(r, "ring_recall", ledger.ringSizes.isEmpty() ? Double.NaN : (double) recalled / ledger.ringSizes.size());
    int flagged = ledger.flaggedRing + ledger.flaggedGenuine;
    Json.number(r, "application_precision", flagged == 0 ? Double.NaN : (double) ledger.flaggedRing / flagged);
    Json.number(r, "application_recall", ledger.ringApps == 0 ? Double.NaN : (double) ledger.flaggedRing / ledger.ringApps);
    putSpeed(r, ledger);
    Json.number(r, "detect_seconds", detectSeconds);
    r.putPOJO("signals", ledger.signalCounts);
    List<Map<String, Object>> top = new ArrayList<>();
    for (RingDetector.Ring ring : found.subList(0, Math.min(10, found.size()))) {
      Map<String, Object> one = new TreeMap<>();
      one.put("applications", ring.applications().size());
      one.put("identities", ring.identities());
      one.put("institutions", ring.institutions());
      one.put("faceLinks", ring.faceLinks());
      one.put("sharedTools", ring.sharedTools());
      one.put("days", ring.days());
      one.put("score", ring.score());
      Set<String> labels = new HashSet<>();
      ring.applications().forEach(a -> labels.add(ledger.truth.getOrDefault(a, "genuine")));
      one.put("labels", labels);
      top.add(one);
    }
    r.putPOJO("top_rings", top);
    return r;
  }

  /** Applications loaded per second of loading, and the record time's median and 99th percentile. */
  private static void putSpeed(ObjectNode r, Ledger ledger) {
    int loaded = ledger.loaded;
    long[] sorted = Arrays.copyOf(ledger.recordNanos, loaded);
    Arrays.sort(sorted);
    Json.number(r, "applications_per_second", loaded / Math.max(1e-9, ledger.loadNanos / 1e9));
    Json.millis(r, "record_p50_ms", loaded == 0 ? Double.NaN : sorted[loaded / 2]);
    Json.millis(r, "record_p99_ms", loaded == 0 ? Double.NaN : sorted[Math.min(loaded - 1, (int) Math.ceil(loaded * 0.99) - 1)]);
  }

  /** Whether the file's last line lacks its end (a run killed while writing it). */
  private static boolean endsTorn(Path file) {
    try (var channel = Files.newByteChannel(file)) {
      if (channel.size() == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.position(channel.size() - 1).read(last);
      return last.get(0) != '\n';
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int countLines(Path file) {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return (int) lines.filter(l -> !l.isBlank()).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
