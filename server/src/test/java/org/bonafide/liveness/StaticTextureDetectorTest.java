package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.EyeState;
import org.bonafide.biometrics.FaceBox;
import org.bonafide.biometrics.FaceQuality;
import org.bonafide.biometrics.HeadPose;
import org.junit.jupiter.api.Test;

/** The blink's texture test on made thumbnails: repainted eyes on a still picture, against a face that changes all over. */
class StaticTextureDetectorTest {
  private static final Challenge CHALLENGE = SyntheticCapture.challenge(Prompt.BLINK, Prompt.TURN_LEFT);
  private static final long BLINK = SyntheticCapture.start(CHALLENGE, Prompt.BLINK);
  private static final int W = 160;
  private static final int H = 120;
  private static final int STRIDE = 4;

  @Test
  void eyesRepaintedOnAStillPictureAreAStaticTextureAndALiveFaceIsNot() {
    StaticTextureDetector reportOnly = new StaticTextureDetector(StaticTextureDetector.Settings.defaults());

    CheckResult photo = reportOnly.evaluate(capture(0));
    assertThat(photo.passed()).as("report-only").isTrue();
    assertThat(photo.details()).containsEntry("staticTexture", "true");
    assertThat((Double) photo.details().get("textureRatio")).isLessThan(0.1);

    CheckResult live = reportOnly.evaluate(capture(16));
    assertThat(live.details()).containsEntry("staticTexture", "false");
    assertThat((Double) live.details().get("textureRatio")).isGreaterThan(0.3);
    assertThat(live.score()).isGreaterThan(photo.score());

    StaticTextureDetector.Settings enforcing =
        DetectorSettings.bind(StaticTextureDetector.Settings.class, Map.of("bonafide.detectors.static-texture.enforce", "true"));
    CheckResult enforced = new StaticTextureDetector(enforcing).evaluate(capture(0));
    assertThat(enforced.reason()).isEqualTo("eyes-move-texture-static");
    assertThat(enforced.frames()).hasSize(2);
  }

  @Test
  void withoutAClosedEyeThereIsNothingToCompare() {
    CheckResult result = new StaticTextureDetector(StaticTextureDetector.Settings.defaults()).evaluate(capture(0, false));
    assertThat(result.passed()).isTrue();
    assertThat(result.details()).containsKey("note");
  }

  private static CaptureMeasurements capture(double restNoise) {
    return capture(restNoise, true);
  }

  /**
   * Frames every 80 ms; in the blink window one frame has the eyes closed (the eyes 40 grey levels
   * darker). Every frame is the same random texture plus, outside the eyes, noise of {@code restNoise}
   * grey levels (0: a still picture).
   */
  private static CaptureMeasurements capture(double restNoise, boolean blink) {
    SplittableRandom random = new SplittableRandom(5);
    byte[] texture = new byte[W * H];
    for (int i = 0; i < texture.length; i++) {
      texture[i] = (byte) (60 + random.nextInt(120));
    }
    float[] landmarks = landmarks();
    List<CapturedFrame> frames = new ArrayList<>();
    List<FrameMeasurement> measured = new ArrayList<>();
    int index = 0;
    for (long t = 0; t < CHALLENGE.durationMs(); t += SyntheticCapture.STEP_MS, index++) {
      boolean closed = blink && t >= BLINK + 800 && t < BLINK + 880;
      byte[] grey = texture.clone();
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          boolean eye = Math.hypot(x * STRIDE - 270, y * STRIDE - 230) < 18 || Math.hypot(x * STRIDE - 330, y * STRIDE - 230) < 18;
          int v = grey[y * W + x] & 0xff;
          if (eye && closed) {
            v = Math.max(0, v - 40);
          } else if (!eye) {
            v = (int) Math.max(0, Math.min(255, v + random.nextGaussian() * restNoise));
          }
          grey[y * W + x] = (byte) v;
        }
      }
      DetectedFace face =
          new DetectedFace(
              new FaceBox(200, 120, 420, 400),
              0.98f,
              landmarks,
              new HeadPose(0, -5, 0),
              new EyeState(closed ? 0.05f : 0.95f, closed ? 0.05f : 0.95f, !closed, !closed),
              new FaceQuality(280, 100, 120, List.of()),
              SyntheticCapture.PERSON,
              0.2f);
      frames.add(new CapturedFrame(index, t, null, null, new byte[0]));
      measured.add(
          new FrameMeasurement(
              index, t, null, null, 1, face, null, false, 0, new GreyThumbnail(W, H, STRIDE, grey), null, null, null));
    }
    return new CaptureMeasurements(CHALLENGE, Timeline.of(CHALLENGE, frames), measured, null, 0.51, 600);
  }

  /** 68 points on an ellipse, the eyes' six points each around (270, 230) and (330, 230). */
  private static float[] landmarks() {
    float[] points = new float[136];
    for (int i = 0; i < 68; i++) {
      double angle = 2 * Math.PI * i / 68;
      points[2 * i] = (float) (310 + 90 * Math.cos(angle));
      points[2 * i + 1] = (float) (260 + 120 * Math.sin(angle));
    }
    for (int k = 0; k < 6; k++) {
      double angle = 2 * Math.PI * k / 6;
      points[2 * (36 + k)] = (float) (270 + 12 * Math.cos(angle));
      points[2 * (36 + k) + 1] = (float) (230 + 5 * Math.sin(angle));
      points[2 * (42 + k)] = (float) (330 + 12 * Math.cos(angle));
      points[2 * (42 + k) + 1] = (float) (230 + 5 * Math.sin(angle));
    }
    return points;
  }
}
