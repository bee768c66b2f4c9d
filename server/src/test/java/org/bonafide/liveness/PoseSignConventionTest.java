package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which way the pose model's yaw and pitch point, measured on the real demo photos. The movement
 * detector relies on it ({@link PoseConvention}): frames are not mirrored, so an applicant who
 * turns to their own left shows the nose moving toward the image's right.
 */
class PoseSignConventionTest {
  private static FaceEngine engine;

  @BeforeAll
  static void loadModels() {
    engine = new FaceEngine(FaceEngineSettings.defaults().withThreads(2, 1));
  }

  @AfterAll
  static void closeModels() {
    engine.close();
  }

  private static List<DetectedFace> faces(BufferedImage image) {
    return engine.analyse(engine.decode(TestImages.jpeg(image, 0.92f)));
  }

  @Test
  void yawChangesSignWhenThePhotoIsMirrored() {
    BufferedImage photo = TestImages.crop(TestImages.SAMPLE3_LEFT);
    AffineTransform flip = new AffineTransform(-1, 0, 0, 1, photo.getWidth(), 0);
    BufferedImage mirrored = new AffineTransformOp(flip, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(photo, null);
    float yaw = faces(photo).get(0).pose().yaw();
    float mirroredYaw = faces(mirrored).get(0).pose().yaw();
    // measured: about +15 and -19 degrees
    assertThat(Math.abs(yaw)).isGreaterThan(8);
    assertThat(Math.abs(mirroredYaw)).isGreaterThan(8);
    assertThat(Math.signum(yaw)).isEqualTo(-Math.signum(mirroredYaw));
  }

  /**
   * Over every face of the six demo photos (22 faces): yaw falls as the nose tip moves toward the
   * image's right of the jaw's middle, which in an unmirrored frame is the applicant's own left; and
   * pitch falls as the nose tip sits lower between the eyes and the chin (looking down).
   */
  @Test
  void yawPointsToTheApplicantsRightAndPitchUp() {
    List<double[]> rows = new ArrayList<>();
    for (int photo = 1; photo <= TestImages.PHOTO_COUNT; photo++) {
      for (DetectedFace face : engine.analyse(engine.decode(TestImages.photo(photo)))) {
        float[] lm = face.landmarks();
        double jawMidX = (lm[0] + lm[32]) / 2;
        double noseRightward = (lm[60] - jawMidX) / (lm[32] - lm[0]);
        double eyeY = (lm[73] + lm[91]) / 2;
        double noseLow = (lm[61] - eyeY) / (lm[17] - eyeY);
        rows.add(new double[] {face.pose().yaw(), noseRightward, face.pose().pitch(), noseLow});
      }
    }
    assertThat(rows).hasSizeGreaterThan(15);
    // measured: -0.90 and -0.90
    assertThat(correlation(rows, 0, 1)).isLessThan(-0.7);
    assertThat(correlation(rows, 2, 3)).isLessThan(-0.5);
    for (double[] row : rows) {
      if (row[1] > 0.15) {
        // the nose clearly toward the image's right: the applicant has turned to their left
        assertThat(PoseConvention.excursion(Prompt.TURN_LEFT, row[0], 0, 0, 0)).isPositive();
        assertThat(PoseConvention.excursion(Prompt.TURN_RIGHT, row[0], 0, 0, 0)).isNegative();
      }
    }
    assertThat(PoseConvention.excursion(Prompt.LOOK_UP, 0, 10, 0, 0)).isPositive();
    assertThat(PoseConvention.excursion(Prompt.LOOK_DOWN, 0, 10, 0, 0)).isNegative();
  }

  private static double correlation(List<double[]> rows, int a, int b) {
    double ma = rows.stream().mapToDouble(r -> r[a]).average().orElseThrow();
    double mb = rows.stream().mapToDouble(r -> r[b]).average().orElseThrow();
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (double[] r : rows) {
      ab += (r[a] - ma) * (r[b] - mb);
      aa += (r[a] - ma) * (r[a] - ma);
      bb += (r[b] - mb) * (r[b] - mb);
    }
    return ab / Math.sqrt(aa * bb);
  }
}
