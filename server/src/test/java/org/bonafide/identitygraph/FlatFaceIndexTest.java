package org.bonafide.identitygraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.bonafide.identitygraph.TestFaces.cosine;
import static org.bonafide.identitygraph.TestFaces.ids;
import static org.bonafide.identitygraph.TestFaces.noisy;
import static org.bonafide.identitygraph.TestFaces.randomUnit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flat face index (one-bit codes, exact re-ranking) against brute force, on made vectors. */
class FlatFaceIndexTest {
  @TempDir Path dir;

  /** Like real embeddings: variance spread unevenly over the coordinates (a decaying spectrum). */
  private static float[] skewedUnit(Random random) {
    float[] v = new float[FaceVectorIndex.DIMENSION];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (random.nextGaussian() / Math.sqrt(1 + i / 16.0));
    }
    return FaceIndex.normalised(v);
  }

  @Test
  void theRotationKeepsLengthsAndAngles() {
    Random random = new Random(1);
    float[] a = randomUnit(random);
    float[] b = noisy(a, 0.9, random);
    float[] ra = FlatFaceIndex.rotated(a);
    float[] rb = FlatFaceIndex.rotated(b);
    assertThat(FlatFaceIndex.dot(ra, ra)).isCloseTo(1.0, offset(1e-5));
    assertThat(FlatFaceIndex.dot(ra, rb)).isCloseTo(cosine(a, b), offset(1e-5));
    // and it mixes: a basis vector spreads over every coordinate (none keeps 4 % of its energy)
    float[] e = new float[FaceVectorIndex.DIMENSION];
    e[3] = 1;
    float[] spread = FlatFaceIndex.rotated(e);
    assertThat(FlatFaceIndex.dot(spread, spread)).isCloseTo(1.0, offset(1e-5));
    for (float x : spread) {
      assertThat(Math.abs(x)).isLessThan(0.2f);
    }
  }

  @Test
  void searchFindsWhatExactSearchFindsOnSkewedEmbeddings() {
    Random random = new Random(7);
    List<float[]> stored = new ArrayList<>();
    try (FlatFaceIndex index = FlatFaceIndex.open(dir, 1)) {
      for (int identity = 0; identity < 4000; identity++) {
        float[] centre = skewedUnit(random);
        int samples = 1 + random.nextInt(3);
        for (int s = 0; s < samples; s++) {
          float[] face = noisy(centre, 0.65, random);
          stored.add(face);
          index.add(UUID.randomUUID(), "tenant-" + (identity % 5), face);
        }
      }
      int found = 0;
      int expected = 0;
      int foundFew = 0;
      for (int q = 0; q < 100; q++) {
        float[] query =
            q % 2 == 0 ? noisy(stored.get(random.nextInt(stored.size())), 0.65, random) : skewedUnit(random);
        List<FaceVectorIndex.Hit> exactHits = index.exactSearch(query, 10);
        Set<UUID> exact = ids(exactHits);
        expected += exact.size();
        Set<UUID> both = new HashSet<>(exact);
        both.retainAll(ids(index.search(query, 10, 1000)));
        found += both.size();
        Set<UUID> few = new HashSet<>(exact);
        few.retainAll(ids(index.search(query, 10, 10)));
        foundFew += few.size();
        // re-ranked scores are exact cosines
        List<FaceVectorIndex.Hit> hits = index.search(query, 10, 1000);
        assertThat(hits.get(0).similarity()).isCloseTo(exactHits.get(0).similarity(), offset(1e-5));
      }
      assertThat((double) found / expected).isGreaterThanOrEqualTo(0.99);
      // the codes alone (no room to re-rank) are a rough order, not the answer: what re-ranking buys
      assertThat((double) foundFew / expected).isLessThan(0.9);
    }
  }

  /** A unit vector at exactly {@code cosine} from the unit vector {@code v}, in a random direction. */
  private static float[] atCosine(float[] v, double cosine, Random random) {
    float[] u = randomUnit(random);
    double along = TestFaces.cosine(u, v);
    float[] w = new float[v.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (u[i] - along * v[i]);
    }
    w = FaceIndex.normalised(w);
    double across = Math.sqrt(1 - cosine * cosine);
    float[] out = new float[v.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (cosine * v[i] + across * w[i]);
    }
    return out;
  }

  @Test
  void searchAboveFindsEveryFaceAtOrAboveTheThresholdAndNothingBelow() {
    Random random = new Random(11);
    double threshold = 0.51;
    // faces planted just either side of the threshold, where an estimate's error would show
    double[] planted = {0.40, 0.47, 0.50, 0.505, 0.512, 0.52, 0.55, 0.62, 0.8};
    try (FlatFaceIndex index = FlatFaceIndex.open(dir, 2)) {
      for (int i = 0; i < 3000; i++) {
        index.add(UUID.randomUUID(), "stranger", skewedUnit(random));
      }
      List<float[]> queries = new ArrayList<>();
      List<UUID> replaced = new ArrayList<>();
      for (int q = 0; q < 80; q++) {
        float[] query = q % 2 == 0 ? skewedUnit(random) : randomUnit(random);
        queries.add(query);
        for (double cosine : planted) {
          UUID id = UUID.randomUUID();
          index.add(id, "planted", atCosine(query, cosine, random));
          if (cosine == 0.8 && q % 4 == 1) {
            // replaced by a stranger: the dead record must not be found
            index.add(id, "planted", skewedUnit(random));
            replaced.add(id);
          }
        }
      }
      int found = 0;
      for (float[] query : queries) {
        List<FaceVectorIndex.Hit> expected =
            index.exactSearch(query, 10).stream().filter(h -> h.similarity() >= threshold).toList();
        List<FaceVectorIndex.Hit> hits = index.searchAbove(query, 10, threshold, 0);
        assertThat(ids(hits)).isEqualTo(ids(expected));
        for (int i = 0; i < hits.size(); i++) {
          assertThat(hits.get(i).similarity()).isCloseTo(expected.get(i).similarity(), offset(1e-5));
        }
        assertThat(ids(hits)).doesNotContainAnyElementsOf(replaced);
        found += hits.size();
        // at most k, the nearest first
        List<FaceVectorIndex.Hit> two = index.searchAbove(query, 2, threshold, 0);
        assertThat(ids(two)).isEqualTo(ids(expected.subList(0, Math.min(2, expected.size()))));
      }
      // the four planted faces above the threshold of every query, and the fifth of those not replaced
      assertThat(found).isEqualTo(80 * 4 + 60);
    }
  }

  @Test
  void theSignFilterAllowsTheThresholdsAngleWithRoomForItsSpread() {
    // a face at cosine 0.51 differs in sign on 169 of 512 coordinates on average, give or take 11
    assertThat(FlatFaceIndex.signLimit(0.51)).isBetween(225, 240);
    // a stranger (cosine 0, 256 on average) passes only well below its mean
    assertThat(FlatFaceIndex.signLimit(0.51)).isLessThan(256 - 15);
    assertThat(FlatFaceIndex.signLimit(1.0)).isZero();
    assertThat(FlatFaceIndex.signLimit(-1.0)).isEqualTo(512);
    assertThat(FlatFaceIndex.signLimit(0.8)).isLessThan(FlatFaceIndex.signLimit(0.5));
  }

  @Test
  void theTwoBitEstimateErrsAboutHalfAsMuchAsTheOneBitEstimate() {
    Random random = new Random(5);
    try (FlatFaceIndex index = FlatFaceIndex.open(dir, 1)) {
      List<float[]> stored = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        float[] face = skewedUnit(random);
        stored.add(face);
        index.add(UUID.randomUUID(), "t", face);
      }
      for (int q = 0; q < 5; q++) {
        float[] query = q % 2 == 0 ? noisy(stored.get(random.nextInt(stored.size())), 0.65, random) : skewedUnit(random);
        double[] errors = index.estimateErrors(query);
        // a cosine's one-bit estimate is off by a few hundredths at 512 dimensions
        assertThat(errors[0]).isBetween(0.01, 0.06);
        assertThat(errors[1]).isLessThan(0.6 * errors[0]);
      }
    }
    // how many candidates go on to exact scoring
    assertThat(FlatFaceIndex.fineKeep(8000)).isEqualTo(1000);
    assertThat(FlatFaceIndex.fineKeep(1000)).isEqualTo(FlatFaceIndex.FINE_MIN);
    assertThat(FlatFaceIndex.fineKeep(10)).isEqualTo(10);
  }

  @Test
  void theNearestOfANoisyCopyIsTheOriginalAndHitsAreSortedByCosine() {
    Random random = new Random(11);
    List<UUID> ids = new ArrayList<>();
    List<float[]> faces = new ArrayList<>();
    // enough faces for the scan to be split over two threads
    try (FlatFaceIndex index = FlatFaceIndex.open(dir, 2)) {
      for (int i = 0; i < 70_000; i++) {
        UUID id = UUID.randomUUID();
        float[] face = randomUnit(random);
        ids.add(id);
        faces.add(face);
        index.add(id, i % 2 == 0 ? "bank-a" : "bank-b", face);
      }
      for (int i = 0; i < 70_000; i += 4999) {
        float[] query = noisy(faces.get(i), 0.7, random);
        List<FaceVectorIndex.Hit> hits = index.search(query, 5, 200);
        assertThat(hits).hasSize(5);
        assertThat(hits.get(0).applicationId()).isEqualTo(ids.get(i));
        assertThat(hits.get(0).tenantKey()).isEqualTo(i % 2 == 0 ? "bank-a" : "bank-b");
        assertThat(hits.get(0).similarity()).isBetween(0.6, 0.9).isCloseTo(cosine(query, faces.get(i)), offset(1e-4));
        for (int h = 1; h < hits.size(); h++) {
          assertThat(hits.get(h).similarity()).isLessThanOrEqualTo(hits.get(h - 1).similarity()).isLessThan(0.3);
        }
        // with every face a candidate, re-ranking is exact search
        assertThat(index.search(query, 5, 70_000)).isEqualTo(index.exactSearch(query, 5));
      }
    }
  }

  @Test
  void reAddingAnApplicationReplacesItsFaceAcrossAReopen() {
    Random random = new Random(3);
    UUID id = UUID.randomUUID();
    float[] first = randomUnit(random);
    float[] second = randomUnit(random);
    try (FlatFaceIndex index = FlatFaceIndex.open(dir, 1)) {
      for (int i = 0; i < 200; i++) {
        index.add(UUID.randomUUID(), "other", randomUnit(random));
      }
      index.add(id, "bank-a", first);
      assertThat(index.search(first, 1, 50).get(0).applicationId()).isEqualTo(id);
      index.add(id, "bank-b", second);
      assertThat(index.size()).isEqualTo(201);
      assertThat(index.contains(id)).isTrue();
    }
    try (FlatFaceIndex index = FlatFaceIndex.open(dir, 1)) {
      assertThat(index.size()).isEqualTo(201);
      FaceVectorIndex.Hit top = index.search(second, 1, 50).get(0);
      assertThat(top.applicationId()).isEqualTo(id);
      assertThat(top.tenantKey()).isEqualTo("bank-b");
      assertThat(top.similarity()).isGreaterThan(0.999);
      // the old face is gone, exactly and approximately, even with every face a candidate
      assertThat(index.exactSearch(first, 1).get(0).similarity()).isLessThan(0.3);
      assertThat(ids(index.search(first, 300, 1000))).hasSize(201);
      assertThat(index.exactSearch(first, 300)).hasSize(201);
    }
  }

  @Test
  void theIndexSurvivesCloseAndReopenAndStaysWritable() {
    Random random = new Random(5);
    List<float[]> queries = new ArrayList<>();
    List<List<FaceVectorIndex.Hit>> before = new ArrayList<>();
    // more than one mapped chunk of records
    int faces = 20_000;
    try (FlatFaceIndex index = FlatFaceIndex.open(dir, 1)) {
      for (int i = 0; i < faces; i++) {
        index.add(UUID.randomUUID(), "t" + (i % 3), randomUnit(random));
      }
      for (int q = 0; q < 20; q++) {
        float[] query = randomUnit(random);
        queries.add(query);
        before.add(index.search(query, 10, 400));
      }
    }
    try (FlatFaceIndex reopened = FlatFaceIndex.open(dir, 1)) {
      assertThat(reopened.size()).isEqualTo(faces);
      for (int q = 0; q < queries.size(); q++) {
        assertThat(reopened.search(queries.get(q), 10, 400)).isEqualTo(before.get(q));
      }
      UUID late = UUID.randomUUID();
      float[] face = randomUnit(random);
      reopened.add(late, "t9", face);
      assertThat(reopened.search(face, 1, 10).get(0).applicationId()).isEqualTo(late);
    }
    try (FlatFaceIndex again = FlatFaceIndex.open(dir, 1)) {
      assertThat(again.size()).isEqualTo(faces + 1);
    }
  }

  @Test
  void aTornRecordOrAForeignFileIsReportedForARebuild() throws IOException {
    Random random = new Random(9);
    try (FlatFaceIndex index = FlatFaceIndex.open(dir, 1)) {
      for (int i = 0; i < 50; i++) {
        index.add(UUID.randomUUID(), "t", randomUnit(random));
      }
    }
    Path file = dir.resolve(FlatFaceIndex.FILE);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      // one byte of the 31st record's vector
      channel.write(ByteBuffer.wrap(new byte[] {42}), 4096 + 30L * FlatFaceIndex.RECORD + 500);
    }
    assertThatThrownBy(() -> FlatFaceIndex.open(dir, 1))
        .isInstanceOf(FlatFaceIndex.Corrupt.class)
        .hasMessageContaining("record 30");
    Files.write(file, "not an index".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> FlatFaceIndex.open(dir, 1)).isInstanceOf(FlatFaceIndex.Corrupt.class);
  }

  @Test
  void concurrentAddsAndSearchesLoseNothing() throws Exception {
    try (FlatFaceIndex index = FlatFaceIndex.open(dir, 2)) {
      TestFaces.concurrentAddsAndSearchesLoseNothing(index, 1500, 20);
    }
  }

  @Test
  void theDefaultCandidatesGrowWithTheIndex() {
    assertThat(FlatFaceIndex.candidatesFor(0)).isEqualTo(3000);
    assertThat(FlatFaceIndex.candidatesFor(100_000)).isEqualTo(3000);
    assertThat(FlatFaceIndex.candidatesFor(1_000_000)).isEqualTo(FlatFaceIndex.DEFAULT_CANDIDATES);
    assertThat(FlatFaceIndex.candidatesFor(500_000)).isBetween(6000, 9000);
    assertThat(FlatFaceIndex.candidatesFor(Integer.MAX_VALUE)).isEqualTo(100_000);
  }

  @Test
  void badInputIsRefused() {
    try (FlatFaceIndex index = FlatFaceIndex.open(dir, 1)) {
      UUID id = UUID.randomUUID();
      float[] ok = randomUnit(new Random(1));
      assertThatThrownBy(() -> index.add(id, "t", new float[128])).hasMessageContaining("512");
      assertThatThrownBy(() -> index.add(id, "t", new float[FaceVectorIndex.DIMENSION])).hasMessageContaining("zeros");
      float[] nan = ok.clone();
      nan[7] = Float.NaN;
      assertThatThrownBy(() -> index.add(id, "t", nan)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.add(id, "x".repeat(127), ok)).hasMessageContaining("126");
      assertThatThrownBy(() -> index.add(null, "t", ok)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.add(id, " ", ok)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.search(ok, 0, 10)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.search(ok, 10, 5)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.exactSearch(null, 5)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.searchAbove(ok, 0, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.searchAbove(ok, 10, 1.5, 0)).hasMessageContaining("minSimilarity");
      assertThat(index.searchAbove(ok, 10, 0.5, 0)).isEmpty();
      assertThat(index.size()).isZero();
      assertThat(index.search(ok, 10, 100)).isEmpty();
      assertThatThrownBy(() -> FlatFaceIndex.open(dir, 0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

}
