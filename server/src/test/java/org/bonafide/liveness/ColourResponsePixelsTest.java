package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.FaceBox;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The colour test on real pixels: a 640x480 frame around the middle woman of demo photo 3, whose
 * face is lit by the displayed colours the way a screen lights a face (stronger where the surface
 * faces it: an ellipsoid's falloff), a little late, with camera noise; against the same photo
 * tinted uniformly (a print, or a filter over an injected image), not tinted at all, or tinted by
 * another sequence than the one displayed.
 */
class ColourResponsePixelsTest {
  private static final long STEP_MS = 80;
  private static final int COLOUR_MS = 450;
  private static final List<String> SHOWN =
      List.of("#ff0000", "#00ff00", "#0000ff", "#ffff00", "#00ffff", "#ff00ff", "#00ff00", "#ff0000");
  private static final List<String> OTHER =
      List.of("#00ffff", "#ff00ff", "#ffff00", "#ff0000", "#0000ff", "#00ff00", "#ff00ff", "#0000ff");
  /** Strength of the screen's light where the face squarely faces it, relative to the ambient light. */
  private static final double STRENGTH = 0.3;

  private static FaceEngine engine;
  private static BufferedImage base;
  private static FaceBox face;
  private static byte[][] noise;

  @BeforeAll
  static void setUp() {
    // one ONNX thread per model call: the analyzer already runs two frames at once
    engine = new FaceEngine(FaceEngineSettings.defaults().withThreads(1, 1));
    BufferedImage photo = TestImages.read(TestImages.photo(3));
    base = TestImages.scaled(photo.getSubimage(866, 110, 640, 480), 1.0); // a BGR copy
    List<DetectedFace> faces = engine.analyse(engine.decode(TestImages.jpeg(base, 0.92f)));
    face = faces.get(0).box();
    Random random = new Random(7);
    noise = new byte[3][640 * 480 * 3];
    for (byte[] field : noise) {
      for (int i = 0; i < field.length; i++) {
        field[i] = (byte) Math.round(random.nextGaussian() * 2);
      }
    }
  }

  @AfterAll
  static void tearDown() {
    engine.close();
  }

  private static Challenge challenge(Prompt... then) {
    List<ColourFlash> colours = SHOWN.stream().map(c -> new ColourFlash(c, COLOUR_MS)).toList();
    List<PromptStep> steps = new ArrayList<>();
    steps.add(new PromptStep(Prompt.HOLD_STILL, COLOUR_MS * SHOWN.size()));
    for (Prompt p : then) {
      steps.add(new PromptStep(p, 2500));
    }
    return new Challenge(steps, colours);
  }

  private static String colourAt(List<String> sequence, long t) {
    long i = Math.floorDiv(t, COLOUR_MS);
    return i < 0 || i >= sequence.size() ? null : sequence.get((int) i);
  }

  /** How strongly each pixel responds: an ellipsoid lit from the front, or the whole frame alike. */
  private static double[] falloff(boolean uniform) {
    double[] w = new double[640 * 480];
    double cx = (face.x1() + face.x2()) / 2;
    double cy = (face.y1() + face.y2()) / 2;
    double rx = face.width() * 0.55;
    double ry = face.height() * 0.6;
    for (int y = 0; y < 480; y++) {
      for (int x = 0; x < 640; x++) {
        double u = Math.pow((x - cx) / rx, 2) + Math.pow((y - cy) / ry, 2);
        w[y * 640 + x] = uniform ? 0.8 : Math.sqrt(Math.max(0, 1 - u));
      }
    }
    return w;
  }

  /**
   * A capture of the challenge: frames every 80 ms with the colour on screen, each lit by {@code
   * lit.apply(t)} (the colour reaching the camera at time t, or null for none).
   */
  private static Capture capture(Challenge challenge, LongFunction<String> lit, double[] falloff) {
    byte[] src = ((DataBufferByte) base.getRaster().getDataBuffer()).getData();
    long colourEnd = (long) COLOUR_MS * SHOWN.size();
    int count = (int) ((challenge.durationMs() + STEP_MS - 1) / STEP_MS);
    return new Capture(
        challenge,
        java.util.stream.IntStream.range(0, count)
            .parallel()
            .mapToObj(index -> frame(challenge, index, src, colourEnd, lit, falloff))
            .toList(),
        null);
  }

  private static CapturedFrame frame(
      Challenge challenge, int index, byte[] src, long colourEnd, LongFunction<String> lit, double[] falloff) {
    long t = index * STEP_MS;
    BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
    String colour = lit.apply(t);
    int[] rgb = colour == null ? new int[3] : new ColourFlash(colour, 400).rgb();
    byte[] n = noise[index % noise.length];
    for (int p = 0; p < 640 * 480; p++) {
      double gain = falloff == null ? 0 : STRENGTH * falloff[p];
      for (int k = 0; k < 3; k++) {
        int channel = rgb[2 - k]; // BGR raster
        double v = (src[3 * p + k] & 0xff) * (1 + gain * channel / 255.0) + n[3 * p + k];
        dst[3 * p + k] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
    }
    Prompt prompt = null;
    long end = 0;
    for (PromptStep step : challenge.prompts()) {
      end += step.durationMs();
      if (t < end) {
        prompt = step.prompt();
        break;
      }
    }
    String screen = t < colourEnd ? colourAt(SHOWN, t) : null;
    return new CapturedFrame(index, t, prompt, screen, TestImages.jpeg(frame, 0.9f));
  }

  private static CheckResult colourCheck(Capture capture) {
    FrameMeasurer measurer = new FrameMeasurer(engine);
    // the engine is thread-safe: measure on every core, as the analyzer does
    List<FrameMeasurement> measured = capture.frames().parallelStream().map(f -> measurer.measure(f, false)).toList();
    CaptureMeasurements m =
        new CaptureMeasurements(
            capture.challenge(), Timeline.of(capture.challenge(), capture.frames()), measured, null, 0.51, 600);
    CheckResult result = new ColourResponseDetector(ColourResponseDetector.Settings.defaults()).evaluate(m);
    System.out.println(result.passed() + " " + result.reason() + " " + result.details());
    return result;
  }

  @Test
  void aFaceLitFromTheFrontFollowingTheColoursPasses() {
    CheckResult result = colourCheck(capture(challenge(), t -> colourAt(SHOWN, t - 130), falloff(false)));
    assertThat(result.passed()).as("%s", result).isTrue();
    assertThat((double) result.details().get("correlation")).isGreaterThan(0.7);
    assertThat(((Number) result.details().get("lagMs")).longValue()).isBetween(60L, 200L);
    assertThat((double) result.details().get("centreEdgeRatio")).isGreaterThan(1.15);
  }

  @Test
  void aUniformTintOverTheWholeFrameIsFlat() {
    CheckResult result = colourCheck(capture(challenge(), t -> colourAt(SHOWN, t - 130), falloff(true)));
    assertThat(result.reason()).as("%s", result).isEqualTo("colour-response-flat");
  }

  @Test
  void noTintIsAMissingResponse() {
    CheckResult result = colourCheck(capture(challenge(), t -> null, null));
    assertThat(result.reason()).as("%s", result).isEqualTo("colour-response-missing");
  }

  @Test
  void aTintFollowingAnotherSequenceIsAMismatch() {
    CheckResult result = colourCheck(capture(challenge(), t -> colourAt(OTHER, t - 130), falloff(false)));
    assertThat(result.reason()).as("%s", result).isEqualTo("colour-response-mismatch");
  }

  @Test
  void aLagThatChangesHalfwayIsInconsistent() {
    long half = (long) COLOUR_MS * SHOWN.size() / 2;
    CheckResult result =
        colourCheck(capture(challenge(), t -> colourAt(SHOWN, t < half ? t - 20 : t - 380), falloff(false)));
    assertThat(result.reason()).as("%s", result).isEqualTo("colour-lag-inconsistent");
  }

  @Test
  void theAnalyzerFailsAStillPhotoThatAnswersOnlyTheColours() {
    Capture capture =
        capture(
            challenge(Prompt.TURN_LEFT, Prompt.BLINK, Prompt.LOOK_UP, Prompt.HAND_SWEEP),
            t -> colourAt(SHOWN, t - 130),
            falloff(false));
    LivenessReport report = LivenessAnalyzers.withDefaults(engine).analyse(capture, null);
    System.out.printf(
        "analysed %d frames of 640x480 in %d ms: %s %s%n",
        report.framesAnalysed(), report.analysisMs(), report.outcome(), report.reasons());
    assertThat(report.framesAnalysed()).isEqualTo(capture.frames().size());
    assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    // the made frames come on an exact clock, which the injection check also calls out
    assertThat(report.reasons())
        .containsExactly("movement-not-seen", "blink-not-seen", "hand-sweep-not-seen", "frame-timing-synthetic");
    assertThat(report.checks())
        .filteredOn(CheckResult::passed)
        .extracting(CheckResult::id)
        .contains("face-presence", "quality", "colour-response", "same-person", "passive-attack");
    // a time for every stage: measuring the frames, each detector that ran (in the order the checks
    // are listed), the evidence
    List<String> stages = new ArrayList<>();
    stages.add(LivenessReport.MEASURE_STAGE);
    report.checks().forEach(c -> stages.add(c.id()));
    stages.add(LivenessReport.EVIDENCE_STAGE);
    assertThat(report.stageMs().keySet()).containsExactlyElementsOf(stages);
    assertThat(report.stageMs().values()).allSatisfy(ms -> assertThat(ms).isNotNegative());
    assertThat(report.stageMs().get(LivenessReport.MEASURE_STAGE)).isPositive();
    assertThat(report.stageMs().values().stream().mapToDouble(Double::doubleValue).sum())
        .isLessThanOrEqualTo(report.analysisMs() + 1.0);
    assertThat(report.evidence()).extracting(Evidence::kind).containsOnly("audit-frame", "face-crop");
    assertThat(report.evidence()).filteredOn(e -> e.kind().equals("audit-frame")).hasSize(4);
    assertThat(report.evidence()).filteredOn(e -> e.kind().equals("face-crop")).hasSize(2);
    for (Evidence e : report.evidence()) {
      assertThat(TestImages.read(e.jpeg()).getWidth()).isPositive();
    }
  }
}
