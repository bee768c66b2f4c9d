package org.bonafide.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.bonafide.biometrics.FaceAlignment;
import org.junit.jupiter.api.Test;

/** The self-blend generator on a synthetic face: geometry and determinism, no models. */
class BlendGeneratorTest {
  private static final int SIZE = BlendGenerator.SIZE;

  /** An oval of 68 landmarks around (150, 160) with eyes, nose and mouth where a face has them. */
  private static float[] landmarks() {
    float[] lm = new float[136];
    for (int i = 0; i < 68; i++) {
      double a = 2 * Math.PI * i / 68;
      lm[2 * i] = (float) (150 + 60 * Math.cos(a));
      lm[2 * i + 1] = (float) (160 + 75 * Math.sin(a));
    }
    for (int p : new int[] {37, 38, 40, 41}) {
      lm[2 * p] = 125;
      lm[2 * p + 1] = 140;
    }
    for (int p : new int[] {43, 44, 46, 47}) {
      lm[2 * p] = 175;
      lm[2 * p + 1] = 140;
    }
    lm[60] = 150;
    lm[61] = 165;
    for (int p : new int[] {48, 60}) {
      lm[2 * p] = 130;
      lm[2 * p + 1] = 190;
    }
    for (int p : new int[] {54, 64}) {
      lm[2 * p] = 170;
      lm[2 * p + 1] = 190;
    }
    return lm;
  }

  /** A textured image: a face-coloured oval on a grey, striped background. */
  private static TrainingFace face(String identity) {
    BufferedImage image = new BufferedImage(300, 320, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        double r = Math.hypot((x - 150) / 60.0, (y - 160) / 75.0);
        int grey = 120 + (int) (40 * Math.sin(x / 3.0) * Math.cos(y / 5.0));
        int rgb = r < 1 ? (210 << 16) | (160 << 8) | (130 + (x + y) % 20) : (grey << 16) | (grey << 8) | grey;
        image.setRGB(x, y, rgb);
      }
    }
    return new TrainingFace(identity + ".png", identity, image, landmarks());
  }

  @Test
  void hullKeepsOnlyTheOuterPoints() {
    float[] points = {0, 0, 10, 0, 10, 10, 0, 10, 5, 5, 3, 7};
    float[] hull = Planes.convexHull(points);
    assertThat(hull).hasSize(8);
    assertThat(hull).doesNotContain(5f, 3f, 7f);
  }

  @Test
  void maskCoversTheFaceAndLeavesTheCornersOut() {
    BlendGenerator.Aligned aligned = BlendGenerator.align(face("a"), new SplittableRandom(1), false);
    for (long seed = 1; seed <= 5; seed++) {
      float[] mask = BlendGenerator.mask(aligned.landmarks(), new SplittableRandom(seed));
      assertThat(mask).hasSize(SIZE * SIZE);
      for (float v : mask) {
        assertThat(v).isBetween(0f, 1f);
      }
      // below the eyes, on the face, is inside
      int cx = Math.round((aligned.landmarks()[2 * 37] + aligned.landmarks()[2 * 43]) / 2);
      int cy = Math.round(aligned.landmarks()[2 * 37 + 1] + 10);
      // the smallest blend ratio is one half
      assertThat(mask[cy * SIZE + cx]).as("seed %d, face centre", seed).isGreaterThan(0.45f);
      assertThat(mask[0]).as("seed %d, corner", seed).isZero();
      assertThat(mask[SIZE * SIZE - 1]).as("seed %d, corner", seed).isZero();
    }
  }

  @Test
  void samplesAreReproducibleForASeedAndDifferAcrossSeeds() {
    TrainingFace face = face("a");
    float[] first = BlendGenerator.selfBlend(face, new SplittableRandom(7));
    float[] again = BlendGenerator.selfBlend(face, new SplittableRandom(7));
    float[] other = BlendGenerator.selfBlend(face, new SplittableRandom(8));
    assertThat(first).hasSize(3 * FaceAlignment.MODEL_SIZE * FaceAlignment.MODEL_SIZE);
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void crossBlendPastesThePartnerInsideTheHullOnly() {
    TrainingFace target = face("a");
    BufferedImage blue = new BufferedImage(300, 320, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 320; y++) {
      for (int x = 0; x < 300; x++) {
        blue.setRGB(x, y, 0x2040f0);
      }
    }
    TrainingFace partner = new TrainingFace("b.png", "b", blue, landmarks());
    float[] real = BlendGenerator.align(target, new SplittableRandom(3), false).planes();
    float[] mask = BlendGenerator.mask(BlendGenerator.align(target, new SplittableRandom(3), false).landmarks(), new SplittableRandom(4));
    float[] source = BlendGenerator.align(partner, new SplittableRandom(3), false).planes();
    float[] blended = BlendGenerator.blend(source, real, mask);
    int plane = SIZE * SIZE;
    // the corner is the target's; where the mask is full, the partner's blue
    assertThat(blended[0]).isEqualTo(real[0]);
    int full = -1;
    for (int i = 0; i < plane && full < 0; i++) {
      if (mask[i] == 1f) {
        full = i;
      }
    }
    if (full >= 0) {
      assertThat(blended[full]).isEqualTo(source[full]);
    }
    List<float[]> crops =
        List.of(
            BlendGenerator.crossBlend(target, partner, new SplittableRandom(5)),
            BlendGenerator.real(target, new SplittableRandom(5)));
    assertThat(crops.get(0)).isNotEqualTo(crops.get(1));
  }

  @Test
  void identitiesComeFromTheFileNamePrefixWhenAsked() {
    assertThat(BlendData.identity("012_03.jpg", true)).isEqualTo("012");
    assertThat(BlendData.identity("012_03.jpg", false)).isEqualTo("012_03.jpg");
    assertThat(BlendData.identity("face.jpg", true)).isEqualTo("face.jpg");
  }

  @Test
  void heldOutPeopleAreASeededShareOfTheIdentities() {
    List<TrainingFace> faces =
        List.of(face("1"), face("2"), face("3"), face("4"), face("5"), face("6"), face("7"), face("8"), face("9"), face("10"));
    assertThat(BlendData.heldOut(faces, 0.2, 1)).hasSize(2).isEqualTo(BlendData.heldOut(faces, 0.2, 1));
    assertThat(BlendData.heldOut(faces, 0, 1)).isEmpty();
  }
}
