package org.bonafide.identitygraph;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32C;

/**
 * A 1:N face index that compares the query with every face, cheaply, then more closely with the
 * best few and exactly with the best of those: a flat scan over one-bit codes, a two-bit
 * re-estimate, and a re-rank with the float vectors.
 *
 * <p><b>Codes.</b> Each unit embedding is rotated (three rounds of random sign flips and a
 * Walsh-Hadamard transform, so every coordinate carries a similar share of the variance) and kept
 * as the signs of its 512 rotated coordinates (64 bytes a face, in memory) and a second bit per
 * coordinate, set where its magnitude passes the optimal four-level quantiser's threshold (64
 * bytes more). A search quantises the rotated query to 3 bits a coordinate and estimates its
 * cosine with every face from the signs alone (the sign code's unbiased estimator, scaled by how
 * well the code fits that face), 24 population counts a face; keeps the {@code candidates} best;
 * estimates those again from both bits, with about half the error; and scores the best eighth of
 * them (at least 256) exactly with their float vectors. The one-bit estimate's error is a few
 * hundredths in cosine at 512 dimensions, so 12,000 candidates hold the true ten nearest with a
 * recall above 0.99 at a million faces; see docs/identity-graph.md for the measurements.
 *
 * <p><b>Storage.</b> One file, {@code faces.bin}: a header, then fixed-size records (live flag,
 * application id, label, the unit float vector, a CRC-32C) appended in order and memory-mapped in
 * chunks, so the float vectors live in the page cache, not on the heap. A replaced face's record is
 * marked dead. Opening the index reads every record back, checks its CRC and rebuilds the codes; a
 * torn record (a crash between two commits) makes {@link #open} fail with {@link Corrupt}, and the
 * caller rebuilds from the database.
 *
 * <p><b>Identification.</b> The identity graph asks {@link #searchAbove}: the faces at or above a
 * match threshold. That search keeps no shortlist: a face is dropped when its signs alone put it
 * well below the threshold (8 population counts), or else its one-bit estimate does, and the few
 * left are scored exactly; about a quarter of the top-10 search's time at a million faces.
 *
 * <p>Adding a face costs one rotation and one record write, whatever the size of the index: no
 * graph to link, no segments to merge. A search is linear in the number of faces (about 16 ms a
 * million on one thread here); {@code searchThreads} splits the scan.
 *
 * <p>Thread-safe: searches run together; an add waits for running searches and holds them off for
 * the few microseconds it takes.
 */
public final class FlatFaceIndex implements FaceVectorIndex {

  /**
   * The candidates at a million faces by default: recall@10 above 0.99 there; see
   * docs/identity-graph.md and {@link #candidatesFor(int)}.
   */
  public static final int DEFAULT_CANDIDATES = 12_000;

  /**
   * The default number of faces a search keeps by its first estimate, for an index of {@code
   * faces}: 3,000 up to 100,000 faces (recall@10 0.9965 there), growing as {@code faces^0.6} to
   * {@link #DEFAULT_CANDIDATES} at a million (the estimate's errors are the same at any size, but
   * more strangers crowd the ten nearest).
   */
  public static int candidatesFor(int faces) {
    // four times the candidates for ten times the faces (an exponent of about 0.6)
    double grown = 3000 * Math.pow(Math.max(faces, 1) / 100_000.0, Math.log10(4));
    return (int) Math.min(MAX_CANDIDATES, Math.max(3000, Math.round(grown)));
  }

  /** The most candidates a search may keep. */
  public static final int MAX_CANDIDATES = 100_000;

  @Override
  public int defaultCandidates() {
    return candidatesFor(size());
  }

  @Override
  public int maxCandidates() {
    return MAX_CANDIDATES;
  }

  /** A label longer than this (in UTF-8 bytes) is refused. */
  public static final int MAX_LABEL_BYTES = 126;

  static final String FILE = "faces.bin";

  private static final int D = DIMENSION;
  /** 64-bit words per code. */
  private static final int W = D / 64;
  /** Bits per query coordinate. */
  private static final int QUERY_BITS = 3;
  /**
   * The two-bit code's threshold on a rotated coordinate's magnitude: that of the optimal
   * four-level quantiser of a Gaussian (Lloyd-Max: thresholds 0 and 0.9816 sigma, levels 0.4528
   * and 1.510 sigma), sigma being 1 / sqrt(D) for a unit vector.
   */
  static final float FINE_THRESHOLD = (float) (0.9816 / Math.sqrt(DIMENSION));

  /** The two-bit code's outer level against its inner one (1.510 / 0.4528). */
  static final double FINE_OUTER = 1.510 / 0.4528;
  /** The share of a search's candidates that the two-bit estimate passes on to exact scoring. */
  static final double FINE_SHARE = 0.125;
  /** ... but at least this many (or all the candidates, when fewer). */
  static final int FINE_MIN = 256;
  private static final long MAGIC = 0x42464641_43455331L; // "BFFACES1"
  private static final int VERSION = 1;
  private static final int HEADER = 4096;
  // record: live(1) pad(7) application(16) label length(2) label(126) vector(4 * D) crc(4) pad(4)
  private static final int LABEL_AT = 24;
  private static final int VECTOR_AT = LABEL_AT + 2 + MAX_LABEL_BYTES;
  private static final int CRC_AT = VECTOR_AT + 4 * D;
  static final int RECORD = CRC_AT + 8;
  /** Records per mapped chunk (about 34 MB). */
  private static final int CHUNK_RECORDS = 1 << 14;
  private static final long CHUNK_BYTES = (long) CHUNK_RECORDS * RECORD;
  /** Rounds of sign flips and Hadamard transforms in the rotation. */
  private static final int ROUNDS = 3;
  private static final byte[][] SIGNS = rotationSigns();

  /** The index file is unreadable or torn; rebuild it from the record of the faces. */
  public static final class Corrupt extends RuntimeException {
    Corrupt(String message) {
      super(message);
    }
  }

  private final Path file;
  private final FileChannel channel;
  private final MappedByteBuffer header;
  private final List<MappedByteBuffer> chunks = new ArrayList<>();
  /** Each chunk as little-endian floats, for reading vectors without a copy of the view. */
  private final List<FloatBuffer> chunkFloats = new ArrayList<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ExecutorService executor;
  private final int searchThreads;

  // per slot (a record); guarded by lock
  private long[] codes = new long[0];
  /** The estimator's scale for the slot, NaN for a dead slot (never a candidate). */
  private float[] scale = new float[0];
  private short[] ones = new short[0];
  /** Per slot, the coordinates whose magnitude passes {@link #FINE_THRESHOLD}: the code's second bit. */
  private long[] outer = new long[0];
  private short[] outerOnes = new short[0];
  /** Per slot, the outer coordinates that are positive. */
  private short[] outerPositive = new short[0];
  /** The two-bit estimator's scale for the slot. */
  private float[] fineScale = new float[0];
  private long[] idHigh = new long[0];
  private long[] idLow = new long[0];
  private int slots;
  private int live;
  /** Application id to slot: open addressing over idHigh/idLow, values slot + 1 (0 is empty). */
  private int[] table = new int[1 << 10];

  private FlatFaceIndex(Path file, FileChannel channel, MappedByteBuffer header, int searchThreads) {
    this.file = file;
    this.channel = channel;
    this.header = header;
    this.searchThreads = searchThreads;
    this.executor = searchThreads > 1 ? FaceIndex.searchExecutor(searchThreads, "face-scan") : null;
  }

  /**
   * Opens (or creates) the index in {@code dir}.
   *
   * @param searchThreads threads one search's scan is split over (1: the caller's thread)
   * @throws Corrupt when the file exists but is not a whole index
   */
  public static FlatFaceIndex open(Path dir, int searchThreads) {
    checkArgument(dir != null, "an index directory is required");
    checkArgument(searchThreads >= 1 && searchThreads <= 64, "searchThreads must be in [1, 64]");
    Path file = dir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      boolean fresh = channel.size() == 0;
      MappedByteBuffer header = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER);
      header.order(ByteOrder.LITTLE_ENDIAN);
      if (fresh) {
        header.putLong(0, MAGIC).putInt(8, VERSION).putInt(12, D).putInt(16, RECORD).putLong(24, 0);
        header.force();
      } else if (header.getLong(0) != MAGIC || header.getInt(8) != VERSION || header.getInt(12) != D
          || header.getInt(16) != RECORD) {
        throw new Corrupt(file + " is not a face index of this version");
      }
      FlatFaceIndex index = new FlatFaceIndex(file, channel, header, searchThreads);
      index.load(header.getLong(24));
      return index;
    } catch (IOException e) {
      FaceIndex.closeQuietly(channel);
      throw new UncheckedIOException("cannot open the face index in " + dir, e);
    } catch (RuntimeException e) {
      FaceIndex.closeQuietly(channel);
      throw e;
    }
  }

  /** Reads the committed records back: checks each, rebuilds its code, keeps the newest per id. */
  private void load(long count) throws IOException {
    checkArgument(count >= 0 && count <= Integer.MAX_VALUE, "bad record count");
    long needed = HEADER + count * RECORD;
    if (channel.size() < needed) {
      throw new Corrupt(file + " is shorter than its " + count + " records");
    }
    float[] vector = new float[D];
    for (int slot = 0; slot < count; slot++) {
      ByteBuffer record = record(slot);
      if (checksum(record) != record.getInt(CRC_AT)) {
        throw new Corrupt(file + " record " + slot + " is torn");
      }
      record.asFloatBuffer().get(VECTOR_AT / 4, vector);
      append(new UUID(record.getLong(8), record.getLong(16)), vector, record.get(0) == 1);
    }
  }

  @Override
  public void add(UUID applicationId, String tenantKey, float[] embedding) {
    checkArgument(applicationId != null, "applicationId is required");
    checkArgument(tenantKey != null && !tenantKey.isBlank(), "tenantKey is required");
    byte[] label = tenantKey.getBytes(StandardCharsets.UTF_8);
    checkArgument(label.length <= MAX_LABEL_BYTES, "tenantKey must be at most %s bytes", MAX_LABEL_BYTES);
    float[] unit = FaceIndex.normalised(embedding);
    lock.writeLock().lock();
    try {
      int slot = slots;
      ByteBuffer record = record(slot);
      record.put(0, (byte) 1);
      record.putLong(8, applicationId.getMostSignificantBits()).putLong(16, applicationId.getLeastSignificantBits());
      record.putShort(LABEL_AT, (short) label.length).put(LABEL_AT + 2, label);
      record.asFloatBuffer().put(VECTOR_AT / 4, unit);
      record.putInt(CRC_AT, checksum(record));
      int previous = append(applicationId, unit, true);
      if (previous >= 0) {
        record(previous).put(0, (byte) 0);
      }
      header.putLong(24, slots);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The CRC-32C of a record's id, label and vector (not its live flag, which a replacement clears). */
  private static int checksum(ByteBuffer record) {
    CRC32C crc = new CRC32C();
    crc.update(record.slice(8, CRC_AT - 8));
    return (int) crc.getValue();
  }

  /**
   * Adds a slot for a record already written; returns the slot it replaces, or -1. Caller holds the
   * write lock (or is loading).
   */
  private int append(UUID id, float[] unit, boolean alive) {
    int slot = slots;
    if (slot == scale.length) {
      int capacity = Math.max(1024, slot * 2);
      codes = Arrays.copyOf(codes, capacity * W);
      scale = Arrays.copyOf(scale, capacity);
      ones = Arrays.copyOf(ones, capacity);
      outer = Arrays.copyOf(outer, capacity * W);
      outerOnes = Arrays.copyOf(outerOnes, capacity);
      outerPositive = Arrays.copyOf(outerPositive, capacity);
      fineScale = Arrays.copyOf(fineScale, capacity);
      idHigh = Arrays.copyOf(idHigh, capacity);
      idLow = Arrays.copyOf(idLow, capacity);
    }
    float[] x = rotated(unit);
    double abs = 0;
    double fineAbs = 0;
    int count = 0;
    int outerCount = 0;
    int positiveOuter = 0;
    for (int i = 0; i < D; i++) {
      float magnitude = Math.abs(x[i]);
      abs += magnitude;
      if (x[i] > 0) {
        codes[slot * W + (i >> 6)] |= 1L << (i & 63);
        count++;
      }
      if (magnitude > FINE_THRESHOLD) {
        outer[slot * W + (i >> 6)] |= 1L << (i & 63);
        outerCount++;
        positiveOuter += x[i] > 0 ? 1 : 0;
        fineAbs += FINE_OUTER * magnitude;
      } else {
        fineAbs += magnitude;
      }
    }
    // <x, sign(x)/sqrt(D)> = sum|x_i| / sqrt(D): the estimator divides by it; likewise <x, c> for
    // the two-bit code c_i = sign(x_i) * (1 or FINE_OUTER)
    scale[slot] = alive ? (float) (1 / abs) : Float.NaN;
    ones[slot] = (short) count;
    outerOnes[slot] = (short) outerCount;
    outerPositive[slot] = (short) positiveOuter;
    fineScale[slot] = (float) (1 / fineAbs);
    idHigh[slot] = id.getMostSignificantBits();
    idLow[slot] = id.getLeastSignificantBits();
    slots++;
    if (!alive) {
      return -1;
    }
    live++;
    int previous = put(id, slot);
    if (previous >= 0) {
      scale[previous] = Float.NaN;
      live--;
    }
    return previous;
  }

  /** Maps the id to the slot; returns the slot it was mapped to before, or -1. */
  private int put(UUID id, int slot) {
    if ((live + 1) * 2L > table.length) {
      int[] old = table;
      table = new int[old.length * 2];
      for (int value : old) {
        if (value != 0) {
          table[probe(idHigh[value - 1], idLow[value - 1])] = value;
        }
      }
    }
    int at = probe(id.getMostSignificantBits(), id.getLeastSignificantBits());
    int previous = table[at] - 1;
    table[at] = slot + 1;
    return previous;
  }

  private int slotOf(UUID id) {
    int value = table[probe(id.getMostSignificantBits(), id.getLeastSignificantBits())];
    return value - 1;
  }

  /** The table position holding the id, or the empty one where it would go. */
  private int probe(long high, long low) {
    int mask = table.length - 1;
    long h = (high * 0x9E3779B97F4A7C15L) ^ (low * 0xC2B2AE3D27D4EB4FL);
    int at = (int) (h ^ (h >>> 31)) & mask;
    while (true) {
      int value = table[at];
      if (value == 0 || (idHigh[value - 1] == high && idLow[value - 1] == low)) {
        return at;
      }
      at = (at + 1) & mask;
    }
  }

  @Override
  public List<Hit> search(float[] query, int k, int candidates) {
    checkArgument(k >= 1 && k <= 10_000, "k must be in [1, 10000]");
    checkArgument(candidates >= k && candidates <= MAX_CANDIDATES, "candidates must be in [k, %s]", MAX_CANDIDATES);
    float[] unit = FaceIndex.normalised(query);
    Query q = new Query(rotated(unit));
    // Each thread scans its share of the faces and re-scores its own shortlist: the global best
    // candidates fall about evenly into the shares, so a share keeps its part plus a tenth.
    int share = (int) Math.min(candidates, Math.ceil(candidates * 1.1 / searchThreads));
    return inParts(k, (from, to, parts) -> nearest(unit, q, from, to, parts == 1 ? candidates : share, k));
  }

  /**
   * The at most {@code k} faces whose exact cosine with the query is at least {@code minSimilarity}:
   * a scan that drops a face as soon as an estimate puts it clearly below the threshold. First the
   * signs alone (8 population counts a face): the share of coordinates whose sign differs from the
   * query's estimates the angle between them, and a face more than {@link #ABOVE_SIGMAS} standard
   * deviations of that count past the threshold's angle is dropped ({@link #signLimit}). A stranger
   * survives that about one time in thirty at a threshold of 0.5; those that do are estimated again
   * from the one-bit code ({@link #estimate}) and scored exactly when that estimate is within {@link
   * #ABOVE_MARGIN} of the threshold. No shortlist and no candidates: the cost is about one pass
   * over the signs.
   *
   * <p>{@code candidates} is ignored: the threshold, not a count, decides what is scored.
   */
  @Override
  public List<Hit> searchAbove(float[] query, int k, double minSimilarity, int candidates) {
    checkArgument(k >= 1 && k <= 10_000, "k must be in [1, 10000]");
    checkArgument(minSimilarity >= -1 && minSimilarity <= 1, "minSimilarity must be in [-1, 1]");
    float[] unit = FaceIndex.normalised(query);
    Query q = new Query(rotated(unit));
    return inParts(k, (from, to, parts) -> above(unit, q, from, to, k, minSimilarity));
  }

  /** A search over the slots in [from, to), one of {@code parts}. */
  @FunctionalInterface
  private interface Part {
    Best search(int from, int to, int parts);
  }

  /**
   * The best k of a search run over the whole index, on the caller's thread for a small index, else
   * split into one range of slots per search thread.
   */
  private List<Hit> inParts(int k, Part part) {
    lock.readLock().lock();
    try {
      int n = slots;
      if (executor == null || n < 65_536) {
        return hits(part.search(0, n, 1));
      }
      List<Future<Best>> parts = new ArrayList<>();
      for (int t = 0; t < searchThreads; t++) {
        int from = (int) ((long) n * t / searchThreads);
        int to = (int) ((long) n * (t + 1) / searchThreads);
        parts.add(executor.submit(() -> part.search(from, to, searchThreads)));
      }
      Best best = new Best(k);
      for (Future<Best> future : parts) {
        Best b = future.get();
        for (int i = 0; i < b.size; i++) {
          best.offer(b.slots[i], b.scores[i]);
        }
      }
      return hits(best);
    } catch (ExecutionException e) {
      throw new IllegalStateException("face search failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while searching faces", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Standard deviations of the count of differing signs that {@link #searchAbove}'s first filter
   * allows past the threshold's expected count: a face at the threshold is dropped with a chance
   * of about one in a billion.
   */
  static final double ABOVE_SIGMAS = 6;

  /**
   * How far below the threshold a face's one-bit estimate may be for it still to be scored exactly:
   * the estimate's error near a threshold of 0.5 has a standard deviation of about 0.03 at 512
   * dimensions (docs/identity-graph.md), so this is over six of them.
   */
  static final double ABOVE_MARGIN = 0.2;

  /**
   * The most coordinates whose sign may differ from the query's for a face to pass {@link
   * #searchAbove}'s first filter. A random rotation makes each coordinate's sign differ with
   * chance (angle / pi), so the count for a face at the threshold's angle has mean {@code D p} and
   * variance {@code D p (1 - p)}; a face nearer the query differs less, with a smaller variance.
   */
  static int signLimit(double minSimilarity) {
    double p = Math.acos(Math.max(-1, Math.min(1, minSimilarity))) / Math.PI;
    return (int) Math.min(D, Math.ceil(D * p + ABOVE_SIGMAS * Math.sqrt(D * p * (1 - p))));
  }

  /** The faces at or above the threshold among the slots in [from, to), at most k, scored exactly. */
  private Best above(float[] unit, Query q, int from, int to, int k, double minSimilarity) {
    Best best = new Best(k);
    long[] c = codes;
    long[] sign = q.sign;
    // the query's signs in registers; W is 8 (D = 512)
    long s0 = sign[0];
    long s1 = sign[1];
    long s2 = sign[2];
    long s3 = sign[3];
    long s4 = sign[4];
    long s5 = sign[5];
    long s6 = sign[6];
    long s7 = sign[7];
    int limit = signLimit(minSimilarity);
    double estimateFloor = minSimilarity - ABOVE_MARGIN;
    float[] vector = new float[D];
    for (int slot = from; slot < to; slot++) {
      int base = slot * W;
      int differ = Long.bitCount(c[base] ^ s0) + Long.bitCount(c[base + 1] ^ s1)
          + Long.bitCount(c[base + 2] ^ s2) + Long.bitCount(c[base + 3] ^ s3)
          + Long.bitCount(c[base + 4] ^ s4) + Long.bitCount(c[base + 5] ^ s5)
          + Long.bitCount(c[base + 6] ^ s6) + Long.bitCount(c[base + 7] ^ s7);
      if (differ > limit || !(estimate(q, slot) >= estimateFloor)) { // NaN for a dead slot
        continue;
      }
      float exact = (float) dot(unit, vector(slot, vector));
      if (exact >= minSimilarity) {
        best.offer(slot, exact);
      }
    }
    return best;
  }

  /**
   * The exact top k of the slots in [from, to): the best {@code keep} by the one-bit estimate, the
   * best of those by the two-bit estimate ({@link #fineKeep}), and those scored exactly.
   */
  private Best nearest(float[] unit, Query q, int from, int to, int keep, int k) {
    Shortlist shortlist = scan(q, from, to, keep);
    shortlist.trim();
    return rerank(unit, refine(q, shortlist, fineKeep(keep)), k);
  }

  /** How many of {@code keep} candidates the two-bit estimate passes on to exact scoring. */
  static int fineKeep(int keep) {
    return Math.min(keep, Math.max(FINE_MIN, (int) Math.ceil(keep * FINE_SHARE)));
  }

  /** The best {@code keep} of the shortlist by the two-bit estimate. */
  private Shortlist refine(Query q, Shortlist coarse, int keep) {
    if (keep >= coarse.size) {
      return coarse;
    }
    // room for every candidate: one selection at the end instead of one each time it fills
    Shortlist fine = new Shortlist(keep, coarse.size + 1);
    for (int i = 0; i < coarse.size; i++) {
      int slot = coarse.slots[i];
      fine.offer(slot, fineEstimate(q, slot, coarse.scores[i]));
    }
    fine.trim();
    return fine;
  }

  /**
   * The two-bit estimate of the cosine: {@code <c, q> / <c, x>} for the code {@code c_i =
   * sign(x_i) * (1 or FINE_OUTER)}, with {@code <c, q> = <sign, q> + (FINE_OUTER - 1) * (2 * (the
   * sum of q over positive outer coordinates) - (the sum over outer ones))}. {@code <sign, q>} is
   * the one-bit estimate ({@code coarse}) over its scale. About half the error of the one-bit
   * estimate (docs/identity-graph.md), for 48 population counts a face: spent on the candidates
   * only.
   */
  private float fineEstimate(Query q, int slot, float coarse) {
    int base = slot * W;
    int outerSigned = 0;
    int outerAll = 0;
    long[] p = q.planes;
    for (int w = 0; w < W; w++) {
      long big = outer[base + w];
      long both = codes[base + w] & big;
      for (int b = 0; b < QUERY_BITS; b++) {
        long plane = p[b * W + w];
        outerSigned += Long.bitCount(both & plane) << b;
        outerAll += Long.bitCount(big & plane) << b;
      }
    }
    // the sum of q over a set of coordinates: (its size) * low + step * (its weighted bit count)
    double overBoth = outerPositive[slot] * (double) q.low + q.step * (double) outerSigned;
    double overOuter = outerOnes[slot] * (double) q.low + q.step * (double) outerAll;
    double dot = coarse / scale[slot] + (FINE_OUTER - 1) * (2 * overBoth - overOuter);
    return (float) (dot * fineScale[slot]);
  }

  /**
   * The mean absolute error of the one-bit and of the two-bit estimate of the cosine with every
   * live face, against the exact cosine (for tests).
   */
  double[] estimateErrors(float[] query) {
    float[] unit = FaceIndex.normalised(query);
    Query q = new Query(rotated(unit));
    lock.readLock().lock();
    try {
      Shortlist all = scan(q, 0, slots, Math.max(1, slots));
      double coarse = 0;
      double fine = 0;
      float[] vector = new float[D];
      for (int i = 0; i < all.size; i++) {
        int slot = all.slots[i];
        double exact = dot(unit, vector(slot, vector));
        coarse += Math.abs(all.scores[i] - exact);
        fine += Math.abs(fineEstimate(q, slot, all.scores[i]) - exact);
      }
      return new double[] {coarse / all.size, fine / all.size};
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The shortlist's exact top k, its vectors read in file order (neighbours share pages). */
  private Best rerank(float[] unit, Shortlist shortlist, int k) {
    int[] order = Arrays.copyOf(shortlist.slots, shortlist.size);
    Arrays.sort(order);
    Best exact = new Best(k);
    float[] vector = new float[D];
    for (int slot : order) {
      exact.offer(slot, (float) dot(unit, vector(slot, vector)));
    }
    return exact;
  }

  /**
   * The rotated query, quantised to {@link #QUERY_BITS} bits a coordinate as bit planes. Three, not
   * four: the scan is bound by its population counts, not by reading the codes (a quarter faster
   * at 3), and the candidates lost to the coarser estimate are won back by keeping half as many
   * again, which the two-bit re-estimate makes cheap.
   */
  private static final class Query {
    final long[] planes = new long[QUERY_BITS * W];
    /** The signs of the rotated query, as a face's code holds them. */
    final long[] sign = new long[W];
    final float low;
    final float step;
    final double sum;

    Query(float[] x) {
      float lo = Float.MAX_VALUE;
      float hi = -Float.MAX_VALUE;
      double total = 0;
      for (float v : x) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        total += v;
      }
      low = lo;
      step = Math.max(hi - lo, 1e-12f) / ((1 << QUERY_BITS) - 1);
      sum = total;
      for (int i = 0; i < D; i++) {
        if (x[i] > 0) {
          sign[i >> 6] |= 1L << (i & 63);
        }
        int level = Math.round((x[i] - lo) / step);
        for (int b = 0; b < QUERY_BITS; b++) {
          if ((level >> b & 1) != 0) {
            planes[b * W + (i >> 6)] |= 1L << (i & 63);
          }
        }
      }
    }
  }

  /**
   * The {@code keep} slots in [from, to) with the highest one-bit estimate ({@link #estimate}).
   */
  private Shortlist scan(Query q, int from, int to, int keep) {
    Shortlist best = new Shortlist(keep);
    for (int slot = from; slot < to; slot++) {
      float estimate = estimate(q, slot);
      if (estimate > best.floor) { // false for a dead slot (NaN)
        best.offer(slot, estimate);
      }
    }
    return best;
  }

  /**
   * The one-bit estimate of the slot's cosine with the query: {@code <sign(x), q> / sum|x_i|}, with
   * {@code <sign(x), q>} = 2 * (the sum of q over x's one bits) - sum(q), and the sum over one bits
   * taken from the query's bit planes. NaN for a dead slot.
   */
  private float estimate(Query q, int slot) {
    long[] c = codes;
    long[] p = q.planes;
    int base = slot * W;
    // one running count per query plane, unrolled for QUERY_BITS = 3
    int b0 = 0;
    int b1 = 0;
    int b2 = 0;
    for (int w = 0; w < W; w++) {
      long code = c[base + w];
      b0 += Long.bitCount(code & p[w]);
      b1 += Long.bitCount(code & p[W + w]);
      b2 += Long.bitCount(code & p[2 * W + w]);
    }
    int weighted = b0 + 2 * b1 + 4 * b2;
    return (float) ((2.0 * q.low * ones[slot] + 2.0 * q.step * weighted - q.sum) * scale[slot]);
  }

  /**
   * The best scores offered, at most {@code keep} after {@link #trim()}: a buffer of twice that,
   * cut back to the best {@code keep} (by selection, not sorting) whenever it fills. Each offer is
   * an append; a heap of thousands would spend a search's time sifting.
   */
  private static final class Shortlist {
    final int keep;
    final int[] slots;
    final float[] scores;
    int size;
    /** Scores at or below this cannot be among the best {@code keep}. */
    float floor = Float.NEGATIVE_INFINITY;
    /** Xorshift state for pivots. */
    private long random = 0x9E3779B97F4A7C15L;

    Shortlist(int keep) {
      this(keep, 2 * keep);
    }

    /** A shortlist that holds {@code capacity} offers before it first cuts back to {@code keep}. */
    Shortlist(int keep, int capacity) {
      this.keep = keep;
      slots = new int[Math.max(keep + 1, capacity)];
      scores = new float[slots.length];
    }

    void offer(int slot, float score) {
      if (!(score > floor)) {
        return;
      }
      slots[size] = slot;
      scores[size] = score;
      if (++size == slots.length) {
        trim();
      }
    }

    /** Keeps the best {@code keep} in [0, size) and raises the floor to the lowest of them. */
    void trim() {
      if (size <= keep) {
        return;
      }
      int lo = 0;
      int hi = size - 1;
      int want = keep - 1; // the position that must hold the keep-th best
      while (lo < hi) {
        // a pseudo-random pivot: after a trim the keep-th place holds the floor, the worst pivot
        // there is when it is also the middle
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        int p = partition(lo, hi, lo + (int) Long.remainderUnsigned(random, hi - lo + 1));
        if (p == want) {
          break;
        } else if (p < want) {
          lo = p + 1;
        } else {
          hi = p - 1;
        }
      }
      size = keep;
      float lowest = scores[0];
      for (int i = 1; i < keep; i++) {
        lowest = Math.min(lowest, scores[i]);
      }
      floor = lowest;
    }

    /** Partitions [lo, hi] around the pivot's score, higher first; returns the pivot's place. */
    private int partition(int lo, int hi, int pivot) {
      float value = scores[pivot];
      swap(pivot, hi);
      int store = lo;
      for (int i = lo; i < hi; i++) {
        if (scores[i] > value) {
          swap(i, store++);
        }
      }
      swap(store, hi);
      return store;
    }

    private void swap(int a, int b) {
      float s = scores[a];
      scores[a] = scores[b];
      scores[b] = s;
      int t = slots[a];
      slots[a] = slots[b];
      slots[b] = t;
    }
  }

  /** The best scores offered, at most a capacity: a min-heap on score. */
  private static final class Best {
    final int[] slots;
    final float[] scores;
    int size;
    /** Scores at or below this cannot enter. */
    float floor = Float.NEGATIVE_INFINITY;

    Best(int capacity) {
      slots = new int[capacity];
      scores = new float[capacity];
    }

    void offer(int slot, float score) {
      if (size < slots.length) {
        int i = size++;
        while (i > 0) {
          int parent = (i - 1) >> 1;
          if (scores[parent] <= score) {
            break;
          }
          scores[i] = scores[parent];
          slots[i] = slots[parent];
          i = parent;
        }
        scores[i] = score;
        slots[i] = slot;
        if (size == slots.length) {
          floor = scores[0];
        }
        return;
      }
      if (!(score > scores[0])) {
        return;
      }
      int i = 0;
      while (true) {
        int left = 2 * i + 1;
        if (left >= size) {
          break;
        }
        int child = left + 1 < size && scores[left + 1] < scores[left] ? left + 1 : left;
        if (scores[child] >= score) {
          break;
        }
        scores[i] = scores[child];
        slots[i] = slots[child];
        i = child;
      }
      scores[i] = score;
      slots[i] = slot;
      floor = scores[0];
    }
  }

  @Override
  public List<Hit> exactSearch(float[] query, int k) {
    checkArgument(k >= 1 && k <= 10_000, "k must be in [1, 10000]");
    float[] unit = FaceIndex.normalised(query);
    lock.readLock().lock();
    try {
      Best best = new Best(k);
      float[] vector = new float[D];
      for (int slot = 0; slot < slots; slot++) {
        if (!Float.isNaN(scale[slot])) {
          best.offer(slot, (float) dot(unit, vector(slot, vector)));
        }
      }
      return hits(best);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The hits in a heap of exact scores, best first; caller holds a lock. */
  private List<Hit> hits(Best best) {
    Integer[] order = new Integer[best.size];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(best.scores[b], best.scores[a]));
    List<Hit> hits = new ArrayList<>(order.length);
    for (int i : order) {
      int slot = best.slots[i];
      ByteBuffer record = record(slot);
      byte[] label = new byte[record.getShort(LABEL_AT)];
      record.get(LABEL_AT + 2, label);
      hits.add(new Hit(new UUID(idHigh[slot], idLow[slot]), new String(label, StandardCharsets.UTF_8), best.scores[i]));
    }
    return hits;
  }

  /** The float vector of a slot, into {@code out}. */
  private float[] vector(int slot, float[] out) {
    // a slot's chunk is mapped when the slot is added, before any search can see it
    int at = ((slot % CHUNK_RECORDS) * RECORD + VECTOR_AT) / 4;
    chunkFloats.get(slot / CHUNK_RECORDS).get(at, out);
    return out;
  }

  /** Whether the index holds a face for the application. */
  public boolean contains(UUID applicationId) {
    return underReadLock(() -> slotOf(applicationId) >= 0);
  }

  @Override
  public int size() {
    return underReadLock(() -> live);
  }

  private <T> T underReadLock(java.util.function.Supplier<T> read) {
    lock.readLock().lock();
    try {
      return read.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void commit() {
    lock.writeLock().lock();
    try {
      for (MappedByteBuffer chunk : chunks) {
        chunk.force();
      }
      header.force();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    try {
      commit();
    } finally {
      if (executor != null) {
        executor.shutdown();
      }
      FaceIndex.closeQuietly(channel);
    }
  }

  /** A little-endian view of a slot's record (mapping its chunk when it is the first). */
  private ByteBuffer record(int slot) {
    int chunk = slot / CHUNK_RECORDS;
    if (chunk >= chunks.size()) {
      synchronized (chunks) {
        while (chunk >= chunks.size()) {
          try {
            MappedByteBuffer mapped =
                channel.map(FileChannel.MapMode.READ_WRITE, HEADER + chunks.size() * CHUNK_BYTES, CHUNK_BYTES);
            chunks.add(mapped);
            chunkFloats.add(mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
          } catch (IOException e) {
            throw new UncheckedIOException("cannot map the face index " + file, e);
          }
        }
      }
    }
    int at = (slot % CHUNK_RECORDS) * RECORD;
    return chunks.get(chunk).slice(at, RECORD).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The rotation: {@link #ROUNDS} rounds of fixed random sign flips, each then a normalised Hadamard transform. */
  static float[] rotated(float[] unit) {
    float[] x = unit.clone();
    float norm = (float) (1 / Math.sqrt(D));
    for (byte[] signs : SIGNS) {
      for (int i = 0; i < D; i++) {
        x[i] *= signs[i];
      }
      for (int half = 1; half < D; half <<= 1) {
        for (int i = 0; i < D; i += half << 1) {
          for (int j = i; j < i + half; j++) {
            float a = x[j];
            float b = x[j + half];
            x[j] = a + b;
            x[j + half] = a - b;
          }
        }
      }
      for (int i = 0; i < D; i++) {
        x[i] *= norm;
      }
    }
    return x;
  }

  /** Fixed signs: the codes depend on them, so they never change for a file version. */
  private static byte[][] rotationSigns() {
    SplittableRandom random = new SplittableRandom(0x0B0FA1DEL);
    byte[][] signs = new byte[ROUNDS][D];
    for (byte[] round : signs) {
      for (int i = 0; i < D; i++) {
        round[i] = (byte) (random.nextBoolean() ? 1 : -1);
      }
    }
    return signs;
  }

  /** The dot product over eight running sums (independent additions, several per cycle). */
  static double dot(float[] a, float[] b) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    for (int i = 0; i < D; i += 8) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
      s4 += a[i + 4] * b[i + 4];
      s5 += a[i + 5] * b[i + 5];
      s6 += a[i + 6] * b[i + 6];
      s7 += a[i + 7] * b[i + 7];
    }
    return ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
  }
}
