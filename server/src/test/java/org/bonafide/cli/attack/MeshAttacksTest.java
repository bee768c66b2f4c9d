package org.bonafide.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kit's mesh swap and blend put A's identity on B's face; the reenactment keeps A's. */
class MeshAttacksTest {
  private static FaceEngine engine;
  private static byte[] aBytes;
  private static PhotoMotion.Still a;
  private static PhotoMotion.Still b;

  @BeforeAll
  static void loadEngine() {
    engine = new FaceEngine(FaceEngineSettings.defaults().withThreads(2, 1));
    aBytes = TestImages.jpeg(TestImages.crop(TestImages.SAMPLE3_MIDDLE), 0.95f);
    a = AttackKit.still(engine, aBytes, "sample3 middle");
    b = AttackKit.still(engine, TestImages.jpeg(TestImages.crop(TestImages.SAMPLE1_MIDDLE), 0.95f), "sample1 middle");
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  private static float[] embedding(DecodedImage image) {
    Detection face = engine.detect(image).get(0);
    return engine.embed(image, engine.landmarks(image, face.box()));
  }

  private record Similarities(double toA, double toB) {}

  private static Similarities swapped(java.util.function.BiConsumer<BufferedImage, float[]> swap) {
    BufferedImage frame = PhotoMotion.render(b, new PhotoMotion.Pose(-15, 0, 0), PhotoMotion.Shake.NONE);
    DecodedImage before = engine.decode(SessionVideo.jpeg(frame));
    Detection bFace = engine.detect(before).get(0);
    float[] bLandmarks = engine.landmarks(before, bFace.box());
    float[] bEmbedding = engine.embed(before, bLandmarks);
    float[] aEmbedding = embedding(engine.decode(aBytes));
    swap.accept(frame, bLandmarks);
    float[] after = embedding(engine.decode(SessionVideo.jpeg(frame)));
    return new Similarities(FaceEngine.similarity(after, aEmbedding), FaceEngine.similarity(after, bEmbedding));
  }

  @Test
  void meshSwapShowsAsIdentityOnBsFace() {
    MeshAttacks.Swap3d swap = new MeshAttacks.Swap3d(engine, MeshAttacks.meshFace(engine, aBytes, "a"), 1.0, 0.06);
    Similarities s = swapped(swap::render);
    assertThat(s.toA()).as("similarity to A (to B: %s)", s.toB()).isGreaterThan(s.toB() + 0.15);
  }

  @Test
  void blendMovesAsFaceOntoBsWithoutAWarp() {
    Similarities s = swapped((frame, lm) -> MeshAttacks.blendFrame(frame, lm, a, true, 1.0, 0.05));
    assertThat(s.toA()).as("similarity to A (to B: %s)", s.toB()).isGreaterThan(s.toB());
  }

  @Test
  void similarityFitRecoversAKnownTransform() {
    float[] from = {0, 0, 10, 0, 0, 10, 10, 10, 5, 3};
    float[] to = new float[from.length];
    double angle = Math.toRadians(20);
    for (int i = 0; i < from.length / 2; i++) {
      to[2 * i] = (float) (2 * (Math.cos(angle) * from[2 * i] - Math.sin(angle) * from[2 * i + 1]) + 7);
      to[2 * i + 1] = (float) (2 * (Math.sin(angle) * from[2 * i] + Math.cos(angle) * from[2 * i + 1]) - 3);
    }
    MeshAttacks.Similarity t = MeshAttacks.Similarity.fit(from, to);
    assertThat(t.residual()).isLessThan(1e-4);
    double[] p = t.apply(5, 3);
    assertThat(p[0]).isCloseTo(to[8], org.assertj.core.data.Offset.offset(1e-3));
    assertThat(p[1]).isCloseTo(to[9], org.assertj.core.data.Offset.offset(1e-3));
    assertThat(List.of(MeshAttacks.FACE_SWAP_3D, MeshAttacks.BLEND_SWAP, MeshAttacks.REENACTMENT)).isEqualTo(MeshAttacks.KINDS);
  }
}
