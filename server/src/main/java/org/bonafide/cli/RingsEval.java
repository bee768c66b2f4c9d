package org.bonafide.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.bonafide.identitygraph.ApplicationInput;
import org.bonafide.identitygraph.GraphSignal;
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
 */
final class RingsEval {
  static final Set<String> OPTIONS = Set.of("dir", "data-dir", "progress-every", "out");

  private RingsEval() {}

  static ObjectNode run(Args args, CommandContext ctx) {
    Path dir = args.requiredPath("dir", "DIR (written by simulate syndicate)");
    Path file = dir.resolve("applications.jsonl");
    if (!Files.isRegularFile(file)) {
      throw Args.usage(file + " does not exist: write it with simulate syndicate --out " + dir + ".");
    }
    Path dataDir = args.has("data-dir") ? args.requiredPath("data-dir", "D") : dir.resolve("graph-db");
    int total = countLines(file);
    int every = args.intOption("progress-every", Math.max(1, total / 20), 1, Integer.MAX_VALUE);
    if (Files.exists(dataDir.resolve("postgres"))) {
      throw Args.usage(dataDir + " already holds a database: give a fresh --data-dir, or delete it.");
    }
    ctx.err().println("[bonafide] eval rings: opening a fresh graph in " + dataDir);
    try (ConfigurableApplicationContext context =
        TenantCommand.openContext(ctx.application(), "--bonafide.data-dir=" + dataDir.toAbsolutePath())) {
      Path perApplication = args.has("out") ? args.requiredPath("out", "FILE.jsonl") : null;
      return evaluate(context, file, total, every, perApplication, ctx);
    }
  }

  private static ObjectNode evaluate(
      ConfigurableApplicationContext context, Path file, int total, int every, Path perApplication, CommandContext ctx) {
    IdentityGraph graph = context.getBean(IdentityGraph.class);
    TenantService tenants = context.getBean(TenantService.class);
    RingDetector detector = context.getBean(RingDetector.class);
    Map<String, TenantId> institutions = new HashMap<>();
    Map<UUID, String> truth = new HashMap<>();
    Map<String, Integer> ringSizes = new HashMap<>();
    Map<String, Integer> signalCounts = new TreeMap<>();
    int flaggedRing = 0;
    int flaggedGenuine = 0;
    int ringApps = 0;
    long[] nanos = new long[total];
    int loaded = 0;
    Progress progress = new Progress(ctx.err(), "eval rings", "applications", total, every, ctx.nanoClock());
    long start = ctx.nanoClock().getAsLong();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        java.io.Writer details =
            perApplication == null ? java.io.Writer.nullWriter() : Files.newBufferedWriter(perApplication, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = Json.MAPPER.readTree(line);
        } catch (RuntimeException e) {
          throw Args.usage(file + " line " + number + " is not JSON.");
        }
        String institution = node.path("institution").asString();
        TenantId tenant = institutions.computeIfAbsent(institution, name -> tenants.createTenant(name).id());
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
        nanos[loaded++] = ctx.nanoClock().getAsLong() - t0;
        if (ring != null) {
          truth.put(recorded.id(), ring);
          ringSizes.merge(ring, 1, Integer::sum);
          ringApps++;
        }
        boolean flagged = recorded.signals().stream().anyMatch(s -> s.reason().flags());
        if (perApplication != null) {
          ObjectNode one = Json.object();
          one.put("reference", input.reference());
          one.put("label", ring == null ? "genuine" : "ring");
          one.put("ring", ring);
          one.putPOJO("signals", recorded.signals());
          details.write(Json.MAPPER.writeValueAsString(one));
          details.write('\n');
        }
        for (GraphSignal s : recorded.signals()) {
          signalCounts.merge(s.reason().code(), 1, Integer::sum);
        }
        if (flagged && ring != null) {
          flaggedRing++;
        } else if (flagged) {
          flaggedGenuine++;
        }
        progress.step();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double loadSeconds = (ctx.nanoClock().getAsLong() - start) / 1e9;
    ctx.err().println("[bonafide] eval rings: loaded; finding rings");
    long detectStart = ctx.nanoClock().getAsLong();
    List<RingDetector.Ring> found = detector.detect();
    double detectSeconds = (ctx.nanoClock().getAsLong() - detectStart) / 1e9;

    int right = 0;
    Map<String, Integer> bestCover = new HashMap<>();
    for (RingDetector.Ring r : found) {
      Map<String, Integer> byRing = new HashMap<>();
      for (UUID app : r.applications()) {
        String t = truth.get(app);
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
    for (Map.Entry<String, Integer> e : ringSizes.entrySet()) {
      if (bestCover.getOrDefault(e.getKey(), 0) * 2 >= e.getValue()) {
        recalled++;
      }
    }
    long[] sorted = Arrays.copyOf(nanos, loaded);
    Arrays.sort(sorted);
    ObjectNode r = Json.object();
    r.put("applications", loaded);
    r.put("ring_applications", ringApps);
    r.put("rings", ringSizes.size());
    r.put("rings_found", found.size());
    Json.number(r, "ring_precision", found.isEmpty() ? Double.NaN : (double) right / found.size());
    Json.number(r, "ring_recall", ringSizes.isEmpty() ? Double.NaN : (double) recalled / ringSizes.size());
    int flagged = flaggedRing + flaggedGenuine;
    Json.number(r, "application_precision", flagged == 0 ? Double.NaN : (double) flaggedRing / flagged);
    Json.number(r, "application_recall", ringApps == 0 ? Double.NaN : (double) flaggedRing / ringApps);
    Json.number(r, "applications_per_second", loaded / Math.max(1e-9, loadSeconds));
    Json.millis(r, "record_p50_ms", loaded == 0 ? Double.NaN : sorted[loaded / 2]);
    Json.millis(r, "record_p99_ms", loaded == 0 ? Double.NaN : sorted[Math.min(loaded - 1, (int) Math.ceil(loaded * 0.99) - 1)]);
    Json.number(r, "detect_seconds", detectSeconds);
    r.putPOJO("signals", signalCounts);
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
      ring.applications().forEach(a -> labels.add(truth.getOrDefault(a, "genuine")));
      one.put("labels", labels);
      top.add(one);
    }
    r.putPOJO("top_rings", top);
    return r;
  }

  private static int countLines(Path file) {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return (int) lines.filter(l -> !l.isBlank()).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
