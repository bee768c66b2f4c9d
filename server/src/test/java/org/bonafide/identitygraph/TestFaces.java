package org.bonafide.identitygraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/** Made embeddings and checks shared by the face index engines' tests. */
final class TestFaces {
  private TestFaces() {}

  static float[] randomUnit(Random random) {
    float[] v = new float[FaceVectorIndex.DIMENSION];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return FaceIndex.normalised(v);
  }

  /** A copy of {@code v} with Gaussian noise whose norm is about {@code amount}. */
  static float[] noisy(float[] v, double amount, Random random) {
    float[] out = new float[v.length];
    double sigma = amount / Math.sqrt(v.length);
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] + sigma * random.nextGaussian());
    }
    return FaceIndex.normalised(out);
  }

  static Set<UUID> ids(List<FaceVectorIndex.Hit> hits) {
    return hits.stream().map(FaceVectorIndex.Hit::applicationId).collect(Collectors.toCollection(HashSet::new));
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  /**
   * Two writers add {@code perWriter} faces each, each finding its face right after adding it,
   * while a third thread searches; then every face is there and found.
   */
  static void concurrentAddsAndSearchesLoseNothing(FaceVectorIndex index, int perWriter, int candidates)
      throws Exception {
    List<UUID> added = Collections.synchronizedList(new ArrayList<>());
    List<float[]> faces = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        work.add(
            pool.submit(
                () -> {
                  Random random = new Random(100 + writer);
                  for (int i = 0; i < perWriter; i++) {
                    UUID id = UUID.randomUUID();
                    float[] face = randomUnit(random);
                    index.add(id, "w" + writer, face);
                    // a search right after an add sees it
                    assertThat(index.search(face, 1, candidates).get(0).applicationId()).isEqualTo(id);
                    synchronized (added) {
                      added.add(id);
                      faces.add(face);
                    }
                  }
                }));
      }
      work.add(
          pool.submit(
              () -> {
                Random random = new Random(99);
                for (int i = 0; i < 200; i++) {
                  assertThat(index.search(randomUnit(random), 10, candidates)).hasSizeLessThanOrEqualTo(10);
                }
              }));
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(index.size()).isEqualTo(2 * perWriter);
    for (int i = 0; i < added.size(); i += 37) {
      assertThat(index.search(faces.get(i), 1, candidates).get(0).applicationId()).isEqualTo(added.get(i));
    }
  }
}
