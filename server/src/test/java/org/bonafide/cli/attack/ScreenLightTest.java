package org.bonafide.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.bonafide.liveness.ColourFlash;
import org.junit.jupiter.api.Test;

/** The screen-light model: what it adds where, and when. */
class ScreenLightTest {
  private static final ScreenLight.Params NO_NOISE = new ScreenLight.Params(0.25, 80, 0);

  private static int[] rgb(BufferedImage image, int x, int y) {
    int p = image.getRGB(x, y);
    return new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
  }

  private static BufferedImage lit(double[] screen, ScreenLight.Params params) {
    BufferedImage image = SyntheticFootage.picture();
    ScreenLight.apply(image, SyntheticFootage.landmarks(), screen, params, new SplittableRandom(1));
    return image;
  }

  @Test
  void aRedScreenReddensTheFaceCentreMoreThanItsSidesAndLeavesTheBackground() {
    BufferedImage before = SyntheticFootage.picture();
    BufferedImage after = lit(new double[] {1, 0, 0}, NO_NOISE);
    int cx = (int) SyntheticFootage.CX;
    int cy = (int) SyntheticFootage.CY;
    int side = (int) (SyntheticFootage.CX - SyntheticFootage.FACE_W / 2 + 4);

    int centreGain = rgb(after, cx, cy)[0] - rgb(before, cx, cy)[0];
    int sideGain = rgb(after, side, cy)[0] - rgb(before, side, cy)[0];
    assertThat(centreGain).as("red gained at the centre").isGreaterThan(10);
    assertThat(sideGain).as("less at the side, where the face turns away from the screen").isLessThan(centreGain * 6 / 10);
    assertThat(rgb(after, cx, cy)[2] - rgb(before, cx, cy)[2]).as("blue barely moves (cross-talk only)").isLessThan(3);
    assertThat(rgb(after, 20, 20)).as("the background is far from the screen").isEqualTo(rgb(before, 20, 20));
  }

  @Test
  void theGainFollowsTheScreenColourChannelByChannel() {
    BufferedImage before = SyntheticFootage.picture();
    BufferedImage blue = lit(new double[] {0, 0, 1}, NO_NOISE);
    int cx = (int) SyntheticFootage.CX;
    int cy = (int) SyntheticFootage.CY;
    assertThat(rgb(blue, cx, cy)[2] - rgb(before, cx, cy)[2]).isGreaterThan(10);
    assertThat(rgb(blue, cx, cy)[0] - rgb(before, cx, cy)[0]).isLessThan(3);
  }

  @Test
  void theCameraSeesTheScreenWithALagAndMixesColoursAcrossAChange() {
    List<ColourFlash> colours = List.of(new ColourFlash("#ff0000", 500), new ColourFlash("#0000ff", 500));
    // Before the lag has passed, the frame still shows the page (before the colours).
    assertThat(ScreenLight.screenAt(colours, 0, 50, 80)[0]).isCloseTo(ScreenLight.PAGE_LEVEL, within(1e-9));
    assertThat(ScreenLight.screenAt(colours, 0, 300, 80)).containsExactly(1, 0, 0);
    // A frame stamped 600 ms, lag 80: exposure 487-520 ms, 13 ms red then 20 ms blue.
    double[] mixed = ScreenLight.screenAt(colours, 0, 600, 80);
    assertThat(mixed[0]).isCloseTo(13.0 / 33, within(1e-9));
    assertThat(mixed[2]).isCloseTo(20.0 / 33, within(1e-9));
    // After the sequence the page's own light is back.
    assertThat(ScreenLight.screenAt(colours, 0, 2000, 80)[1]).isCloseTo(ScreenLight.PAGE_LEVEL, within(1e-9));
  }

  @Test
  void sensorNoiseIsSmallAndEverywhere() {
    BufferedImage before = SyntheticFootage.picture();
    BufferedImage noisy = lit(new double[] {0, 0, 0}, new ScreenLight.Params(0.25, 80, 1.5));
    double sum = 0;
    int changed = 0;
    for (int x = 0; x < 200; x++) {
      int d = rgb(noisy, x, 5)[1] - rgb(before, x, 5)[1];
      sum += d * d;
      changed += d != 0 ? 1 : 0;
    }
    assertThat(Math.sqrt(sum / 200)).isBetween(0.8, 2.5);
    assertThat(changed).isGreaterThan(100);
  }
}
