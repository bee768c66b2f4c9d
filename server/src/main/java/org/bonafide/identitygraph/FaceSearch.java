package org.bonafide.identitygraph;

import java.util.List;
import java.util.UUID;

/** 1:N search over the graph's faces. */
interface FaceSearch {
  /**
   * One face found.
   *
   * @param similarity cosine similarity with the query (embeddings are L2-normalised)
   */
  record Match(UUID application, UUID tenant, byte[] identityKey, double similarity) {}

  /** Makes a recorded face searchable. */
  void add(GraphRepository.StoredFace face);

  /**
   * The at most {@code k} faces whose similarity with the query is at least {@code minSimilarity},
   * nearest first: an identification against the match threshold.
   */
  List<Match> matching(float[] query, int k, double minSimilarity);
}
