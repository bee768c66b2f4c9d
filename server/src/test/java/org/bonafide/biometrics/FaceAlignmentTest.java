package org.bonafide.biometrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class FaceAlignmentTest {
  /** 68 points whose eye, nose and mouth points sit on the ArcFace reference, scaled by 3 and shifted. */
  private static float[] landmarks(double scale, double dx, double dy) {
    float[] lm = new float[136];
    for (int i = 0; i < 68; i++) {
      lm[2 * i] = (float) (56 * scale + dx);
      lm[2 * i + 1] = (float) (56 * scale + dy);
    }
    int[][] groups = {{37, 38, 40, 41}, {43, 44, 46, 47}, {30}, {48, 60}, {54, 64}};
    for (int g = 0; g < groups.length; g++) {
      for (int p : groups[g]) {
        lm[2 * p] = (float) (FaceEngine.REFERENCE_POINTS[g][0] * scale + dx);
        lm[2 * p + 1] = (float) (FaceEngine.REFERENCE_POINTS[g][1] * scale + dy);
      }
    }
    // fivePoints reads the nose tip from point 30
    return lm;
  }

  @Test
  void putsTheEyesWhereTheReferenceSaysWhateverTheFacesSizeAndPlace() {
    for (double[] placement : new double[][] {{3, 100, 40}, {0.8, -10, 5}}) {
      float[] lm = landmarks(placement[0], placement[1], placement[2]);
      double[] toImage = FaceAlignment.cropToImage(lm, FaceAlignment.WORK_SIZE);
      float[] inCrop = FaceAlignment.map(FaceAlignment.invert(toImage), lm);
      double scale = FaceAlignment.WORK_SIZE * FaceAlignment.FACE_SHARE / 112;
      double leftEyeX = FaceEngine.REFERENCE_POINTS[0][0] * scale + FaceAlignment.WORK_SIZE / 2.0 - 56 * scale;
      double leftEyeY =
          FaceEngine.REFERENCE_POINTS[0][1] * scale + FaceAlignment.WORK_SIZE * FaceAlignment.CENTRE_Y - 56 * scale;
      assertThat((double) inCrop[2 * 37]).isCloseTo(leftEyeX, within(1e-3));
      assertThat((double) inCrop[2 * 37 + 1]).isCloseTo(leftEyeY, within(1e-3));
    }
  }

  @Test
  void composeAndInvertAreConsistent() {
    double[] a = {1.2, -0.3, 5, 0.3, 1.2, -7};
    double[] b = {0.9, 0.1, -2, -0.1, 0.9, 3};
    double[] identity = FaceAlignment.compose(a, FaceAlignment.invert(a));
    assertThat(identity).containsExactly(new double[] {1, 0, 0, 0, 1, 0}, within(1e-12));
    float[] p = {10, 20};
    float[] twice = FaceAlignment.map(a, FaceAlignment.map(b, p));
    float[] once = FaceAlignment.map(FaceAlignment.compose(a, b), p);
    assertThat(once).containsExactly(twice, within(1e-3f));
  }

  @Test
  void halvesByAveragingEachTwoByTwoBlock() {
    float[] planes = new float[3 * 4 * 4];
    for (int i = 0; i < planes.length; i++) {
      planes[i] = i;
    }
    float[] half = FaceAlignment.halve(planes, 4);
    assertThat(half).hasSize(12);
    assertThat(half[0]).isEqualTo((0 + 1 + 4 + 5) / 4f);
    assertThat(half[3]).isEqualTo((10 + 11 + 14 + 15) / 4f);
    assertThat(half[4]).isEqualTo((16 + 17 + 20 + 21) / 4f);
  }

  @Test
  void cropsAreSampledFromTheImageInBgrPlanes() {
    BufferedImage image = new BufferedImage(300, 300, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 300; y++) {
      for (int x = 0; x < 300; x++) {
        image.setRGB(x, y, (200 << 16) | (100 << 8) | 50);
      }
    }
    float[] lm = landmarks(2, 40, 30);
    float[] crop = FaceAlignment.crop(image, FaceAlignment.cropToImage(lm, 64), 64);
    int plane = 64 * 64;
    assertThat(crop[100]).isEqualTo(50f);
    assertThat(crop[plane + 100]).isEqualTo(100f);
    assertThat(crop[2 * plane + 100]).isEqualTo(200f);
  }

  @Test
  void refusesAnythingButSixtyEightLandmarks() {
    assertThatThrownBy(() -> FaceAlignment.cropToImage(new float[10], 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("68 landmarks");
  }
}
