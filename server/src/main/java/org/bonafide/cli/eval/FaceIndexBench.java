package org.bonafide.cli.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.cli.Progress;
import org.bonafide.identitygraph.FaceIndex;
import org.bonafide.identitygraph.FaceVectorIndex;
import org.bonafide.identitygraph.FlatFaceIndex;
import org.bonafide.identitygraph.GraphProperties;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code bench face-index --faces N}: builds a 1:N face index of N synthetic embeddings on disk and
 * measures what the identity graph relies on: build rate, size on disk, heap, search latency at
 * k=10, recall@10 against exact search, the same for the graph's identification at or above the
 * match threshold ({@code --threshold}, default the graph's), and the time to reopen the index
 * after a restart.
 *
 * <p>The synthetic population stands in for face embeddings: each identity is a random direction
 * drawn with a decaying spectrum (real embeddings spread their variance unevenly, so two strangers'
 * cosine is near 0 with a spread of about 0.07), and each of its faces is that direction plus
 * isotropic noise, so two faces of one identity have a cosine around 0.7. Most identities have one
 * face, some several (people who apply again, or at several institutions). An application's id
 * carries its identity in its high 64 bits, which lets the bench check that a mated query's best
 * hit is the same identity.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class FaceIndexBench {
  public static final Set<String> OPTIONS =
      Set.of("faces", "queries", "recall-queries", "dir", "seed", "ram-buffer-mb", "threads", "candidates", "sweep",
          "max-conn", "beam-width", "quantized", "merge", "search-threads", "engine", "threshold");

  /** Noise norm per face: two faces of one identity meet at cosine 1 / (1 + 0.65^2), about 0.7. */
  private static final double FACE_NOISE = 0.65;

  private static final int K = 10;
  private static final int WARM_UP = 200;

  private FaceIndexBench() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    int faces = args.intOption("faces", 100_000, 1, 50_000_000);
    int queries = args.intOption("queries", 2_000, 1, 1_000_000);
    int recallQueries = args.intOption("recall-queries", 200, 1, 100_000);
    long seed = args.intOption("seed", 1, 0, Integer.MAX_VALUE);
    int ramBufferMb = args.intOption("ram-buffer-mb", 1024, 16, 2047);
    int threads = args.intOption("threads", 1, 1, 64);
    String engine = args.has("engine") ? args.required("engine", "flat|hnsw") : "flat";
    if (!engine.equals("flat") && !engine.equals("hnsw")) {
      throw Args.usage("--engine must be flat or hnsw, not '" + engine + "'");
    }
    boolean flat = engine.equals("flat");
    int maxCandidates = flat ? FlatFaceIndex.MAX_CANDIDATES : FaceIndex.MAX_CANDIDATES;
    // checked now, before a long build; unset, the index's own default once it is built
    Integer chosen = args.has("candidates") ? args.intOption("candidates", 0, K, maxCandidates) : null;
    FaceIndex.Settings defaults = FaceIndex.Settings.DEFAULT;
    FaceIndex.Settings settings =
        new FaceIndex.Settings(
            args.intOption("max-conn", defaults.maxConn(), 4, 512),
            args.intOption("beam-width", defaults.beamWidth(), 8, 3200),
            args.booleanOption("quantized", defaults.quantized()),
            ramBufferMb,
            args.intOption("search-threads", defaults.searchThreads(), 1, 64));
    int mergeTo = args.intOption("merge", 0, 0, 1000);
    double threshold =
        args.doubleOption("threshold", new GraphProperties().getFaceMatchThreshold(), 0.3, 0.99);
    List<Integer> sweepCandidates = new ArrayList<>();
    if (args.has("sweep")) {
      for (String value : args.required("sweep", "C1,C2,... (more candidate counts to measure)").split(",")) {
        try {
          int more = Integer.parseInt(value.trim());
          if (more < K || more > maxCandidates) {
            throw Args.usage("--sweep values must be in [" + K + ", " + maxCandidates + "], not " + more);
          }
          sweepCandidates.add(more);
        } catch (NumberFormatException e) {
          throw Args.usage("--sweep takes comma-separated integers, not '" + value + "'");
        }
      }
    }
    Path dir;
    try {
      dir = args.has("dir") ? args.requiredPath("dir", "DIR") : Files.createTempDirectory("bonafide-face-index");
      if (Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw Args.usage("--dir " + dir + " is not empty; the bench builds a fresh index");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Population population = new Population(seed, faces);
    ctx.err().printf(
        Locale.ROOT, "[bonafide] %d faces of %d identities into %s%n", faces, population.identities(), dir);

    FaceVectorIndex index = flat ? FlatFaceIndex.open(dir, settings.searchThreads()) : FaceIndex.open(dir, settings);
    long start = ctx.nanoClock().getAsLong();
    Progress progress = new Progress(ctx.err(), "face index", "faces", faces, Math.max(1, faces / 20), ctx.nanoClock());
    List<Thread> workers = new ArrayList<>();
    RuntimeException[] failure = new RuntimeException[1];
    for (int t = 0; t < threads; t++) {
      int worker = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  // Faces are numbered; worker w adds every face whose identity is w mod threads.
                  for (int identity = worker; identity < population.identities(); identity += threads) {
                    for (int sample = 0; sample < population.samples(identity); sample++) {
                      index.add(population.applicationId(identity, sample), population.tenant(identity),
                          population.face(identity, sample));
                      progress.step();
                    }
                  }
                } catch (RuntimeException e) {
                  synchronized (failure) {
                    failure[0] = e;
                  }
                }
              },
              "face-index-" + t);
      thread.start();
      workers.add(thread);
    }
    for (Thread thread : workers) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while building the index", e);
      }
    }
    synchronized (failure) {
      if (failure[0] != null) {
        index.close();
        throw failure[0];
      }
    }
    index.commit();
    double buildSeconds = seconds(ctx, start);
    int segments = index instanceof FaceIndex hnsw ? hnsw.segments() : 1;
    ctx.err().printf(Locale.ROOT, "[bonafide] built and committed in %.1f s, %d segments%n", buildSeconds, segments);
    double mergeSeconds = 0;
    if (mergeTo > 0 && index instanceof FaceIndex hnsw) {
      long mergeStart = ctx.nanoClock().getAsLong();
      hnsw.merge(mergeTo);
      hnsw.commit();
      mergeSeconds = seconds(ctx, mergeStart);
      segments = hnsw.segments();
      ctx.err().printf(Locale.ROOT, "[bonafide] merged to %d segments in %.1f s%n", segments, mergeSeconds);
    }
    int size = index.size();
    int candidates = chosen != null ? chosen : index.defaultCandidates();
    long indexBytes = Footprint.directoryBytes(dir);
    long heap = Footprint.heapAfterGc();

    // Queries: half a new face of an indexed identity (mated), half a stranger never indexed.
    SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDL);
    float[][] query = new float[queries][];
    long[] identityOf = new long[queries];
    for (int q = 0; q < queries; q++) {
      if (q % 2 == 0) {
        int identity = random.nextInt(population.identities());
        identityOf[q] = identity;
        query[q] = population.face(identity, 1_000 + q);
      } else {
        identityOf[q] = -1;
        query[q] = population.face(population.identities() + q, 0);
      }
    }
    int recallSample = Math.min(recallQueries, queries);
    ctx.err().printf(Locale.ROOT, "[bonafide] exact top %d of %d queries (brute force)%n", K, recallSample);
    List<Set<UUID>> exact = new ArrayList<>();
    long exactStart = System.nanoTime();
    for (int q = 0; q < recallSample; q++) {
      exact.add(ids(index.exactSearch(query[q], K)));
    }
    double exactMs = (System.nanoTime() - exactStart) / 1e6 / recallSample;

    ObjectNode main = measure(index, query, identityOf, exact, candidates);
    ctx.err().printf(Locale.ROOT, "[bonafide] identification at or above a cosine of %.2f%n", threshold);
    ObjectNode above = measureAbove(index, population, queries, recallSample, seed, threshold, candidates);
    ArrayNode sweep = Json.object().arrayNode();
    for (int more : sweepCandidates) {
      ctx.err().printf(Locale.ROOT, "[bonafide] searching with %d candidates%n", more);
      sweep.add(measure(index, query, identityOf, exact, more));
    }

    index.close();
    long reopenStart = ctx.nanoClock().getAsLong();
    double reopenSeconds;
    double firstQueryMs;
    int reopenedSize;
    try (FaceVectorIndex reopened =
        flat ? FlatFaceIndex.open(dir, settings.searchThreads()) : FaceIndex.open(dir, settings)) {
      reopenedSize = reopened.size();
      reopenSeconds = seconds(ctx, reopenStart);
      long t0 = System.nanoTime();
      reopened.search(query[0], K, candidates);
      firstQueryMs = (System.nanoTime() - t0) / 1e6;
    }
    ctx.err().printf(Locale.ROOT, "[bonafide] reopened %d faces in %.3f s%n", reopenedSize, reopenSeconds);

    ObjectNode out = Json.object();
    out.put("faces", size);
    out.put("identities", population.identities());
    out.put("dimension", FaceIndex.DIMENSION);
    out.put("engine", engine);
    out.put("threads", threads);
    out.put("max_conn", settings.maxConn());
    out.put("beam_width", settings.beamWidth());
    out.put("quantized", settings.quantized());
    out.put("search_threads", settings.searchThreads());
    out.put("segments", segments);
    out.put("build_seconds", round(buildSeconds, 3));
    out.put("merge_seconds", round(mergeSeconds, 3));
    out.put("faces_per_second", round(faces / buildSeconds, 1));
    out.put("index_bytes", indexBytes);
    out.put("heap_bytes", heap);
    out.put("heap_max_bytes", Runtime.getRuntime().maxMemory());
    out.put("rss_bytes", Footprint.residentBytes());
    out.put("queries", queries);
    out.put("k", K);
    out.setAll(main);
    out.put("recall_queries", recallSample);
    out.set("above_threshold", above);
    out.put("exact_ms_per_query", round(exactMs, 1));
    out.put("reopen_seconds", round(reopenSeconds, 3));
    out.put("reopened_faces", reopenedSize);
    out.put("first_query_after_reopen_ms", round(firstQueryMs, 3));
    out.put("dir", dir.toString());
    if (!sweep.isEmpty()) {
      out.set("sweep", sweep);
    }
    return out;
  }

  /**
   * Times every query at k=10 with {@code candidates} (after untimed warm-up searches), and the
   * recall@10 of the first queries against their exact top 10.
   */
  private static ObjectNode measure(
      FaceVectorIndex index, float[][] query, long[] identityOf, List<Set<UUID>> exact, int candidates) {
    for (int w = 0; w < Math.min(WARM_UP, query.length); w++) {
      index.search(query[w], K, candidates);
    }
    long[] nanos = new long[query.length];
    int mated = 0;
    int matedFound = 0;
    for (int q = 0; q < query.length; q++) {
      long t0 = System.nanoTime();
      List<FaceVectorIndex.Hit> hits = index.search(query[q], K, candidates);
      nanos[q] = System.nanoTime() - t0;
      if (identityOf[q] >= 0) {
        mated++;
        if (!hits.isEmpty() && hits.get(0).applicationId().getMostSignificantBits() == identityOf[q]) {
          matedFound++;
        }
      }
    }
    Arrays.sort(nanos);
    // [mated, stranger] counts: strangers' top 10 are all near cosine 0, the hard case for a graph.
    long[] found = new long[2];
    long[] expected = new long[2];
    for (int q = 0; q < exact.size(); q++) {
      Set<UUID> both = new HashSet<>(exact.get(q));
      both.retainAll(ids(index.search(query[q], K, candidates)));
      int kind = identityOf[q] >= 0 ? 0 : 1;
      expected[kind] += exact.get(q).size();
      found[kind] += both.size();
    }
    ObjectNode out = Json.object();
    out.put("candidates", candidates);
    putLatency(out, nanos);
    out.put("mated_top1", mated == 0 ? 0 : round((double) matedFound / mated, 4));
    out.put("recall_at_10", ratio(found[0] + found[1], expected[0] + expected[1]));
    out.put("recall_at_10_mated", ratio(found[0], expected[0]));
    out.put("recall_at_10_strangers", ratio(found[1], expected[1]));
    return out;
  }

  /**
   * Times {@link FaceVectorIndex#searchAbove} (the identity graph's search: the at most 10 faces at
   * or above the match threshold) and measures its recall against the exact faces at or above it.
   * A third of the queries are mated, a third strangers, and a third a new face of an indexed
   * identity taken so far from it (noise of norm 1.1 to 1.5 instead of 0.65) that its cosines with
   * that identity's faces straddle the threshold (about 0.45 to 0.58): where an estimate's error
   * would lose a match.
   */
  private static ObjectNode measureAbove(
      FaceVectorIndex index, Population population, int queries, int recallSample, long seed, double threshold,
      int candidates) {
    SplittableRandom random = new SplittableRandom(seed ^ 0xAB0BEL);
    float[][] query = new float[queries][];
    for (int q = 0; q < queries; q++) {
      int identity = random.nextInt(population.identities());
      query[q] =
          switch (q % 3) {
            case 0 -> population.face(identity, 2_000_000 + q, FACE_NOISE);
            case 1 -> population.face(population.identities() + 1_000_000 + q, 0, FACE_NOISE);
            default -> population.face(identity, 2_000_000 + q, 1.1 + 0.4 * random.nextDouble());
          };
    }
    for (int w = 0; w < Math.min(WARM_UP, queries); w++) {
      index.searchAbove(query[w], K, threshold, candidates);
    }
    long[] nanos = new long[queries];
    for (int q = 0; q < queries; q++) {
      long t0 = System.nanoTime();
      index.searchAbove(query[q], K, threshold, candidates);
      nanos[q] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    long expected = 0;
    long found = 0;
    long nearThreshold = 0;
    for (int q = 0; q < recallSample; q++) {
      List<FaceVectorIndex.Hit> exact =
          index.exactSearch(query[q], K).stream().filter(h -> h.similarity() >= threshold).toList();
      Set<UUID> both = ids(exact);
      both.retainAll(ids(index.searchAbove(query[q], K, threshold, candidates)));
      expected += exact.size();
      found += both.size();
      nearThreshold += exact.stream().filter(h -> h.similarity() < threshold + 0.05).count();
    }
    ObjectNode out = Json.object();
    out.put("threshold", threshold);
    putLatency(out, nanos);
    out.put("recall_at_10", ratio(found, expected));
    out.put("exact_hits", expected);
    out.put("exact_hits_within_0_05", nearThreshold);
    return out;
  }

  /**
   * Deterministic synthetic faces: everything about identity i and its sample s is derived from
   * (seed, i, s), so queries regenerate an identity's direction without keeping N vectors in memory.
   */
  private static final class Population {
    private final long seed;
    private final int[] firstFace;
    private final float[] spectrum = new float[FaceIndex.DIMENSION];

    Population(long seed, int faces) {
      this.seed = seed;
      for (int d = 0; d < spectrum.length; d++) {
        spectrum[d] = (float) (1 / Math.sqrt(1 + d / 16.0));
      }
      SplittableRandom random = new SplittableRandom(seed);
      List<Integer> starts = new ArrayList<>();
      int face = 0;
      while (face < faces) {
        starts.add(face);
        // 70 % of identities apply once, the others two to four times.
        int samples = random.nextDouble() < 0.7 ? 1 : 2 + random.nextInt(3);
        face += Math.min(samples, faces - face);
      }
      starts.add(faces);
      firstFace = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    int identities() {
      return firstFace.length - 1;
    }

    int samples(int identity) {
      return firstFace[identity + 1] - firstFace[identity];
    }

    UUID applicationId(int identity, int sample) {
      return new UUID(identity, ((long) sample << 32) ^ (seed & 0xFFFFFFFFL));
    }

    String tenant(int identity) {
      return "tenant-" + Math.floorMod(identity * 7919L + seed, 20);
    }

    float[] face(int identity, int sample) {
      return face(identity, sample, FACE_NOISE);
    }

    /** A face of the identity with isotropic noise of about {@code noiseNorm}. */
    float[] face(int identity, int sample, double noiseNorm) {
      SplittableRandom id = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + identity);
      double[] centre = new double[FaceIndex.DIMENSION];
      double norm = 0;
      for (int d = 0; d < centre.length; d++) {
        centre[d] = spectrum[d] * gaussian(id);
        norm += centre[d] * centre[d];
      }
      norm = Math.sqrt(norm);
      SplittableRandom noise = new SplittableRandom((seed * 31 + identity) * 0xBF58476D1CE4E5B9L + sample);
      double sigma = noiseNorm / Math.sqrt(centre.length);
      float[] out = new float[centre.length];
      for (int d = 0; d < centre.length; d++) {
        out[d] = (float) (centre[d] / norm + sigma * gaussian(noise));
      }
      return out;
    }

    private static double gaussian(SplittableRandom random) {
      // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
      double u = 1 - random.nextDouble();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
  }

  private static Set<UUID> ids(List<FaceVectorIndex.Hit> hits) {
    return hits.stream().map(FaceVectorIndex.Hit::applicationId).collect(Collectors.toCollection(HashSet::new));
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : round((double) part / whole, 4);
  }

  /** p50, p95, p99 and the maximum of sorted nanosecond timings, in milliseconds. */
  private static void putLatency(ObjectNode out, long[] sorted) {
    out.put("p50_ms", round(percentile(sorted, 0.50) / 1e6, 3));
    out.put("p95_ms", round(percentile(sorted, 0.95) / 1e6, 3));
    out.put("p99_ms", round(percentile(sorted, 0.99) / 1e6, 3));
    out.put("max_ms", round(sorted[sorted.length - 1] / 1e6, 3));
  }

  private static double percentile(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double seconds(CommandContext ctx, long start) {
    return (ctx.nanoClock().getAsLong() - start) / 1e9;
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
