package org.bonafide.identitygraph;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * An on-disk 1:N index of face embeddings, one per application, searched approximately with an
 * HNSW graph (Lucene) and, for measuring that approximation, exactly by brute force.
 *
 * <p>Embeddings have {@link #DIMENSION} components; they are L2-normalised on the way in, so the
 * similarity of two faces is their cosine (the dot product of the normalised vectors), in [-1, 1].
 * Adding a face for an application that already has one replaces it. Searches see every face added
 * before they start: the faces added since the reader was last refreshed wait in a small pending
 * set that every search also compares exactly, and the reader is refreshed once {@link
 * #REFRESH_EVERY} faces wait there. Refreshing after every face would flush a one-face segment
 * (with its own graph) each time, to be searched and merged again and again: the cost that made a
 * bulk load slow. Faces survive a restart once {@link #commit()} (or {@link #close()}) returned.
 *
 * <p>Thread-safe: any number of threads may add and search at once.
 */
public final class FaceIndex implements FaceVectorIndex {

  /** Neighbours per graph node: more links, better recall on hard (high-dimensional) data. */
  static final int MAX_CONN = 32;

  /** Candidates considered while linking a new node; more costs build time, buys graph quality. */
  static final int BEAM_WIDTH = 200;

  /** The approximate search explores at least this many candidates per segment, then keeps k. */
  public static final int DEFAULT_CANDIDATES = 320;

  /** The most candidates a search may explore. */
  public static final int MAX_CANDIDATES = 10_000;

  /**
   * Faces that may wait, searched exactly, before the reader is refreshed: a search compares them
   * all (at most this many dot products, well under a millisecond).
   */
  public static final int REFRESH_EVERY = 1024;

  /** Default in-memory buffer before a segment is flushed; bigger means fewer, larger graphs. */
  public static final int DEFAULT_RAM_BUFFER_MB = 256;

  /**
   * How the HNSW graph is built.
   *
   * @param maxConn neighbours per node on the upper layers (twice as many on the bottom one)
   * @param beamWidth candidates considered while linking a new node
   * @param quantized whether the graph is built and searched over 7-bit scalar-quantised copies of
   *     the vectors (a quarter of the memory, faster distances); the float vectors are kept and the
   *     candidates a search returns are re-scored exactly with them
   * @param ramBufferMb heap the writer holds before it flushes a segment
   * @param searchThreads threads one search spreads the index's segments over (1: the caller's
   *     thread only); more cuts a single search's latency on an idle machine, not the throughput
   */
  public record Settings(int maxConn, int beamWidth, boolean quantized, int ramBufferMb, int searchThreads) {
    /** What the service uses. */
    public static final Settings DEFAULT = new Settings(MAX_CONN, BEAM_WIDTH, false, DEFAULT_RAM_BUFFER_MB, 1);

    public Settings {
      checkArgument(maxConn >= 4 && maxConn <= 512, "maxConn must be in [4, 512]");
      checkArgument(beamWidth >= 8 && beamWidth <= 3200, "beamWidth must be in [8, 3200]");
      checkArgument(ramBufferMb >= 16 && ramBufferMb <= 2047, "ramBufferMb must be in [16, 2047]");
      checkArgument(searchThreads >= 1 && searchThreads <= 64, "searchThreads must be in [1, 64]");
    }

    /** These settings with another RAM buffer. */
    public Settings withRamBufferMb(int mb) {
      return new Settings(maxConn, beamWidth, quantized, mb, searchThreads);
    }
  }

  private static final String ID = "application";
  private static final String TENANT = "tenant";
  private static final String VECTOR = "face";

  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  /** Counts changes; a full refresh happens only when it moved since the last one. */
  private final AtomicLong changes = new AtomicLong();
  private volatile long refreshedAt;

  /** A face added since the last refresh: searched exactly until a refresh makes it visible. */
  private record Pending(UUID applicationId, String tenantKey, float[] unit, long sequence) {}

  /** Faces not yet in the reader, by application, in the order added; guarded by itself. */
  private final LinkedHashMap<UUID, Pending> pending = new LinkedHashMap<>();

  /** Numbers the pending faces; guarded by {@link #pending}. */
  private long sequence;

  private final boolean quantized;
  /** Searches a query's segments in parallel; null when one thread searches them all. */
  private final ExecutorService executor;

  private FaceIndex(
      FSDirectory directory, IndexWriter writer, SearcherManager searchers, boolean quantized, ExecutorService executor) {
    this.quantized = quantized;
    this.executor = executor;
    this.directory = directory;
    this.writer = writer;
    this.searchers = searchers;
  }

  /** Opens (or creates) the index in {@code dir} with the default in-memory buffer. */
  public static FaceIndex open(Path dir) {
    return open(dir, Settings.DEFAULT);
  }

  /**
   * Opens (or creates) the index in {@code dir}; {@code ramBufferMb} bounds the heap the writer
   * holds before it flushes a segment (bulk loads go faster with a larger one).
   */
  public static FaceIndex open(Path dir, int ramBufferMb) {
    return open(dir, Settings.DEFAULT.withRamBufferMb(ramBufferMb));
  }

  /** Opens (or creates) the index in {@code dir}, building its graph with {@code settings}. */
  public static FaceIndex open(Path dir, Settings settings) {
    checkArgument(dir != null, "an index directory is required");
    checkArgument(settings != null, "settings are required");
    FSDirectory directory = null;
    try {
      Files.createDirectories(dir);
      directory = FSDirectory.open(dir);
      IndexWriterConfig config = new IndexWriterConfig();
      config.setCodec(new FaceCodec(settings));
      config.setRAMBufferSizeMB(settings.ramBufferMb());
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      IndexWriter writer = new IndexWriter(directory, config);
      ExecutorService executor = settings.searchThreads() > 1 ? searchExecutor(settings.searchThreads(), "face-search") : null;
      SearcherFactory factory =
          new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
              return new IndexSearcher(reader, executor);
            }
          };
      return new FaceIndex(directory, writer, new SearcherManager(writer, factory), settings.quantized(), executor);
    } catch (IOException e) {
      closeQuietly(directory);
      throw new UncheckedIOException("cannot open the face index in " + dir, e);
    }
  }

  /**
   * Indexes the face of an application, replacing any face the application had.
   *
   * @throws IllegalArgumentException when an argument is missing, the embedding has the wrong
   *     dimension, a component is not finite, or the embedding is all zeros
   */
  @Override
  public void add(UUID applicationId, String tenantKey, float[] embedding) {
    checkArgument(applicationId != null, "applicationId is required");
    checkArgument(tenantKey != null && !tenantKey.isBlank(), "tenantKey is required");
    float[] unit = normalised(embedding);
    Document doc = new Document();
    doc.add(new StringField(ID, applicationId.toString(), Field.Store.YES));
    doc.add(new StoredField(TENANT, tenantKey));
    doc.add(new KnnFloatVectorField(VECTOR, unit, VectorSimilarityFunction.DOT_PRODUCT));
    try {
      writer.updateDocument(new Term(ID, applicationId.toString()), doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add a face to the index", e);
    }
    // in the writer before it is numbered: a refresh that starts after this sees it
    synchronized (pending) {
      pending.remove(applicationId);
      pending.put(applicationId, new Pending(applicationId, tenantKey, unit, ++sequence));
    }
    changes.incrementAndGet();
  }

  /**
   * The {@code k} indexed faces most similar to {@code query}, approximately (HNSW), most similar
   * first.
   */
  public List<Hit> search(float[] query, int k) {
    return search(query, k, Math.max(k, DEFAULT_CANDIDATES));
  }

  /**
   * As {@link #search(float[], int)}, exploring {@code candidates} (at least k) per index segment:
   * more candidates, better recall, slower search.
   */
  @Override
  public List<Hit> search(float[] query, int k, int candidates) {
    checkArgument(k >= 1 && k <= 10_000, "k must be in [1, 10000]");
    checkArgument(candidates >= k && candidates <= MAX_CANDIDATES, "candidates must be in [k, %s]", MAX_CANDIDATES);
    float[] unit = normalised(query);
    if (pendingCount() >= REFRESH_EVERY) {
      refresh();
    }
    // the pending faces before the reader: a refresh in between makes a face visible in both (the
    // duplicate is dropped below), never in neither
    Pending[] waiting = pendingSnapshot();
    IndexSearcher searcher = current();
    try {
      // Lucene keeps the best candidates per segment; exploring more than k is what buys recall.
      TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, unit, candidates), candidates);
      ScoreDoc[] found = top.scoreDocs;
      if (quantized) {
        found = rescored(searcher, unit, found);
      }
      StoredFields stored = searcher.storedFields();
      Map<UUID, Hit> byApplication = new HashMap<>();
      for (Pending p : waiting) {
        byApplication.put(p.applicationId(), new Hit(p.applicationId(), p.tenantKey(), dot(unit, p.unit())));
      }
      for (ScoreDoc sd : found) {
        Document doc = stored.document(sd.doc);
        // DOT_PRODUCT scores are (1 + cosine) / 2; a pending face (newer) wins over its old one
        UUID id = UUID.fromString(doc.get(ID));
        byApplication.putIfAbsent(id, new Hit(id, doc.get(TENANT), 2.0 * sd.score - 1.0));
      }
      List<Hit> hits = new ArrayList<>(byApplication.values());
      hits.sort(Comparator.comparingDouble(Hit::similarity).reversed());
      return hits.size() > k ? new ArrayList<>(hits.subList(0, k)) : hits;
    } catch (IOException e) {
      throw new UncheckedIOException("face search failed", e);
    } finally {
      release(searcher);
    }
  }

  @Override
  public int defaultCandidates() {
    return DEFAULT_CANDIDATES;
  }

  @Override
  public int maxCandidates() {
    return MAX_CANDIDATES;
  }

  /**
   * The candidates of a quantised search scored again with their float vectors (the quantised
   * scores order near neighbours only roughly), best first, as DOT_PRODUCT scores.
   */
  private static ScoreDoc[] rescored(IndexSearcher searcher, float[] unit, ScoreDoc[] candidates)
      throws IOException {
    ScoreDoc[] byDoc = candidates.clone();
    Arrays.sort(byDoc, Comparator.comparingInt(sd -> sd.doc));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    ScoreDoc[] out = new ScoreDoc[byDoc.length];
    int leafIndex = -1;
    FloatVectorValues vectors = null;
    LeafReaderContext leaf = null;
    for (int i = 0; i < byDoc.length; i++) {
      int doc = byDoc[i].doc;
      int at = ReaderUtil.subIndex(doc, leaves);
      if (at != leafIndex) {
        leafIndex = at;
        leaf = leaves.get(at);
        vectors = leaf.reader().getFloatVectorValues(VECTOR);
      }
      double similarity = dot(unit, vector(vectors, doc - leaf.docBase));
      out[i] = new ScoreDoc(doc, (float) ((1 + similarity) / 2));
    }
    Arrays.sort(out, (a, b) -> Float.compare(b.score, a.score));
    return out;
  }

  private static float[] vector(FloatVectorValues vectors, int leafDoc) throws IOException {
    int at = vectors.docID() < leafDoc ? vectors.advance(leafDoc) : vectors.docID();
    if (at != leafDoc) {
      throw new IllegalStateException("a searched face has no stored vector");
    }
    return vectors.vectorValue();
  }

  /**
   * Merges the index down to at most {@code maxSegments} segments, so a search walks fewer graphs;
   * a bulk load's last step. Slow: the merged graph is rebuilt.
   */
  public void merge(int maxSegments) {
    checkArgument(maxSegments >= 1, "maxSegments must be at least 1");
    try {
      writer.forceMerge(maxSegments);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge the face index", e);
    }
    changes.incrementAndGet();
  }

  /** The number of segments (each with its own graph) a search walks now. */
  public int segments() {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().leaves().size();
    } finally {
      release(searcher);
    }
  }

  /**
   * The {@code k} indexed faces most similar to {@code query}, exactly: every stored vector is
   * compared. Linear in the index size; meant for measuring the approximate search's recall.
   */
  @Override
  public List<Hit> exactSearch(float[] query, int k) {
    checkArgument(k >= 1 && k <= 10_000, "k must be in [1, 10000]");
    float[] unit = normalised(query);
    IndexSearcher searcher = acquire();
    try {
      record Scored(int doc, double similarity) {}
      PriorityQueue<Scored> best = new PriorityQueue<>(Comparator.comparingDouble(Scored::similarity));
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        LeafReader reader = leaf.reader();
        FloatVectorValues vectors = reader.getFloatVectorValues(VECTOR);
        if (vectors == null) {
          continue;
        }
        Bits live = reader.getLiveDocs();
        for (int doc = vectors.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = vectors.nextDoc()) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          double similarity = dot(unit, vectors.vectorValue());
          if (best.size() < k) {
            best.add(new Scored(leaf.docBase + doc, similarity));
          } else if (similarity > best.peek().similarity()) {
            best.poll();
            best.add(new Scored(leaf.docBase + doc, similarity));
          }
        }
      }
      List<Scored> sorted = new ArrayList<>(best);
      sorted.sort(Comparator.comparingDouble(Scored::similarity).reversed());
      StoredFields stored = searcher.storedFields();
      List<Hit> hits = new ArrayList<>(sorted.size());
      for (Scored s : sorted) {
        Document doc = stored.document(s.doc());
        hits.add(new Hit(UUID.fromString(doc.get(ID)), doc.get(TENANT), s.similarity()));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("exact face search failed", e);
    } finally {
      release(searcher);
    }
  }

  /** The number of faces in the index (one per application), including uncommitted ones. */
  @Override
  public int size() {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      release(searcher);
    }
  }

  /** Makes every face added so far durable: it survives a crash or a restart. */
  @Override
  public void commit() {
    try {
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the face index", e);
    }
  }

  /** Commits and releases the index's files; the index cannot be used afterwards. */
  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the face index", e);
    } finally {
      if (executor != null) {
        executor.shutdown();
      }
      closeQuietly(directory);
    }
  }

  /** A reader that sees every face added so far (refreshed first when anything was added since). */
  private IndexSearcher acquire() {
    if (changes.get() != refreshedAt) {
      refresh();
    }
    return current();
  }

  /**
   * Refreshes the reader so that it sees every face added before this call, and drops those faces
   * from the pending set. Blocking; concurrent callers share one refresh.
   */
  private void refresh() {
    long seen = changes.get();
    long upTo;
    synchronized (pending) {
      upTo = sequence;
    }
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot refresh the face index reader", e);
    }
    synchronized (pending) {
      pending.values().removeIf(p -> p.sequence() <= upTo);
    }
    refreshedAt = seen;
  }

  /** The reader as last refreshed. */
  private IndexSearcher current() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot acquire the face index reader", e);
    }
  }

  private int pendingCount() {
    synchronized (pending) {
      return pending.size();
    }
  }

  private Pending[] pendingSnapshot() {
    synchronized (pending) {
      return pending.values().toArray(new Pending[0]);
    }
  }

  private void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the face index reader", e);
    }
  }

  /** A pool of daemon threads named {@code name-1}, {@code name-2}, ... for splitting one search. */
  static ExecutorService searchExecutor(int threads, String name) {
    AtomicLong number = new AtomicLong();
    return Executors.newFixedThreadPool(
        threads,
        task -> {
          Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** A validated unit-length copy of an embedding. */
  static float[] normalised(float[] embedding) {
    checkArgument(embedding != null, "an embedding is required");
    checkArgument(
        embedding.length == DIMENSION,
        "an embedding must have %s components, not %s", DIMENSION, embedding.length);
    double norm = 0;
    for (float x : embedding) {
      checkArgument(Float.isFinite(x), "an embedding's components must be finite numbers");
      norm += (double) x * x;
    }
    norm = Math.sqrt(norm);
    checkArgument(norm > 1e-6, "an embedding must not be all zeros");
    float[] unit = new float[embedding.length];
    for (int i = 0; i < unit.length; i++) {
      unit[i] = (float) (embedding[i] / norm);
    }
    return unit;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Closes a file or folder handle on a path that is already failing or closing. */
  static void closeQuietly(java.io.Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Already failing or closing: the first error is the one worth reporting.
    }
  }

  /** The default codec with the face field's HNSW graph built with the given settings. */
  private static final class FaceCodec extends Lucene912Codec {
    private final KnnVectorsFormat faces;

    FaceCodec(Settings settings) {
      faces =
          settings.quantized()
              ? new Lucene99HnswScalarQuantizedVectorsFormat(
                  settings.maxConn(), settings.beamWidth(), 1, 7, false, null, null)
              : new Lucene99HnswVectorsFormat(settings.maxConn(), settings.beamWidth());
    }

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
      return faces;
    }
  }
}
