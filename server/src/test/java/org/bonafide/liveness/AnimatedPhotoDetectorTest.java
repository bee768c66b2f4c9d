package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.EyeState;
import org.bonafide.biometrics.FaceBox;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.biometrics.FaceQuality;
import org.bonafide.biometrics.HeadPose;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parallax on landmarks where the answer is known: the 68 landmarks of a real photo (analysed once
 * by the face engine) moved by a homography (a photo turned or warped: no parallax), and the same
 * landmarks lifted onto a face-shaped depth and rotated in 3D (a head turning: parallax).
 */
class AnimatedPhotoDetectorTest {
  private static float[] landmarks;

  @BeforeAll
  static void analyseOnePhoto() {
    try (FaceEngine engine = new FaceEngine(FaceEngineSettings.defaults().withThreads(1, 1))) {
      DetectedFace face =
          engine.analyse(engine.decode(TestImages.photo(2))).stream()
              .max(Comparator.comparingDouble(f -> f.box().area()))
              .orElseThrow();
      landmarks = face.landmarks();
    }
  }

  /** A turned plane: a perspective homography with a small rotation, shear and translation. */
  private static float[] warp(float[] points, double strength) {
    double[] h = {1.0 - 0.1 * strength, 0.08 * strength, 30 * strength, -0.05 * strength, 1.0, 12 * strength,
        0.0006 * strength, 0.0001 * strength};
    float[] out = new float[points.length];
    for (int i = 0; i < points.length / 2; i++) {
      double x = points[2 * i];
      double y = points[2 * i + 1];
      double w = h[6] * x + h[7] * y + 1;
      out[2 * i] = (float) ((h[0] * x + h[1] * y + h[2]) / w);
      out[2 * i + 1] = (float) ((h[3] * x + h[4] * y + h[5]) / w);
    }
    return out;
  }

  /**
   * The landmarks lifted onto a rough head shape (the face's outline curving back, the nose in
   * front) and turned about the vertical axis by {@code yawDegrees}, seen by an orthographic camera.
   */
  static float[] turn(float[] points, double yawDegrees) {
    int n = points.length / 2;
    double cx = 0;
    double cy = 0;
    for (int i = 0; i < n; i++) {
      cx += points[2 * i] / n;
      cy += points[2 * i + 1] / n;
    }
    double iod = org.bonafide.biometrics.Landmarks.interOcular(points);
    double halfWidth = 1.1 * iod;
    double a = Math.toRadians(yawDegrees);
    float[] out = new float[points.length];
    for (int i = 0; i < n; i++) {
      double x = points[2 * i] - cx;
      double y = points[2 * i + 1] - cy;
      double r = Math.min(1, Math.abs(x) / halfWidth);
      double z = 0.6 * iod * Math.sqrt(1 - r * r); // a rounded face
      if (i >= 27 && i <= 35) {
        z += 0.35 * iod * (i == 30 || i == 33 ? 1 : 0.6); // the nose stands out
      }
      out[2 * i] = (float) (cx + x * Math.cos(a) + z * Math.sin(a));
      out[2 * i + 1] = (float) (cy + y);
    }
    return out;
  }

  private static float[] jitter(float[] points, double sigma, long seed) {
    Random random = new Random(seed);
    float[] out = points.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += (float) (random.nextGaussian() * sigma);
    }
    return out;
  }

  @Test
  void aPlanarWarpOfRealLandmarksLeavesNoResidual() {
    double iod = org.bonafide.biometrics.Landmarks.interOcular(landmarks);
    assertThat(AnimatedPhotoDetector.planarResidual(landmarks, warp(landmarks, 1)) / iod).isLessThan(1e-3);
    // with the landmark model's own jitter on both frames, still well below min-residual
    double noisy =
        AnimatedPhotoDetector.planarResidual(jitter(landmarks, 0.3, 1), jitter(warp(landmarks, 1), 0.3, 2)) / iod;
    assertThat(noisy).isLessThan(0.015);
  }

  @Test
  void aThreeDimensionalTurnLeavesLargeResiduals() {
    double iod = org.bonafide.biometrics.Landmarks.interOcular(landmarks);
    float[] neutral = turn(landmarks, 0);
    double at20 = AnimatedPhotoDetector.planarResidual(neutral, turn(landmarks, 20)) / iod;
    double at30 = AnimatedPhotoDetector.planarResidual(neutral, turn(landmarks, 30)) / iod;
    System.out.printf("residual at 20 deg %.4f, at 30 deg %.4f%n", at20, at30);
    assertThat(at20).isGreaterThan(0.03);
    assertThat(at30).isGreaterThan(at20);
  }

  /** A capture whose landmarks follow {@code shape} (by turn in degrees) and whose yaw the pose model reports. */
  private static CaptureMeasurements capture(LongFunction<Double> yawAt, java.util.function.DoubleFunction<float[]> shape) {
    Challenge challenge = SyntheticCapture.challenge(Prompt.TURN_LEFT);
    long turnStart = SyntheticCapture.start(challenge, Prompt.TURN_LEFT);
    List<CapturedFrame> frames = new ArrayList<>();
    List<FrameMeasurement> measured = new ArrayList<>();
    int index = 0;
    for (long t = 0; t < challenge.durationMs(); t += SyntheticCapture.STEP_MS) {
      Prompt prompt = t < turnStart ? Prompt.HOLD_STILL : Prompt.TURN_LEFT;
      frames.add(new CapturedFrame(index, t, prompt, null, new byte[0]));
      double yaw = yawAt.apply(t);
      DetectedFace face =
          new DetectedFace(
              new FaceBox(200, 120, 420, 400),
              0.98f,
              jitter(shape.apply(-yaw), 0.3, index),
              new HeadPose((float) yaw, -5, 0),
              new EyeState(0.95f, 0.95f, true, true),
              new FaceQuality(280, 100, 120, List.of()),
              SyntheticCapture.PERSON,
              0.2);
      measured.add(new FrameMeasurement(index, t, prompt, null, 1, face, null, false));
      index++;
    }
    return new CaptureMeasurements(challenge, Timeline.of(challenge, frames), measured, null, 0.51, 600);
  }

  private static CheckResult check(CaptureMeasurements m) {
    CheckResult result = new AnimatedPhotoDetector(AnimatedPhotoDetector.Settings.defaults()).evaluate(m);
    System.out.println(result.passed() + " " + result.reason() + " " + result.details());
    return result;
  }

  private static LongFunction<Double> turnLeft() {
    long start = SyntheticCapture.start(SyntheticCapture.challenge(Prompt.TURN_LEFT), Prompt.TURN_LEFT);
    // turn_left lowers the model's yaw
    return t -> -SyntheticCapture.bump(t, start + 300, start + 1900, 25);
  }

  @Test
  void aHeadTurningShowsParallax() {
    CheckResult result = check(capture(turnLeft(), yaw -> turn(landmarks, yaw)));
    assertThat(result.passed()).as("%s", result).isTrue();
    assertThat((double) result.details().get("residual")).isGreaterThan(0.03);
  }

  @Test
  void aPhotoTurnedAsAPlaneHasNoParallax() {
    CheckResult result = check(capture(turnLeft(), yaw -> warp(landmarks, yaw / 25)));
    assertThat(result.reason()).as("%s", result).isEqualTo("no-parallax");
    assertThat((double) result.details().get("residual")).isLessThan(0.03);
  }

  @Test
  void withoutAMeasuredTurnThereIsNothingToJudge() {
    CheckResult result = check(capture(t -> 0.0, yaw -> warp(landmarks, 0)));
    assertThat(result.passed()).isTrue();
    assertThat(result.details()).doesNotContainKey("residual");
  }
}
