package org.bonafide.identitygraph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Exact 1:N search: every stored face compared with the query. The faces are read from the
 * database once, on first use, and kept in memory (2 KB a face); recorded faces are appended.
 * Right at any size, linear in the number of faces: the baseline an approximate index is measured
 * against, and the service's search until one replaces it.
 */
final class ExactFaceSearch implements FaceSearch {
  private final GraphRepository repository;
  private List<GraphRepository.StoredFace> faces;

  ExactFaceSearch(GraphRepository repository) {
    this.repository = repository;
  }

  private synchronized List<GraphRepository.StoredFace> faces() {
    if (faces == null) {
      List<GraphRepository.StoredFace> loaded = new ArrayList<>();
      repository.eachFace(loaded::add);
      faces = loaded;
    }
    return faces;
  }

  @Override
  public synchronized void add(GraphRepository.StoredFace face) {
    if (faces != null) {
      faces.add(face);
    }
  }

  @Override
  public List<Match> nearest(float[] query, int k) {
    List<GraphRepository.StoredFace> snapshot;
    synchronized (this) {
      snapshot = List.copyOf(faces());
    }
    PriorityQueue<Match> best = new PriorityQueue<>(Comparator.comparingDouble(Match::similarity));
    for (GraphRepository.StoredFace f : snapshot) {
      double similarity = IdentityGraph.similarity(query, f.embedding());
      if (best.size() < k || similarity > best.peek().similarity()) {
        best.add(new Match(f.application(), f.tenant(), f.identityKey(), similarity));
        if (best.size() > k) {
          best.poll();
        }
      }
    }
    List<Match> sorted = new ArrayList<>(best);
    sorted.sort(Comparator.comparingDouble(Match::similarity).reversed());
    return sorted;
  }
}
