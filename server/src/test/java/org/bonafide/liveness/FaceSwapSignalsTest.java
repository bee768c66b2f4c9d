package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.EyeState;
import org.bonafide.biometrics.FaceBox;
import org.bonafide.biometrics.FaceQuality;
import org.bonafide.biometrics.HeadPose;
import org.junit.jupiter.api.Test;

/** The face-swap signals on made inputs whose answer is known. */
class FaceSwapSignalsTest {
  private static final double CX = 320;
  private static final double CY = 220;
  private static final double S = 100;

  /** 68 iBUG-ordered points of a frontal face centred at (cx, cy), half-width s. */
  static float[] face(double cx, double cy, double s) {
    float[] p = new float[136];
    for (int k = 0; k <= 16; k++) {
      double a = Math.PI - k * Math.PI / 16;
      set(p, k, cx + s * Math.cos(a), cy + 1.2 * s * Math.sin(a));
    }
    for (int k = 17; k <= 26; k++) {
      double u = (k - 21.5) / 4.5;
      set(p, k, cx + 0.8 * s * u, cy - 0.5 * s - 0.1 * s * (1 - u * u));
    }
    for (int k = 27; k <= 30; k++) {
      set(p, k, cx, cy - 0.35 * s + (k - 27) * 0.18 * s);
    }
    for (int k = 31; k <= 35; k++) {
      set(p, k, cx + (k - 33) * 0.1 * s, cy + 0.3 * s);
    }
    for (int e = 0; e < 2; e++) {
      double ex = cx + (e == 0 ? -0.35 : 0.35) * s;
      for (int k = 0; k < 6; k++) {
        double a = k * Math.PI / 3;
        set(p, 36 + 6 * e + k, ex + 0.12 * s * Math.cos(a), cy - 0.25 * s + 0.05 * s * Math.sin(a));
      }
    }
    for (int k = 48; k <= 67; k++) {
      double a = 2 * Math.PI * (k - 48) / 20;
      set(p, k, cx + 0.3 * s * Math.cos(a), cy + 0.65 * s + 0.1 * s * Math.sin(a));
    }
    return p;
  }

  private static void set(float[] p, int k, double x, double y) {
    p[2 * k] = (float) x;
    p[2 * k + 1] = (float) y;
  }

  /** The points turned by {@code angle}, scaled by {@code scale}, shifted, plus Gaussian noise (px). */
  private static float[] move(float[] p, double angle, double scale, double dx, double dy, double noise, Random rnd) {
    float[] out = new float[p.length];
    double c = Math.cos(angle) * scale;
    double s = Math.sin(angle) * scale;
    for (int k = 0; k < p.length / 2; k++) {
      double x = p[2 * k] - CX;
      double y = p[2 * k + 1] - CY;
      out[2 * k] = (float) (CX + c * x - s * y + dx + noise * rnd.nextGaussian());
      out[2 * k + 1] = (float) (CY + s * x + c * y + dy + noise * rnd.nextGaussian());
    }
    return out;
  }

  private static DetectedFace detected(float[] landmarks) {
    return new DetectedFace(
        new FaceBox(200, 100, 440, 380),
        0.98f,
        landmarks,
        new HeadPose(0, -5, 0),
        new EyeState(0.95f, 0.95f, true, true),
        new FaceQuality(280, 100, 120, List.of()),
        SyntheticCapture.PERSON,
        0.2);
  }

  /** A hold-still capture of the given per-frame landmarks and colours, one frame every {@code stepMs}. */
  private static CaptureMeasurements capture(List<float[]> landmarks, List<RegionColours> colours, long stepMs) {
    int n = landmarks.size();
    Challenge challenge = new Challenge(List.of(new PromptStep(Prompt.HOLD_STILL, (int) (n * stepMs + stepMs))), List.of());
    List<CapturedFrame> frames = new ArrayList<>();
    List<FrameMeasurement> measured = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t = i * stepMs;
      frames.add(new CapturedFrame(i, t, Prompt.HOLD_STILL, null, new byte[0]));
      measured.add(
          new FrameMeasurement(i, t, Prompt.HOLD_STILL, null, 1, detected(landmarks.get(i)), colours == null ? null : colours.get(i), false));
    }
    return new CaptureMeasurements(challenge, Timeline.of(challenge, frames), measured, null, 0.51, 600);
  }

  // --- landmark jitter ---

  private static List<float[]> headMotion(double innerJitterPx, long seed) {
    Random rnd = new Random(seed);
    float[] base = face(CX, CY, S);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      double t = i / 12.0;
      // a head nodding, turning in the image plane and coming closer: smooth rigid motion
      float[] p = move(base, 0.15 * Math.sin(t), 1 + 0.1 * Math.sin(0.5 * t), 30 * Math.sin(0.8 * t), 10 * t, 0.4, rnd);
      if (innerJitterPx > 0) {
        for (int k : LandmarkJitterDetector.INNER) {
          p[2 * k] += (float) (innerJitterPx * rnd.nextGaussian());
          p[2 * k + 1] += (float) (innerJitterPx * rnd.nextGaussian());
        }
      }
      out.add(p);
    }
    return out;
  }

  @Test
  void rigidHeadMotionLeavesTheInnerFaceSteady() {
    CheckResult result = jitter(capture(headMotion(0, 1), null, 83));
    assertThat(result.passed()).as("%s", result).isTrue();
    assertThat((double) result.details().get("jitter")).isLessThan(0.02);
  }

  @Test
  void innerLandmarksFlickeringAgainstTheHeadAreCaught() {
    // 4 px of flicker on a 70 px inter-ocular distance
    CheckResult result = jitter(capture(headMotion(4, 2), null, 83));
    assertThat(result.passed()).as("%s", result).isFalse();
    assertThat(result.reason()).isEqualTo("landmark-jitter");
  }

  @Test
  void aSimilarityFitRecoversARotationScaleAndShift() {
    float[] a = face(CX, CY, S);
    float[] b = move(a, 0.3, 1.2, 15, -7, 0, new Random(0));
    assertThat(LandmarkJitterDetector.jitter(a, b, b)).isLessThan(1e-4);
    double[] s = LandmarkJitterDetector.similarity(a, b);
    assertThat(Math.hypot(s[0], s[1])).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-4));
  }

  private static CheckResult jitter(CaptureMeasurements m) {
    CheckResult r = new LandmarkJitterDetector(LandmarkJitterDetector.Settings.defaults()).evaluate(m);
    System.out.println("landmark-jitter " + r.passed() + " " + r.details());
    return r;
  }

  // --- blending seam ---

  /**
   * A textured frame (skin-like noise everywhere) with a face inside the jaw-and-brow hull in another
   * tone; {@code featherPx} is how wide the transition is (0: pasted with a hard edge).
   */
  private static BufferedImage pasted(double featherPx, long seed) {
    float[] lm = face(CX, CY, S);
    Path2D hull = new Path2D.Double();
    hull.moveTo(lm[0], lm[1]);
    for (int k = 1; k <= 16; k++) {
      hull.lineTo(lm[2 * k], lm[2 * k + 1]);
    }
    for (int k = 26; k >= 17; k--) {
      hull.lineTo(lm[2 * k], lm[2 * k + 1] - 0.2 * S);
    }
    hull.closePath();
    BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    Random rnd = new Random(seed);
    double[] host = {190, 140, 115};
    double[] swapped = {160, 150, 150};
    for (int y = 0; y < 480; y++) {
      for (int x = 0; x < 640; x++) {
        double inside = weight(hull, x, y, featherPx);
        double noise = 6 * rnd.nextGaussian();
        int o = (y * 640 + x) * 3;
        for (int c = 0; c < 3; c++) {
          double v = (1 - inside) * host[c] + inside * swapped[c] + noise;
          bgr[o + 2 - c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
      }
    }
    return image;
  }

  /** 1 inside the hull, 0 outside, a linear ramp {@code feather} wide across the edge (approximated by sampling). */
  private static double weight(Path2D hull, int x, int y, double feather) {
    if (feather <= 0) {
      return hull.contains(x, y) ? 1 : 0;
    }
    int inside = 0;
    int total = 0;
    for (double dy = -feather / 2; dy <= feather / 2; dy += feather / 4) {
      for (double dx = -feather / 2; dx <= feather / 2; dx += feather / 4) {
        total++;
        if (hull.contains(x + dx, y + dy)) {
          inside++;
        }
      }
    }
    return inside / (double) total;
  }

  @Test
  void aHardPastedFaceShowsAColourStepThatAFeatheredOneDoesNot() {
    float[] lm = face(CX, CY, S);
    BufferedImage hard = pasted(0, 3);
    BufferedImage soft = pasted(120, 3);
    RegionColours.Seam hardSeam = SkinRegions.sample(hard, new FaceBox(220, 100, 420, 360), lm).seam();
    RegionColours.Seam softSeam = SkinRegions.sample(soft, new FaceBox(220, 100, 420, 360), lm).seam();
    double hardStep = BlendingSeamDetector.chromaStep(hardSeam);
    double softStep = BlendingSeamDetector.chromaStep(softSeam);
    System.out.printf("seam chroma step hard %.4f, feathered %.4f%n", hardStep, softStep);
    assertThat(hardStep).isGreaterThan(settings().maxChromaStep());
    assertThat(softStep).isLessThan(hardStep / 2);

    List<float[]> marks = new ArrayList<>();
    List<RegionColours> hardColours = new ArrayList<>();
    List<RegionColours> softColours = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      marks.add(lm);
      hardColours.add(SkinRegions.sample(pasted(0, 10 + i), new FaceBox(220, 100, 420, 360), lm));
      softColours.add(SkinRegions.sample(pasted(120, 10 + i), new FaceBox(220, 100, 420, 360), lm));
    }
    BlendingSeamDetector detector = new BlendingSeamDetector(settings());
    CheckResult hardResult = detector.evaluate(capture(marks, hardColours, 83));
    CheckResult softResult = detector.evaluate(capture(marks, softColours, 83));
    assertThat(hardResult.passed()).as("%s", hardResult).isFalse();
    assertThat(hardResult.reason()).isEqualTo("blending-seam");
    assertThat(softResult.passed()).as("%s", softResult).isTrue();
  }

  @Test
  void aBlurredPasteShowsASharpnessStep() {
    RegionColours.Seam seam = new RegionColours.Seam(2, 40, new double[] {150, 120, 100}, new double[] {150, 120, 100});
    assertThat(BlendingSeamDetector.sharpnessLogRatio(seam)).isCloseTo(Math.log(20), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(BlendingSeamDetector.chromaStep(seam)).isZero();
  }

  /** Enforced, so a seam fails (by default it is reported only). */
  private static BlendingSeamDetector.Settings settings() {
    BlendingSeamDetector.Settings settings =
        DetectorSettings.bind(
            BlendingSeamDetector.Settings.class, Map.of(DetectorSettings.PREFIX + BlendingSeamDetector.ID + ".enforce", String.valueOf(true)));
    return settings;
  }

  // --- skin tone ---

  private static RegionColours tone(double[] face, double[] neck, double[] forehead) {
    return new RegionColours(face, face, face, null, forehead, face, neck, null);
  }

  @Test
  void aFaceInAnotherToneThanItsNeckIsCaught() {
    List<float[]> marks = new ArrayList<>();
    List<RegionColours> same = new ArrayList<>();
    List<RegionColours> swapped = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      marks.add(face(CX, CY, S));
      // the neck is in the chin's shadow: darker, same chromaticity
      same.add(tone(new double[] {200, 150, 120}, new double[] {140, 105, 84}, new double[] {205, 152, 122}));
      swapped.add(tone(new double[] {150, 150, 160}, new double[] {140, 105, 84}, new double[] {205, 152, 122}));
    }
    SkinToneDetector detector = new SkinToneDetector(SkinToneDetector.Settings.defaults());
    CheckResult ok = detector.evaluate(capture(marks, same, 83));
    CheckResult bad = detector.evaluate(capture(marks, swapped, 83));
    System.out.println("skin-tone " + ok.details() + " / " + bad.details());
    assertThat(ok.passed()).as("%s", ok).isTrue();
    assertThat(bad.passed()).as("%s", bad).isFalse();
    assertThat(bad.reason()).isEqualTo("skin-tone-mismatch");
  }

  // --- rPPG ---

  /** Forehead and cheek colours at 12 fps with a pulse of {@code pulseHz} (0: none) in green, plus noise. */
  private static List<RegionColours> pulsing(double pulseHz, double amplitude, int frames, long seed) {
    Random rnd = new Random(seed);
    List<RegionColours> out = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      double t = i * 83 / 1000.0;
      double wave = pulseHz > 0 ? amplitude * Math.sin(2 * Math.PI * pulseHz * t) : 0;
      double[] forehead = {180 + 0.2 * rnd.nextGaussian(), 130 + wave + 0.2 * rnd.nextGaussian(), 110 + 0.2 * rnd.nextGaussian()};
      double[] cheeks = {175 + 0.2 * rnd.nextGaussian(), 125 + 0.8 * wave + 0.2 * rnd.nextGaussian(), 105 + 0.2 * rnd.nextGaussian()};
      out.add(new RegionColours(cheeks, cheeks, cheeks, null, forehead, cheeks, null, null));
    }
    return out;
  }

  private static CheckResult rppg(List<RegionColours> colours, boolean enforce) {
    List<float[]> marks = new ArrayList<>();
    for (int i = 0; i < colours.size(); i++) {
      marks.add(face(CX, CY, S));
    }
    RppgDetector.Settings settings =
        DetectorSettings.bind(
            RppgDetector.Settings.class, Map.of(DetectorSettings.PREFIX + RppgDetector.ID + ".enforce", String.valueOf(enforce)));
    CheckResult r = new RppgDetector(settings).evaluate(capture(marks, colours, 83));
    System.out.println("rppg " + r.passed() + " " + r.details());
    return r;
  }

  @Test
  void aPulseInTheGreenChannelIsFoundAtItsFrequency() {
    CheckResult r = rppg(pulsing(1.25, 0.6, 96, 5), true);
    assertThat(r.passed()).as("%s", r).isTrue();
    assertThat(r.details().get("pulseFound")).isEqualTo("true");
    assertThat((double) r.details().get("foreheadHz")).isCloseTo(1.25, org.assertj.core.data.Offset.offset(0.08));
    assertThat((double) r.details().get("cheeksHz")).isCloseTo(1.25, org.assertj.core.data.Offset.offset(0.08));
  }

  @Test
  void noPulseIsReportedButOnlyFailsWhenEnforced() {
    CheckResult reported = rppg(pulsing(0, 0, 96, 6), false);
    assertThat(reported.passed()).isTrue();
    assertThat(reported.details().get("pulseFound")).isEqualTo("false");
    CheckResult enforced = rppg(pulsing(0, 0, 96, 6), true);
    assertThat(enforced.passed()).isFalse();
    assertThat(enforced.reason()).isEqualTo("pulse-not-found");
  }

  @Test
  void aShortCaptureIsNotJudged() {
    CheckResult r = rppg(pulsing(1.25, 0.6, 40, 7), true);
    assertThat(r.passed()).isTrue();
    assertThat(r.details()).containsKey("note");
  }
}
