package org.bonafide.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.bonafide.biometrics.BlendDetector;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceAlignment;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped blend detector ({@code models/blend-detector.onnx}) on the faces of a test photo the
 * build fetches (npm package @vladmandic/face-api, demo folder): people it was never trained on,
 * in a group photo rather than a studio portrait.
 */
class BlendDetectorModelTest {
  private static final int BLENDS_PER_FACE = 8;
  private static final List<String> PHOTOS =
      List.of("sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg");

  private static FaceEngine engine;
  private static BlendDetector detector;

  @BeforeAll
  static void load() {
    engine = new FaceEngine(FaceEngineSettings.defaults());
    detector = BlendDetector.load();
  }

  @AfterAll
  static void close() {
    detector.close();
    engine.close();
  }

  private static List<TrainingFace> faces(String photo) {
    DecodedImage image = engine.decode(TestImages.photo(photo));
    List<Detection> detections = engine.detect(image);
    assertThat(detections).as("faces in %s", photo).isNotEmpty();
    return detections.stream()
        .map(d -> new TrainingFace(photo, photo, image.pixels(), engine.landmarks(image, d.box())))
        .toList();
  }

  /**
   * Over every face of the demo photos, self-blends score above the faces themselves. Only the
   * order is asserted: these natural photos are far from the studio portraits the model was trained
   * on, and their real faces already score high (0.56 to 1.0; see the model card's limits).
   */
  @Test
  void scoresSelfBlendsOfTheTestPhotosAboveTheirFaces() {
    double real = 0;
    double blended = 0;
    int n = 0;
    for (String photo : PHOTOS) {
      for (TrainingFace face : faces(photo)) {
        real += detector.score(new DecodedImage(face.image(), "jpeg", "", 0), face.landmarks());
        for (int seed = 1; seed <= BLENDS_PER_FACE; seed++) {
          blended += detector.scoreCrop(BlendGenerator.selfBlend(face, new SplittableRandom(seed))) / BLENDS_PER_FACE;
        }
        n++;
      }
    }
    assertThat(real / n).as("mean score of the %d faces", n).isBetween(0.0, 1.0);
    assertThat(blended / n).as("mean score of their self-blends, against the faces at %.3f", real / n).isGreaterThan(real / n);
  }

  @Test
  void scoresCrossBlendsAboveRealCropsMadeTheSameWay() {
    List<TrainingFace> faces = faces("sample3.jpg");
    assertThat(faces).hasSizeGreaterThanOrEqualTo(2);
    double real = 0;
    double blended = 0;
    int n = 0;
    for (int i = 0; i < faces.size(); i++) {
      TrainingFace partner = faces.get((i + 1) % faces.size());
      for (int seed = 1; seed <= BLENDS_PER_FACE; seed++) {
        real += detector.scoreCrop(BlendGenerator.real(faces.get(i), new SplittableRandom(seed)));
        blended += detector.scoreCrop(BlendGenerator.crossBlend(faces.get(i), partner, new SplittableRandom(seed)));
        n++;
      }
    }
    assertThat(blended / n).as("mean score of cross blends against real crops at %.3f", real / n).isGreaterThan(real / n);
  }

  @Test
  void scoringAFaceIsScoringItsAlignedCrop() {
    TrainingFace face = faces("sample3.jpg").get(0);
    DecodedImage image = new DecodedImage(face.image(), "jpeg", "", 0);
    double direct = detector.score(image, face.landmarks());
    double viaCrop = detector.scoreCrop(FaceAlignment.modelCrop(image, face.landmarks()));
    assertThat(direct).isEqualTo(viaCrop);
  }
}
