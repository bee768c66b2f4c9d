package org.bonafide.biometrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.bonafide.testing.TestImages;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real models on real group photos (npm package @vladmandic/face-api@1.7.15, demo folder). */
class FaceEngineModelTest {
  private static FaceEngine engine;
  private static double threshold;

  @BeforeAll
  static void loadModels() {
    engine = new FaceEngine(FaceEngineSettings.defaults().withThreads(2, 1));
    threshold = engine.settings().matchThreshold();
  }

  @AfterAll
  static void closeModels() {
    engine.close();
  }

  private static List<DetectedFace> faces(byte[] bytes) {
    return engine.analyse(engine.decode(bytes));
  }

  @Test
  void findsEveryFaceInGroupPhotos() {
    assertThat(faces(TestImages.photo("sample1.jpg"))).hasSize(3);
    assertThat(faces(TestImages.photo("sample3.jpg"))).hasSize(3);
    assertThat(faces(TestImages.photo("sample4.jpg"))).hasSize(4);
    assertThat(faces(TestImages.photo("sample5.jpg"))).hasSize(5);
  }

  @Test
  void findsNoFaceInAPictureWithoutOne() {
    assertThat(faces(TestImages.png(TestImages.gradient(640, 480)))).isEmpty();
  }

  @Test
  void sameFaceMatchesItselfUnderResizingRecompressionAndBrightness() {
    BufferedImage original = TestImages.read(TestImages.photo("sample3.jpg"));
    List<DetectedFace> reference = faces(TestImages.photo("sample3.jpg"));
    assertThat(reference).hasSize(3);
    record Variant(String name, double scale, UnaryOperator<BufferedImage> change, float quality) {}
    List<Variant> variants =
        List.of(
            new Variant("half size", 0.5, img -> TestImages.scaled(img, 0.5), 0.9f),
            new Variant("JPEG quality 30", 1, img -> img, 0.3f),
            new Variant("30% brighter", 1, img -> TestImages.brightness(img, 1.3f), 0.9f),
            new Variant("30% darker", 1, img -> TestImages.brightness(img, 0.7f), 0.9f));
    for (Variant v : variants) {
      List<DetectedFace> changed = faces(TestImages.jpeg(v.change().apply(original), v.quality()));
      assertThat(changed).as(v.name()).hasSize(3);
      for (DetectedFace ref : reference) {
        DetectedFace same = nearest(changed, ref.box(), v.scale());
        double score = FaceEngine.similarity(ref.embedding(), same.embedding());
        assertThat(score).as("%s: face at %s", v.name(), ref.box()).isGreaterThanOrEqualTo(threshold);
      }
    }
  }

  @Test
  void differentPeopleInOnePhotoDoNotMatch() {
    for (String photo : List.of("sample1.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg")) {
      List<DetectedFace> people = faces(TestImages.photo(photo));
      for (int i = 0; i < people.size(); i++) {
        for (int j = i + 1; j < people.size(); j++) {
          double score = FaceEngine.similarity(people.get(i).embedding(), people.get(j).embedding());
          assertThat(score).as("%s faces %d and %d", photo, i, j).isLessThan(threshold);
        }
      }
    }
  }

  @Test
  void landmarksAndEyesFollowTheFace() {
    for (DetectedFace face : faces(TestImages.photo("sample3.jpg"))) {
      FaceBox b = face.box();
      float slack = 0.25f * b.height();
      for (int i = 0; i < 68; i++) {
        assertThat(face.landmarks()[2 * i]).isBetween(b.x1() - slack, b.x2() + slack);
        assertThat(face.landmarks()[2 * i + 1]).isBetween(b.y1() - slack, b.y2() + slack);
      }
      // eyes above the nose tip, nose tip above the chin
      assertThat(face.landmarks()[2 * 37 + 1]).isLessThan(face.landmarks()[2 * 30 + 1]);
      assertThat(face.landmarks()[2 * 30 + 1]).isLessThan(face.landmarks()[2 * 8 + 1]);
      assertThat(face.eyes().leftOpen() && face.eyes().rightOpen()).as("eyes open at %s", b).isTrue();
      assertThat(face.embedding()).hasSize(512);
      assertThat(FaceEngine.similarity(face.embedding(), face.embedding())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void poseSeesAProfileAsTurnedAndAFrontalFaceAsStraight() {
    List<DetectedFace> sample2 = faces(TestImages.photo("sample2.jpg"));
    assertThat(sample2).anySatisfy(f -> assertThat(Math.abs(f.pose().yaw())).isGreaterThan(45));
    assertThat(sample2)
        .filteredOn(f -> Math.abs(f.pose().yaw()) > 45)
        .allSatisfy(f -> assertThat(f.quality().issues()).contains(QualityIssue.OFF_ANGLE));
    assertThat(faces(TestImages.photo("sample3.jpg")))
        .allSatisfy(f -> assertThat(Math.abs(f.pose().yaw())).isLessThan(25));
  }

  @Test
  void qualityFlagsSmallDarkAndBlurredFaces() {
    BufferedImage original = TestImages.read(TestImages.photo("sample3.jpg"));
    assertThat(faces(TestImages.photo("sample3.jpg")))
        .allSatisfy(f -> assertThat(f.quality().issues()).isEmpty());

    List<DetectedFace> small = faces(TestImages.jpeg(TestImages.scaled(original, 0.18), 0.9f));
    assertThat(small).isNotEmpty().allSatisfy(f -> assertThat(f.quality().issues()).contains(QualityIssue.FACE_TOO_SMALL));

    List<DetectedFace> dark = faces(TestImages.jpeg(TestImages.brightness(original, 0.25f), 0.9f));
    assertThat(dark).isNotEmpty().allSatisfy(f -> assertThat(f.quality().issues()).contains(QualityIssue.TOO_DARK));

    float[] box = new float[15 * 15];
    java.util.Arrays.fill(box, 1f / box.length);
    BufferedImage rgb = TestImages.brightness(original, 1f);
    BufferedImage blurred = new ConvolveOp(new Kernel(15, 15, box), ConvolveOp.EDGE_NO_OP, null).filter(rgb, null);
    List<DetectedFace> soft = faces(TestImages.jpeg(blurred, 0.9f));
    assertThat(soft).isNotEmpty().allSatisfy(f -> assertThat(f.quality().issues()).contains(QualityIssue.BLURRED));
  }

  private static DetectedFace nearest(List<DetectedFace> faces, FaceBox box, double scale) {
    double cx = (box.x1() + box.x2()) / 2 * scale;
    double cy = (box.y1() + box.y2()) / 2 * scale;
    DetectedFace best = faces.get(0);
    double bestDistance = Double.MAX_VALUE;
    for (DetectedFace f : faces) {
      double d = Math.hypot((f.box().x1() + f.box().x2()) / 2 - cx, (f.box().y1() + f.box().y2()) / 2 - cy);
      if (d < bestDistance) {
        bestDistance = d;
        best = f;
      }
    }
    return best;
  }
}
