package org.bonafide.identitygraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.bonafide.identitygraph.TestFaces.cosine;
import static org.bonafide.identitygraph.TestFaces.ids;
import static org.bonafide.identitygraph.TestFaces.noisy;
import static org.bonafide.identitygraph.TestFaces.randomUnit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The face index against brute force, on synthetic unit vectors whose answers are known. */
class FaceIndexTest {
  @TempDir Path dir;

  @Test
  void approximateSearchFindsWhatExactSearchFinds() {
    Random random = new Random(7);
    List<float[]> stored = new ArrayList<>();
    try (FaceIndex index = FaceIndex.open(dir)) {
      // Identities with a few samples each, like a population of applicants who re-apply.
      for (int identity = 0; identity < 1500; identity++) {
        float[] centre = randomUnit(random);
        int samples = 1 + random.nextInt(3);
        for (int s = 0; s < samples; s++) {
          float[] face = noisy(centre, 0.8, random);
          stored.add(face);
          index.add(UUID.randomUUID(), "tenant-" + (identity % 5), face);
        }
      }
      assertThat(index.size()).isEqualTo(stored.size());
      int found = 0;
      int expected = 0;
      for (int q = 0; q < 100; q++) {
        float[] query =
            q % 2 == 0 ? noisy(stored.get(random.nextInt(stored.size())), 0.8, random) : randomUnit(random);
        Set<UUID> exact = ids(index.exactSearch(query, 10));
        Set<UUID> approximate = ids(index.search(query, 10));
        expected += exact.size();
        exact.retainAll(approximate);
        found += exact.size();
      }
      assertThat((double) found / expected).isGreaterThanOrEqualTo(0.99);
    }
  }

  @Test
  void aFaceAddedBetweenRefreshesIsFoundAtOnceOnceAndInItsNewestForm() {
    Random random = new Random(11);
    try (FaceIndex index = FaceIndex.open(dir)) {
      // the way applications arrive: add one, search with it, again and again, past two refreshes
      List<float[]> faces = new ArrayList<>();
      List<UUID> ids = new ArrayList<>();
      for (int i = 0; i < 2 * FaceIndex.REFRESH_EVERY + 50; i++) {
        float[] face = randomUnit(random);
        UUID id = UUID.randomUUID();
        index.add(id, "tenant", face);
        faces.add(face);
        ids.add(id);
        List<FaceVectorIndex.Hit> hits = index.search(face, 3);
        assertThat(hits.get(0).applicationId()).as("face %d found at once", i).isEqualTo(ids.get(i));
        assertThat(hits.get(0).similarity()).isCloseTo(1.0, within(1e-5));
        assertThat(ids(hits)).hasSize(hits.size());
      }
      // an early face, in the refreshed reader by now, replaced: the new form is found, once
      float[] replacement = randomUnit(random);
      index.add(ids.get(3), "tenant", replacement);
      List<FaceVectorIndex.Hit> replaced = index.search(replacement, 5);
      assertThat(replaced.get(0).applicationId()).isEqualTo(ids.get(3));
      assertThat(replaced.get(0).similarity()).isCloseTo(1.0, within(1e-5));
      assertThat(index.search(faces.get(3), 5).stream().filter(h -> h.applicationId().equals(ids.get(3))))
          .allSatisfy(h -> assertThat(h.similarity()).isLessThan(0.5));
      // searches did not flush a segment per face: the refreshes came every REFRESH_EVERY faces
      assertThat(index.segments()).isLessThanOrEqualTo(12);
      assertThat(index.size()).isEqualTo(faces.size());
      assertThat(index.exactSearch(faces.get(2 * FaceIndex.REFRESH_EVERY + 7), 1).get(0).applicationId())
          .isEqualTo(ids.get(2 * FaceIndex.REFRESH_EVERY + 7));
    }
  }

  @Test
  void theNearestOfANoisyCopyIsTheOriginalAndHitsAreSortedByCosine() {
    try (FaceIndex index = FaceIndex.open(dir)) {
      nearestOfNoisyCopies(index);
    }
  }

  @Test
  void aQuantisedIndexFindsTheSameAndReportsExactCosines() throws java.io.IOException {
    // a small buffer: the quantised segments are written (and searched) as the faces come in
    try (FaceIndex index = FaceIndex.open(dir, new FaceIndex.Settings(16, 100, true, 16, 2))) {
      nearestOfNoisyCopies(index);
      index.commit();
    }
    // the segments were written with the quantised format: the graph was built over quantised vectors
    try (var directory = org.apache.lucene.store.FSDirectory.open(dir);
        var reader = org.apache.lucene.index.DirectoryReader.open(directory)) {
      assertThat(reader.leaves()).isNotEmpty();
      for (var leaf : reader.leaves()) {
        assertThat(leaf.reader().getFieldInfos().fieldInfo("face").getAttribute("PerFieldKnnVectorsFormat.format"))
            .isEqualTo("Lucene99HnswScalarQuantizedVectorsFormat");
      }
    }
  }

  private static void nearestOfNoisyCopies(FaceIndex index) {
    Random random = new Random(11);
    {
      List<UUID> ids = new ArrayList<>();
      List<float[]> faces = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        UUID id = UUID.randomUUID();
        float[] face = randomUnit(random);
        ids.add(id);
        faces.add(face);
        index.add(id, i % 2 == 0 ? "bank-a" : "bank-b", face);
        if (i == 999) {
          // a full refresh flushes what was added: the index then has two segments, searched together
          assertThat(index.segments()).isEqualTo(1);
        }
      }
      assertThat(index.segments()).isEqualTo(2);
      for (int i = 0; i < 2000; i += 97) {
        float[] query = noisy(faces.get(i), 0.7, random);
        List<FaceVectorIndex.Hit> hits = index.search(query, 5);
        assertThat(hits).hasSize(5);
        assertThat(hits.get(0).applicationId()).isEqualTo(ids.get(i));
        assertThat(hits.get(0).tenantKey()).isEqualTo(i % 2 == 0 ? "bank-a" : "bank-b");
        assertThat(hits.get(0).similarity())
            .isBetween(0.6, 0.9)
            .isCloseTo(cosine(query, faces.get(i)), offset(1e-4));
        for (int h = 1; h < hits.size(); h++) {
          assertThat(hits.get(h).similarity()).isLessThanOrEqualTo(hits.get(h - 1).similarity());
          assertThat(hits.get(h).similarity()).isLessThan(0.3);
        }
      }
    }
  }

  @Test
  void reAddingAnApplicationReplacesItsFace() {
    Random random = new Random(3);
    UUID id = UUID.randomUUID();
    float[] first = randomUnit(random);
    float[] second = randomUnit(random);
    try (FaceIndex index = FaceIndex.open(dir)) {
      for (int i = 0; i < 200; i++) {
        index.add(UUID.randomUUID(), "other", randomUnit(random));
      }
      index.add(id, "bank-a", first);
      assertThat(index.search(first, 1).get(0).applicationId()).isEqualTo(id);
      index.add(id, "bank-b", second);
      assertThat(index.size()).isEqualTo(201);
      FaceVectorIndex.Hit top = index.search(second, 1).get(0);
      assertThat(top.applicationId()).isEqualTo(id);
      assertThat(top.tenantKey()).isEqualTo("bank-b");
      assertThat(top.similarity()).isGreaterThan(0.999);
      // The old face is gone: nothing near it any more, exactly or approximately.
      assertThat(index.exactSearch(first, 1).get(0).similarity()).isLessThan(0.3);
      assertThat(ids(index.search(first, 10))).doesNotContain(id).isNotEmpty();
      assertThat(index.exactSearch(first, 300)).hasSize(201);
    }
  }

  @Test
  void theIndexSurvivesCloseAndReopen() {
    Random random = new Random(5);
    List<float[]> queries = new ArrayList<>();
    List<List<FaceVectorIndex.Hit>> before = new ArrayList<>();
    try (FaceIndex index = FaceIndex.open(dir)) {
      for (int i = 0; i < 1000; i++) {
        index.add(UUID.randomUUID(), "t" + (i % 3), randomUnit(random));
      }
      index.commit();
      // the reader refreshed, so these searches walk the graph as the reopened index will
      assertThat(index.size()).isEqualTo(1000);
      for (int q = 0; q < 20; q++) {
        float[] query = randomUnit(random);
        queries.add(query);
        before.add(index.search(query, 10));
      }
    }
    try (FaceIndex reopened = FaceIndex.open(dir)) {
      assertThat(reopened.size()).isEqualTo(1000);
      for (int q = 0; q < queries.size(); q++) {
        assertThat(reopened.search(queries.get(q), 10)).isEqualTo(before.get(q));
      }
      // Still writable after a reopen.
      UUID late = UUID.randomUUID();
      float[] face = randomUnit(random);
      reopened.add(late, "t9", face);
      assertThat(reopened.search(face, 1).get(0).applicationId()).isEqualTo(late);
    }
  }

  @Test
  void concurrentAddsAndSearchesLoseNothing() throws Exception {
    try (FaceIndex index = FaceIndex.open(dir)) {
      TestFaces.concurrentAddsAndSearchesLoseNothing(index, 400, FaceIndex.DEFAULT_CANDIDATES);
    }
  }

  @Test
  void badInputIsRefused() {
    try (FaceIndex index = FaceIndex.open(dir)) {
      UUID id = UUID.randomUUID();
      float[] ok = randomUnit(new Random(1));
      assertThatThrownBy(() -> index.add(id, "t", new float[128]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("512");
      assertThatThrownBy(() -> index.add(id, "t", new float[FaceIndex.DIMENSION]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("zeros");
      float[] nan = ok.clone();
      nan[7] = Float.NaN;
      assertThatThrownBy(() -> index.add(id, "t", nan)).isInstanceOf(IllegalArgumentException.class);
      float[] infinite = ok.clone();
      infinite[0] = Float.POSITIVE_INFINITY;
      assertThatThrownBy(() -> index.search(infinite, 10)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.add(null, "t", ok)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.add(id, " ", ok)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.add(id, "t", null)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.search(ok, 0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.exactSearch(null, 5)).isInstanceOf(IllegalArgumentException.class);
      assertThat(index.size()).isZero();
      assertThat(index.search(ok, 10)).isEmpty();
    }
  }

}
