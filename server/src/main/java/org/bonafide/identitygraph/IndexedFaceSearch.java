package org.bonafide.identitygraph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's 1:N face search: a {@link FaceVectorIndex} on disk in the data folder, the flat scan
 * ({@link FlatFaceIndex}, the default) or the HNSW graph ({@link FaceIndex}), each in its own folder
 * under {@code <data-dir>/face-index}. The database stays the record: on start, an index that is
 * torn or whose size differs from the stored faces' count (first start, a crash before a commit, a
 * restored backup, a switch of engine) is rebuilt from the database, and the time it took is
 * logged. Each indexed face carries its tenant and identity as its label, so a match needs no
 * database read.
 */
final class IndexedFaceSearch implements FaceSearch, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IndexedFaceSearch.class);
  /** Faces added between two commits of the index. */
  static final int COMMIT_EVERY = 1000;

  private final FaceVectorIndex index;
  /** Candidates per search as set, or null: the index's default (the flat one's grows with it). */
  private final Integer candidates;
  private final AtomicInteger uncommitted = new AtomicInteger();

  IndexedFaceSearch(Path root, GraphRepository repository, GraphProperties.FaceIndexSettings settings) {
    boolean flat = settings.flat();
    int limit = flat ? FlatFaceIndex.MAX_CANDIDATES : FaceIndex.MAX_CANDIDATES;
    this.candidates = settings.getCandidates();
    com.google.common.base.Preconditions.checkArgument(
        candidates == null || (candidates >= 10 && candidates <= limit), "face-index.candidates must be in [10, %s]", limit);
    FaceIndex.Settings hnsw = settings.settings();
    Path dir = root.resolve(flat ? "flat" : "hnsw");
    java.util.function.Supplier<FaceVectorIndex> open =
        () -> flat ? FlatFaceIndex.open(dir, hnsw.searchThreads()) : FaceIndex.open(dir, hnsw);
    FaceVectorIndex opened;
    try {
      opened = open.get();
    } catch (FlatFaceIndex.Corrupt e) {
      log.warn("Face index in {} cannot be read ({}): rebuilding", dir, e.getMessage());
      deleteRecursively(dir);
      opened = open.get();
    }
    long stored = repository.faceCount();
    if (opened.size() != stored) {
      long start = System.nanoTime();
      log.info("Face index in {} holds {} faces, the database {}: rebuilding", dir, opened.size(), stored);
      opened.close();
      deleteRecursively(dir);
      opened = open.get();
      FaceVectorIndex index = opened;
      int[] added = {0};
      repository.eachFace(
          f -> {
            index.add(f.application(), label(f.tenant(), f.identityKey()), f.embedding());
            if (++added[0] % 100_000 == 0) {
              log.info("Face index: {} of {} faces", added[0], stored);
            }
          });
      index.commit();
      log.info("Face index rebuilt: {} faces in {} s", added[0], String.format("%.1f", (System.nanoTime() - start) / 1e9));
    }
    this.index = opened;
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = java.nio.file.Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot clear the face index in " + dir, e);
    }
  }

  @Override
  public void add(GraphRepository.StoredFace face) {
    index.add(face.application(), label(face.tenant(), face.identityKey()), face.embedding());
    if (uncommitted.incrementAndGet() >= COMMIT_EVERY) {
      uncommitted.set(0);
      index.commit();
    }
  }

  @Override
  public List<Match> matching(float[] query, int k, double minSimilarity) {
    List<Match> matches = new ArrayList<>();
    int explore = candidates != null ? candidates : index.defaultCandidates();
    for (FaceVectorIndex.Hit hit : index.searchAbove(query, k, minSimilarity, Math.max(k, explore))) {
      String[] parts = hit.tenantKey().split("\\|", -1);
      byte[] identity = parts[1].isEmpty() ? null : HexFormat.of().parseHex(parts[1]);
      matches.add(new Match(hit.applicationId(), UUID.fromString(parts[0]), identity, hit.similarity()));
    }
    return matches;
  }

  private static String label(UUID tenant, byte[] identity) {
    return tenant + "|" + (identity == null ? "" : HexFormat.of().formatHex(identity));
  }

  @Override
  public void close() {
    index.commit();
    index.close();
  }
}
