package org.bonafide.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.bonafide.biometrics.FaceModel;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the benchmark fixture (not of speed): the default photo is found, its crop holds
 * one face, every model runs bare on the engine's own input, and the benchmark classpath carries
 * everything the engine needs.
 */
class FaceFixtureTest {
  @Test
  void preparesOneFaceAndATensorForEveryModel() throws Exception {
    try (FaceFixture f = FaceFixture.load()) {
      assertThat(f.facesInImage).isEqualTo(1);
      assertThat(f.describe()).contains("1 face(s)");
      assertThat(f.feeds).containsOnlyKeys(FaceModel.values());
      for (FaceModel model : FaceModel.values()) {
        assertThat(f.runBare(model)).as(model.id()).isPositive();
        assertThat(f.runWrapped(model)).as(model.id()).isNotEmpty();
      }
      FaceStages stages = new FaceStages();
      stages.setUp();
      try {
        assertThat(stages.pipelineWhole().embedding()).hasSize(512);
        assertThat(stages.stageDecode().width()).isEqualTo(f.image.width());
        assertThat(stages.stageEyes()).isNotNull();
        assertThat(stages.decodeImageIo().getWidth()).isEqualTo(f.image.width());
      } finally {
        stages.tearDown();
      }
    }
  }
}
