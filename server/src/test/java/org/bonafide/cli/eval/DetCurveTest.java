package org.bonafide.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetCurveTest {
  @TempDir Path dir;

  @Test
  void pointsAtEveryDistinctScoreAndAboveTheHighest() {
    double[] bona = {0.9, 0.8, 0.4};
    double[] attacks = {0.1, 0.5};

    List<DetCurve.Point> points = DetCurve.points(bona, attacks);

    assertThat(points).extracting(DetCurve.Point::threshold).containsExactly(0.1, 0.4, 0.5, 0.8, 0.9, Double.POSITIVE_INFINITY);
    // t = 0.1 accepts everything; t = 0.5 rejects the 0.4 bona fide and the 0.1 attack.
    assertThat(points.get(0)).isEqualTo(new DetCurve.Point(0.1, 1.0, 0.0));
    assertThat(points.get(1)).isEqualTo(new DetCurve.Point(0.4, 0.5, 0.0));
    assertThat(points.get(2)).isEqualTo(new DetCurve.Point(0.5, 0.5, 1.0 / 3));
    assertThat(points.get(3)).isEqualTo(new DetCurve.Point(0.8, 0.0, 1.0 / 3));
    assertThat(points.get(5)).isEqualTo(new DetCurve.Point(Double.POSITIVE_INFINITY, 0.0, 1.0));
  }

  @Test
  void noCurveWithoutBothClasses() {
    assertThat(DetCurve.points(new double[0], new double[] {0.5})).isEmpty();
  }

  @Test
  void probitMatchesKnownQuantiles() {
    assertThat(DetCurve.probit(0.5)).isCloseTo(0.0, within(1e-9));
    assertThat(DetCurve.probit(0.975)).isCloseTo(1.959964, within(1e-6));
    assertThat(DetCurve.probit(0.001)).isCloseTo(-3.090232, within(1e-6));
  }

  @Test
  void writesADecodablePngWithTheCurveInItsColour() throws IOException {
    List<DetCurve.Point> points = DetCurve.points(new double[] {0.9, 0.8, 0.4}, new double[] {0.1, 0.5});
    Path file = dir.resolve("det.png");

    DetCurve.writePng(List.of(new DetCurve.Curve("photo (2)", points, new DetCurve.Point(Double.NaN, 0.5, 0.2))), "DET", file);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).isNotNull();
    int curvePixels = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == 0x1f77b4) {
          curvePixels++;
        }
      }
    }
    assertThat(curvePixels).as("pixels in the first curve's colour").isGreaterThan(100);
  }
}
