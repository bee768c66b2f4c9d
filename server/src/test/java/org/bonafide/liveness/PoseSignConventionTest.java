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
    System.out.printf("yaw %.1f mirrored %.1f%n", yaw, mirroredYaw);
  }

  @Test
  void signsAgreeWithTheLandmarks() {
    List<double[]> rows = new ArrayList<>();
    for (int photo = 1; photo <= TestImages.PHOTO_COUNT; photo++) {
      for (DetectedFace face : engine.analyse(engine.decode(TestImages.photo(photo)))) {
        float[] lm = face.landmarks();
        double jawMidX = (lm[0] + lm[32]) / 2;
        double width = lm[32] - lm[0];
        double noseOffset = (lm[60] - jawMidX) / width;
        double eyeY = (lm[73] + lm[91]) / 2;
        double noseDown = (lm[61] - eyeY) / (lm[17] - eyeY);
        rows.add(new double[] {face.pose().yaw(), noseOffset, face.pose().pitch(), noseDown});
        System.out.printf("photo %d yaw %.1f noseOffset %.3f pitch %.1f noseDown %.3f%n", photo, face.pose().yaw(), noseOffset, face.pose().pitch(), noseDown);
      }
    }
  }
}
