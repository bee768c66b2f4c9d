package org.bonafide.biometrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeometryTest {
  @Test
  void similarityTransformRecoversRotationScaleAndShift() {
    double angle = Math.toRadians(17);
    double scale = 2.5;
    double[][] from = {{10, 10}, {50, 12}, {30, 40}, {15, 70}, {48, 68}};
    double[][] to = new double[5][];
    for (int i = 0; i < 5; i++) {
      double x = from[i][0];
      double y = from[i][1];
      to[i] =
          new double[] {
            scale * (Math.cos(angle) * x - Math.sin(angle) * y) + 100,
            scale * (Math.sin(angle) * x + Math.cos(angle) * y) - 20
          };
    }
    double[] m = SimilarityTransform.estimate(from, to);
    assertThat(m[0]).isCloseTo(scale * Math.cos(angle), within(1e-9));
    assertThat(m[3]).isCloseTo(scale * Math.sin(angle), within(1e-9));
    assertThat(m[2]).isCloseTo(100, within(1e-9));
    assertThat(m[5]).isCloseTo(-20, within(1e-9));
  }

  @Test
  void samplingWithIdentityMapCopiesPixelsInTheRequestedChannelOrder() {
    byte[] bgr = new byte[2 * 2 * 3];
    for (int i = 0; i < 4; i++) {
      bgr[3 * i] = (byte) (10 + i); // blue
      bgr[3 * i + 1] = (byte) (100 + i); // green
      bgr[3 * i + 2] = (byte) (200 + i); // red
    }
    float[] zero = {0, 0, 0};
    float[] one = {1, 1, 1};
    double[] identity = {1, 0, 0, 0, 1, 0};
    float[] rgb = Pixels.sample(bgr, 2, 2, identity, 2, 2, Pixels.Layout.RGB, zero, one);
    float[] bgrOut = Pixels.sample(bgr, 2, 2, identity, 2, 2, Pixels.Layout.BGR, zero, one);
    assertThat(rgb).containsExactly(200, 201, 202, 203, 100, 101, 102, 103, 10, 11, 12, 13);
    assertThat(bgrOut).containsExactly(10, 11, 12, 13, 100, 101, 102, 103, 200, 201, 202, 203);
  }

  @Test
  void resizingAveragesNeighboursAtPixelCentres() {
    // 4x1 grey ramp 0, 100, 200, 255 resized to 2x1: centres fall between pixel pairs
    byte[] bgr = new byte[4 * 3];
    int[] values = {0, 100, 200, 255};
    for (int i = 0; i < 4; i++) {
      bgr[3 * i] = bgr[3 * i + 1] = bgr[3 * i + 2] = (byte) values[i];
    }
    float[] out =
        Pixels.sample(
            bgr, 4, 1, Pixels.rectToSize(0, 0, 4, 1, 2, 1), 2, 1, Pixels.Layout.GREY, new float[] {0}, new float[] {1});
    assertThat(out[0]).isCloseTo(50f, within(0.01f));
    assertThat(out[1]).isCloseTo(227.5f, within(0.01f));
  }

  @Test
  void laplacianVarianceIsZeroOnFlatAndHighOnTexture() {
    float[] flat = new float[32 * 32];
    java.util.Arrays.fill(flat, 128);
    float[] checker = new float[32 * 32];
    for (int i = 0; i < checker.length; i++) {
      checker[i] = ((i % 32 + i / 32) % 2) * 255;
    }
    assertThat(FaceEngine.laplacianVariance(flat, 32, 32)).isZero();
    assertThat(FaceEngine.laplacianVariance(checker, 32, 32)).isGreaterThan(1000);
  }

  @Test
  void similarityOfNormalisedVectorsIsTheirCosine() {
    float[] a = {0.6f, 0.8f};
    float[] b = {0.8f, 0.6f};
    assertThat(FaceEngine.similarity(a, a)).isCloseTo(1.0, within(1e-6));
    assertThat(FaceEngine.similarity(a, b)).isCloseTo(0.96, within(1e-6));
  }
}
