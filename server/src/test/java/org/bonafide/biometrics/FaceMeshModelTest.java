package org.bonafide.biometrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The face mesh converted at build time from TensorFlow.js, on real group photos (npm package
 * {@code @vladmandic/face-api}, demo folder), checked against the independent 68-point model.
 */
class FaceMeshModelTest {
  private static FaceEngine engine;
  private static MeshModels models;
  private static FaceMesh mesh;

  @BeforeAll
  static void load() {
    engine = new FaceEngine(FaceEngineSettings.defaults().withThreads(2, 1));
    models = new MeshModels(1);
    mesh = new FaceMesh(models);
  }

  @AfterAll
  static void close() {
    models.close();
    engine.close();
  }

  @Test
  void meshAgreesWithThe68PointModelOnEveryFace() {
    int checked = 0;
    for (String photo : List.of("sample1.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg")) {
      DecodedImage image = engine.decode(TestImages.photo(photo));
      for (DetectedFace face : engine.analyse(image)) {
        float[] lm = face.landmarks();
        FaceMesh.Mesh m = mesh.fit(image, lm);
        double iod = Math.hypot(lm[90] - lm[72], lm[91] - lm[73]);
        assertThat(m.confidence()).as("%s face flag", photo).isGreaterThan(0.8f);
        // outer eye corners (68-point 36 and 45), mouth corners (48, 54)
        assertThat(distance(m, FaceMesh.RIGHT_EYE_OUTER, lm, 36) / iod).as("%s right eye corner", photo).isLessThan(0.12);
        assertThat(distance(m, FaceMesh.LEFT_EYE_OUTER, lm, 45) / iod).as("%s left eye corner", photo).isLessThan(0.12);
        assertThat(distance(m, FaceMesh.MOUTH_RIGHT, lm, 48) / iod).as("%s mouth corner", photo).isLessThan(0.15);
        assertThat(distance(m, FaceMesh.MOUTH_LEFT, lm, 54) / iod).as("%s mouth corner", photo).isLessThan(0.15);
        assertThat(Math.abs(m.pose().yaw() - face.pose().yaw())).as("%s yaw against the pose model", photo).isLessThan(15);
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }

  @Test
  void meshFollowsAHeadTurnedByMirroringAndLosesConfidenceWithoutAFace() {
    BufferedImage original = TestImages.read(TestImages.photo("sample3.jpg"));
    DecodedImage image = engine.decode(TestImages.photo("sample3.jpg"));
    DetectedFace face = engine.analyse(image).get(0);
    FaceMesh.Mesh m = mesh.fit(image, face.landmarks());
    DecodedImage mirrored = engine.decode(TestImages.jpeg(mirror(original), 0.95f));
    DetectedFace mirroredFace = engine.analyse(mirrored).get(0);
    FaceMesh.Mesh mm = mesh.fit(mirrored, mirroredFace.landmarks());
    // mirroring turns the head the other way: yaw changes sign
    assertThat(mm.pose().yaw()).isCloseTo(-m.pose().yaw(), org.assertj.core.data.Offset.offset(6f));

    DecodedImage blank = engine.decode(TestImages.png(TestImages.gradient(640, 480)));
    FaceMesh.Mesh none = mesh.fit(blank, m.region());
    assertThat(none.confidence()).isLessThan(0.5f);
  }

  private static BufferedImage mirror(BufferedImage image) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        out.setRGB(image.getWidth() - 1 - x, y, image.getRGB(x, y));
      }
    }
    return out;
  }

  private static double distance(FaceMesh.Mesh m, int meshPoint, float[] lm68, int point) {
    return Math.hypot(m.x(meshPoint) - lm68[2 * point], m.y(meshPoint) - lm68[2 * point + 1]);
  }
}
