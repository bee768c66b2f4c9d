package org.bonafide.identitygraph;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An on-disk 1:N index of face embeddings, one per application: what the identity graph needs from
 * an index engine. Embeddings have {@link #DIMENSION} components and are L2-normalised on the way
 * in, so a hit's similarity is the cosine of the two faces, in [-1, 1]. Adding a face for an
 * application that already has one replaces it; a search sees every face added before it started.
 * Implementations are thread-safe.
 */
public interface FaceVectorIndex extends AutoCloseable {

  /** Components of an embedding (ArcFace-style face recognition models). */
  int DIMENSION = 512;

  /** A face found by a search: its application, that application's label, and the cosine. */
  record Hit(UUID applicationId, String tenantKey, double similarity) {
    public Hit {
      Objects.requireNonNull(applicationId, "applicationId");
      Objects.requireNonNull(tenantKey, "tenantKey");
    }
  }

  /**
   * Indexes the face of an application under a label (the graph's tenant and identity), replacing
   * any face the application had.
   *
   * @throws IllegalArgumentException when an argument is missing, the embedding has the wrong
   *     dimension, a component is not finite, or the embedding is all zeros
   */
  void add(UUID applicationId, String tenantKey, float[] embedding);

  /**
   * The {@code k} indexed faces most similar to {@code query}, approximately, most similar first;
   * {@code candidates} (at least k) is the engine's recall-against-latency knob.
   */
  List<Hit> search(float[] query, int k, int candidates);

  /**
   * The at most {@code k} indexed faces whose cosine with {@code query} is at least {@code
   * minSimilarity}, most similar first: an identification against a match threshold, what the
   * identity graph asks. Faces far below the threshold need not be scored, so an engine may answer
   * this faster than {@link #search}. This default asks {@link #search} with {@code candidates} and
   * keeps the hits at or above the threshold.
   */
  default List<Hit> searchAbove(float[] query, int k, double minSimilarity, int candidates) {
    return search(query, k, Math.max(k, candidates)).stream()
        .filter(hit -> hit.similarity() >= minSimilarity)
        .toList();
  }

  /** The candidates a search explores by default at the index's present size. */
  int defaultCandidates();

  /** The most candidates a search may explore. */
  int maxCandidates();

  /** The {@code k} faces most similar to {@code query}, exactly; linear, for measuring recall. */
  List<Hit> exactSearch(float[] query, int k);

  /** The number of faces in the index (one per application). */
  int size();

  /** Makes every face added so far durable: it survives a crash or a restart. */
  void commit();

  /** Commits and releases the index's files; the index cannot be used afterwards. */
  @Override
  void close();
}
