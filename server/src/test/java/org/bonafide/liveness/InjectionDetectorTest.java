package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToLongFunction;
import javax.imageio.ImageIO;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.Test;

/**
 * The injection signals on made frames: a textured static scene with a square moving across it,
 * JPEG-encoded as the capture page does, with or without per-pixel Gaussian sensor noise.
 */
class InjectionDetectorTest {
  private static final int W = 320;
  private static final int H = 240;
  private static final int FRAMES = 50;
  private static final Challenge CHALLENGE = SyntheticCapture.challenge(Prompt.TURN_LEFT);

  /** Frame i of the scene: the square at x = 10 + 5i, noise of the given sigma (0: none). */
  private static byte[] scene(int i, double sigma, Random random) {
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    int squareX = 10 + 5 * i;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        double v = 90 + 60 * Math.sin(x / 9.0) * Math.cos(y / 13.0) + x / 8.0;
        if (x >= squareX && x < squareX + 40 && y >= 100 && y < 140) {
          v = 230;
        }
        for (int k = 0; k < 3; k++) {
          double n = sigma > 0 ? random.nextGaussian() * sigma : 0;
          bgr[3 * (y * W + x) + k] = (byte) Math.max(0, Math.min(255, Math.round(v + 10 * k + n)));
        }
      }
    }
    return TestImages.jpeg(image, 0.9f);
  }

  /** Measures the frames as FrameMeasurer does without the face engine: hash and thumbnail, no face. */
  private static CaptureMeasurements measure(List<byte[]> jpegs, IntToLongFunction time, Map<String, Object> telemetry) {
    List<CapturedFrame> frames = new ArrayList<>();
    List<FrameMeasurement> measured = new ArrayList<>();
    for (int i = 0; i < jpegs.size(); i++) {
      long t = time.applyAsLong(i);
      frames.add(new CapturedFrame(i, t, Prompt.HOLD_STILL, null, jpegs.get(i)));
      BufferedImage decoded;
      try {
        decoded = ImageIO.read(new ByteArrayInputStream(jpegs.get(i)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      measured.add(
          new FrameMeasurement(
              i,
              t,
              Prompt.HOLD_STILL,
              null,
              0,
              null,
              null,
              false,
              FrameMeasurer.hash(jpegs.get(i)),
              GreyThumbnail.sample(decoded)));
    }
    return new CaptureMeasurements(CHALLENGE, Timeline.of(CHALLENGE, frames), measured, null, 0.51, 600, telemetry);
  }

  private static List<byte[]> noisy(int count) {
    Random random = new Random(7);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(scene(i, 1.5, random));
    }
    return out;
  }

  /** Browser-like timestamps: 83 ms apart with a few ms of jitter. */
  private static long jittered(int i) {
    return i * 83L + new Random(i).nextInt(9) - 4;
  }

  private static CheckResult check(CaptureMeasurements m) {
    CheckResult result = new InjectionDetector(new DetectorProperties().getInjection()).evaluate(m);
    System.out.println(result.passed() + " " + result.reason() + " " + result.details());
    return result;
  }

  private static final Map<String, Object> WEBCAM = Map.of("cameraLabel", "Integrated Webcam (0c45:6713)");

  @Test
  void aNoisyLiveFeedWithJitteredTimingPasses() {
    CheckResult result = check(measure(noisy(FRAMES), InjectionDetectorTest::jittered, WEBCAM));
    assertThat(result.passed()).as("%s", result).isTrue();
    assertThat(InjectionDetector.signals(result)).doesNotContainValue(true);
    assertThat((double) result.details().get("backgroundNoise")).isGreaterThan(0.5);
    assertThat((double) result.details().get("intervalStdMs")).isGreaterThan(1.0);
  }

  @Test
  void flagsAVirtualCameraLabelWhateverItsCase() {
    CheckResult result =
        check(measure(noisy(FRAMES), InjectionDetectorTest::jittered, Map.of("cameraLabel", "OBS virtual camera")));
    assertThat(result.reason()).isEqualTo("virtual-camera");
    assertThat(result.details()).containsEntry("virtualCameraSignature", "obs virtual");
    assertThat(check(measure(noisy(FRAMES), InjectionDetectorTest::jittered, Map.of("cameraLabel", "Dummy video device (0x0000)")))
            .reason())
        .isEqualTo("virtual-camera");
  }

  @Test
  void flagsPerfectlyRegularTimestampsButNotJitteredOnes() {
    CheckResult regular = check(measure(noisy(FRAMES), i -> i * 83L, WEBCAM));
    assertThat(regular.reason()).isEqualTo("frame-timing-synthetic");
    assertThat((double) regular.details().get("intervalStdMs")).isLessThan(0.6);
    // a script's 12 fps clock rounded to whole ms (83, 83, 84, ...) is still too regular
    CheckResult rounded = check(measure(noisy(FRAMES), i -> Math.round(i * 1000 / 12.0), WEBCAM));
    assertThat(rounded.reason()).isEqualTo("frame-timing-synthetic");
    assertThat(check(measure(noisy(FRAMES), InjectionDetectorTest::jittered, WEBCAM)).passed()).isTrue();
  }

  @Test
  void flagsRepeatedTimestamps() {
    // frames 10, 20, 30 and 40 carry their predecessor's timestamp
    CheckResult result =
        check(measure(noisy(FRAMES), i -> i > 0 && i % 10 == 0 ? jittered(i - 1) : jittered(i), WEBCAM));
    assertThat(result.reason()).as("%s", result).isEqualTo("frame-timing-synthetic");
    assertThat(((Number) result.details().get("repeatedTimestamps")).intValue()).isGreaterThan(1);
  }

  @Test
  void flagsAStalledFeedAsRepeatedFrames() {
    List<byte[]> frames = noisy(FRAMES);
    for (int i = 21; i < 30; i++) {
      frames.set(i, frames.get(20)); // the feed froze for 9 frames
    }
    CheckResult result = check(measure(frames, InjectionDetectorTest::jittered, WEBCAM));
    assertThat(result.reason()).isEqualTo("frames-repeated");
    assertThat(result.details()).containsEntry("longestRepeatRun", 9L);
    assertThat(result.frames()).contains(21, 29);
  }

  @Test
  void flagsALoopedFeedByItsBytes() {
    List<byte[]> first = noisy(25);
    List<byte[]> frames = new ArrayList<>(first);
    frames.addAll(first);
    CheckResult result = check(measure(frames, InjectionDetectorTest::jittered, WEBCAM));
    assertThat(result.reason()).isEqualTo("frames-repeated");
    assertThat(((Number) result.details().get("loopedFrames")).intValue()).isEqualTo(25);
  }

  @Test
  void flagsALoopedFeedByItsPixelsWhenTheBytesDiffer() {
    List<byte[]> first = noisy(25);
    List<byte[]> frames = new ArrayList<>(first);
    for (byte[] jpeg : first) {
      // the same picture with other bytes: a byte after the end-of-image marker, which decoders ignore
      byte[] other = java.util.Arrays.copyOf(jpeg, jpeg.length + 1);
      other[jpeg.length] = 0x42;
      frames.add(other);
    }
    CheckResult result = check(measure(frames, InjectionDetectorTest::jittered, WEBCAM));
    assertThat(result.reason()).isEqualTo("frames-repeated");
    assertThat(((Number) result.details().get("loopedFrames")).intValue()).isEqualTo(25);
  }

  @Test
  void aSlowCameraRepeatingSingleFramesIsNotAnInjection() {
    // a camera at 7.5 fps read at 12 fps: about every other frame repeats its predecessor once
    List<byte[]> frames = noisy(FRAMES);
    for (int i = 1; i < FRAMES; i += 3) {
      frames.set(i, frames.get(i - 1));
    }
    CheckResult result = check(measure(frames, InjectionDetectorTest::jittered, WEBCAM));
    assertThat(result.passed()).as("%s", result).isTrue();
    assertThat(((Number) result.details().get("repeatedFrames")).intValue()).isGreaterThan(10);
  }

  @Test
  void flagsARenderedFeedWithoutSensorNoise() {
    Random random = new Random(3);
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < FRAMES; i++) {
      frames.add(scene(i, 0, random));
    }
    CheckResult result = check(measure(frames, InjectionDetectorTest::jittered, WEBCAM));
    assertThat(result.reason()).as("%s", result).isEqualTo("sensor-noise-missing");
    assertThat((double) result.details().get("backgroundNoise")).isLessThan(0.15);
    assertThat(((Number) result.details().get("repeatedFrames")).intValue()).isZero();
  }

  @Test
  void thumbnailsPickPixelsSoTheNoiseSurvives() {
    Random random = new Random(1);
    BufferedImage a = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
    BufferedImage b = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
    byte[] pa = ((DataBufferByte) a.getRaster().getDataBuffer()).getData();
    byte[] pb = ((DataBufferByte) b.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < pa.length; i++) {
      pa[i] = (byte) (128 + Math.round(random.nextGaussian() * 2));
      pb[i] = (byte) (128 + Math.round(random.nextGaussian() * 2));
    }
    GreyThumbnail ta = GreyThumbnail.sample(a);
    GreyThumbnail tb = GreyThumbnail.sample(b);
    assertThat(ta.width()).isEqualTo(160);
    assertThat(ta.stride()).isEqualTo(4);
    // grey of three channels with sigma 2 each: sigma ~1.3; difference of two frames: mean |d| ~1.5
    assertThat(ta.meanAbsDifference(tb)).isBetween(0.8, 2.5);
    assertThat(ta.meanAbsDifference(ta)).isZero();
  }
}
