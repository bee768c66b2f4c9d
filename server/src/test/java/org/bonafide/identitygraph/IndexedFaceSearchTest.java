package org.bonafide.identitygraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's face search over either engine, against a record of faces it rebuilds from. */
class IndexedFaceSearchTest {
  @TempDir Path dir;

  /** The database's faces, in memory. */
  private static final class Faces extends GraphRepository {
    final List<StoredFace> faces = new ArrayList<>();

    Faces() {
      super(null);
    }

    @Override
    long faceCount() {
      return faces.size();
    }

    @Override
    void eachFace(Consumer<StoredFace> sink) {
      faces.forEach(sink);
    }
  }

  private static Faces faces(int count, Random random) {
    Faces faces = new Faces();
    for (int i = 0; i < count; i++) {
      faces.faces.add(face(random, i % 3 == 0 ? null : new byte[] {(byte) i, 7}));
    }
    return faces;
  }

  private static GraphRepository.StoredFace face(Random random, byte[] identity) {
    float[] v = new float[FaceVectorIndex.DIMENSION];
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return new GraphRepository.StoredFace(UUID.randomUUID(), UUID.randomUUID(), identity, v);
  }

  private static GraphProperties.FaceIndexSettings settings(String engine) {
    GraphProperties.FaceIndexSettings settings = new GraphProperties.FaceIndexSettings();
    settings.setEngine(engine);
    return settings;
  }

  private static void findsEveryFace(IndexedFaceSearch search, Faces faces) {
    for (int i = 0; i < faces.faces.size(); i += 17) {
      GraphRepository.StoredFace f = faces.faces.get(i);
      FaceSearch.Match top = search.matching(f.embedding(), 3, 0.5).get(0);
      assertThat(top.application()).isEqualTo(f.application());
      assertThat(top.tenant()).isEqualTo(f.tenant());
      assertThat(top.identityKey()).isEqualTo(f.identityKey());
      assertThat(top.similarity()).isGreaterThan(0.999);
    }
  }

  @Test
  void theFlatIndexIsBuiltFromTheRecordAndRebuiltWhenTornOrBehind() throws IOException {
    Random random = new Random(4);
    Faces faces = faces(400, random);
    try (IndexedFaceSearch search = new IndexedFaceSearch(dir, faces, settings("flat"))) {
      findsEveryFace(search, faces);
      GraphRepository.StoredFace late = face(random, null);
      faces.faces.add(late);
      search.add(late);
      assertThat(search.matching(late.embedding(), 1, 0.5).get(0).application()).isEqualTo(late.application());
    }
    Path file = dir.resolve("flat").resolve(FlatFaceIndex.FILE);
    assertThat(file).exists();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 4096 + 10L * FlatFaceIndex.RECORD + 300);
    }
    try (IndexedFaceSearch search = new IndexedFaceSearch(dir, faces, settings("flat"))) {
      findsEveryFace(search, faces);
    }
    // a face recorded while the index was not told (a crash before its commit): rebuilt to match
    faces.faces.add(face(random, null));
    try (IndexedFaceSearch search = new IndexedFaceSearch(dir, faces, settings("flat"))) {
      findsEveryFace(search, faces);
      GraphRepository.StoredFace last = faces.faces.get(faces.faces.size() - 1);
      assertThat(search.matching(last.embedding(), 1, 0.5).get(0).application()).isEqualTo(last.application());
    }
  }

  @Test
  void theGraphEngineKeepsItsOwnFolder() {
    Faces faces = faces(300, new Random(8));
    try (IndexedFaceSearch search = new IndexedFaceSearch(dir, faces, settings("hnsw"))) {
      findsEveryFace(search, faces);
    }
    assertThat(dir.resolve("hnsw")).isDirectory();
    assertThat(Files.exists(dir.resolve("flat"))).isFalse();
  }

  @Test
  void badSettingsStopTheStart() {
    Faces faces = new Faces();
    assertThatThrownBy(() -> new IndexedFaceSearch(dir, faces, settings("faiss")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flat or hnsw");
    GraphProperties.FaceIndexSettings few = settings("flat");
    few.setCandidates(5);
    assertThatThrownBy(() -> new IndexedFaceSearch(dir, faces, few)).hasMessageContaining("candidates");
    GraphProperties.FaceIndexSettings many = settings("hnsw");
    many.setCandidates(20_000);
    assertThatThrownBy(() -> new IndexedFaceSearch(dir, faces, many)).hasMessageContaining("10000");
  }
}
