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

  /** Measures the frames as FrameMeasurer does without the face engine: hash, thumbnail, JPEG traits, no face. */
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
              GreyThumbnail.sample(decoded),
              JpegTraits.read(jpegs.get(i)),
              null,
              null));
    }
    return new CaptureMeasurements(CHALLENGE, Timeline.of(CHALLENGE, frames), measured, null, 0.51, 600, telemetry);
  }

  private static final Map<Integer, List<byte[]>> NOISY = new java.util.concurrent.ConcurrentHashMap<>();

  /** The first {@code count} noisy frames (made once per count; a fresh list each call, to change at will). */
  private static List<byte[]> noisy(int count) {
    return new ArrayList<>(
        NOISY.computeIfAbsent(
            count,
            n -> {
              Random random = new Random(7);
              List<byte[]> out = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                out.add(scene(i, 1.5, random));
              }
              return List.copyOf(out);
            }));
  }

  /** Browser-like timestamps: 83 ms apart with a few ms of jitter. */
  private static long jittered(int i) {
    return i * 83L + new Random(i).nextInt(9) - 4;
  }

  private static CheckResult check(CaptureMeasurements m) {
    CheckResult result = new InjectionDetector(InjectionDetector.Settings.defaults()).evaluate(m);
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

  // ---- emulators, device consistency, JPEG traits ----

  private static final String PIXEL_UA =
      "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
  private static final String DESKTOP_UA =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  /** The capture page's telemetry for a 320x240 camera (frames are 320x240 at quality 0.9). */
  private static Map<String, Object> page(String userAgent, int touchPoints) {
    Map<String, Object> t = new java.util.LinkedHashMap<>();
    t.put("cameraLabel", "Integrated Webcam (0c45:6713)");
    t.put("trackSettings", Map.of("width", W, "height", H, "frameRate", 30));
    t.put("videoWidth", W);
    t.put("videoHeight", H);
    t.put("userAgent", userAgent);
    t.put("maxTouchPoints", touchPoints);
    t.put("capture", Map.of("targetFps", 12, "jpegQuality", 0.9, "maxWidth", 640));
    return t;
  }

  private static Map<String, Object> with(Map<String, Object> telemetry, String key, Object value) {
    Map<String, Object> t = new java.util.LinkedHashMap<>(telemetry);
    t.put(key, value);
    return t;
  }

  private static CheckResult live(Map<String, Object> telemetry) {
    return check(measure(noisy(FRAMES), InjectionDetectorTest::jittered, telemetry));
  }

  @Test
  void theCapturePagesTelemetryWithFramesThatFitItPasses() {
    CheckResult desktop = live(page(DESKTOP_UA, 0));
    assertThat(desktop.passed()).as("%s", desktop).isTrue();
    assertThat(desktop.details())
        .containsEntry("frameSizes", List.of("320x240"))
        .containsEntry("reportedVideoSize", "320x240")
        .containsEntry("jpegQuality", 90L)
        .containsEntry("declaredJpegQuality", 90L)
        .containsEntry("jpegEncodings", 1L)
        .containsEntry("mobileClaimed", false);
    CheckResult phone = live(page(PIXEL_UA, 5));
    assertThat(phone.passed()).as("%s", phone).isTrue();
    assertThat(phone.details()).containsEntry("mobileClaimed", true);
    // a native app that leaves touch out is not judged on it
    Map<String, Object> app = page(PIXEL_UA, 0);
    app.remove("maxTouchPoints");
    assertThat(live(app).passed()).isTrue();
  }

  @Test
  void flagsAMobileClaimWithoutTouch() {
    CheckResult ua = live(page(PIXEL_UA, 0));
    assertThat(ua.reason()).as("%s", ua).isEqualTo("device-inconsistent");
    assertThat(ua.details()).containsEntry("touchInconsistent", true);
    CheckResult hints = live(with(page(DESKTOP_UA, 0), "userAgentData", Map.of("mobile", true, "platform", "Android")));
    assertThat(hints.reason()).isEqualTo("device-inconsistent");
    assertThat(live(with(page(DESKTOP_UA, 0), "userAgentData", Map.of("mobile", false))).passed()).isTrue();
  }

  @Test
  void flagsFramesOfTwoSizes() {
    List<byte[]> frames = noisy(FRAMES);
    Random random = new Random(11);
    for (int i = 30; i < FRAMES; i++) {
      BufferedImage small = decode(frames.get(i));
      BufferedImage scaled = new BufferedImage(W / 2, H / 2, BufferedImage.TYPE_3BYTE_BGR);
      java.awt.Graphics2D g = scaled.createGraphics();
      g.drawImage(small, 0, 0, W / 2, H / 2, null);
      g.dispose();
      addNoise(scaled, random);
      frames.set(i, TestImages.jpeg(scaled, 0.9f));
    }
    // no telemetry at all: the sizes come from the frames' own headers
    CheckResult result = check(measure(frames, InjectionDetectorTest::jittered, Map.of()));
    assertThat(result.reason()).as("%s", result).isEqualTo("device-inconsistent");
    assertThat(result.details())
        .containsEntry("frameSizeChanged", true)
        .containsEntry("frameSizes", List.of("320x240", "160x120"));
    assertThat(result.frames()).contains(30, 49);
  }

  private static BufferedImage decode(byte[] jpeg) {
    try {
      return ImageIO.read(new ByteArrayInputStream(jpeg));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addNoise(BufferedImage image, Random random) {
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < bgr.length; i++) {
      bgr[i] = (byte) Math.max(0, Math.min(255, (bgr[i] & 0xff) + Math.round(random.nextGaussian() * 1.5)));
    }
  }

  @Test
  void flagsFramesWhoseSizeDoesNotFitTheReportedVideo() {
    // a 1280x720 camera scaled to 640 wide gives 640x360, not the 320x240 that arrived
    Map<String, Object> hd = with(with(page(DESKTOP_UA, 0), "videoWidth", 1280), "videoHeight", 720);
    CheckResult result = live(hd);
    assertThat(result.reason()).as("%s", result).isEqualTo("device-inconsistent");
    assertThat(result.details()).containsEntry("frameSizeMismatch", true).containsEntry("reportedVideoSize", "1280x720");
    // 640x480 scaled to a declared maximum of 320 is what arrived
    Map<String, Object> vga = with(with(page(DESKTOP_UA, 0), "videoWidth", 640), "videoHeight", 480);
    assertThat(live(vga).reason()).isEqualTo("device-inconsistent");
    assertThat(live(with(vga, "capture", Map.of("jpegQuality", 0.9, "maxWidth", 320))).passed()).isTrue();
    // a phone reports its sensor's landscape size for a portrait video: either orientation fits
    Map<String, Object> turned = with(with(page(PIXEL_UA, 5), "videoWidth", H), "videoHeight", W);
    assertThat(live(turned).passed()).isTrue();
    // without a declared maximum width, any smaller frame of the video's aspect ratio fits
    Map<String, Object> app = with(vga, "capture", Map.of("jpegQuality", 0.9));
    assertThat(live(app).passed()).isTrue();
    assertThat(live(with(with(app, "videoWidth", 1280), "videoHeight", 720)).reason()).isEqualTo("device-inconsistent");
  }

  @Test
  void flagsTablesThatChangeBetweenFrames() {
    List<byte[]> frames = noisy(FRAMES);
    for (int i = 1; i < FRAMES; i += 2) {
      frames.set(i, TestImages.jpeg(decode(frames.get(i)), 0.8f));
    }
    CheckResult result = check(measure(frames, InjectionDetectorTest::jittered, WEBCAM));
    assertThat(result.reason()).as("%s", result).isEqualTo("jpeg-traits-mismatch");
    assertThat(result.details()).containsEntry("jpegEncodingChanged", true).containsEntry("jpegEncodings", 2L);
  }

  @Test
  void flagsAQualityFarFromTheDeclaredOneOnlyBeyondTheTolerance() {
    // the frames are encoded at 0.9
    CheckResult far = live(with(page(DESKTOP_UA, 0), "capture", Map.of("jpegQuality", 0.6, "maxWidth", 640)));
    assertThat(far.reason()).as("%s", far).isEqualTo("jpeg-traits-mismatch");
    assertThat(far.details()).containsEntry("jpegQualityMismatch", true).containsEntry("declaredJpegQuality", 60L);
    CheckResult near = live(with(page(DESKTOP_UA, 0), "capture", Map.of("jpegQuality", 0.85, "maxWidth", 640)));
    assertThat(near.passed()).as("%s", near).isTrue();
    // a native app declaring quality in per cent
    assertThat(live(with(page(DESKTOP_UA, 0), "capture", Map.of("jpegQuality", 90))).passed()).isTrue();
  }

  @Test
  void flagsAnEncoderCommentAndCameraExifButNotAnOrientationTag() {
    List<byte[]> lavc = noisy(FRAMES);
    lavc.replaceAll(jpeg -> JpegTraitsTest.withSegment(jpeg, 0xFE, JpegTraitsTest.ascii("Lavc58.134.100")));
    CheckResult comment = check(measure(lavc, InjectionDetectorTest::jittered, page(DESKTOP_UA, 0)));
    assertThat(comment.reason()).as("%s", comment).isEqualTo("jpeg-traits-mismatch");
    assertThat(comment.details())
        .containsEntry("foreignSegments", List.of("COM"))
        .containsEntry("encoderSignature", "lavc")
        .containsEntry("foreignSegmentFrames", (long) FRAMES);

    List<byte[]> exif = noisy(FRAMES);
    exif.set(7, JpegTraitsTest.withSegment(exif.get(7), 0xE1, JpegTraitsTest.exifWithWriter("Apple", "iPhone 12", "16.1")));
    CheckResult camera = check(measure(exif, InjectionDetectorTest::jittered, page(DESKTOP_UA, 0)));
    assertThat(camera.reason()).isEqualTo("jpeg-traits-mismatch");
    assertThat(camera.details()).containsEntry("foreignSegments", List.of("APP1:Exif"));
    assertThat(camera.frames()).containsExactly(7);

    List<byte[]> oriented = noisy(FRAMES);
    oriented.replaceAll(jpeg -> TestImages.withExifOrientation(jpeg, 1));
    assertThat(check(measure(oriented, InjectionDetectorTest::jittered, page(DESKTOP_UA, 0))).passed()).isTrue();

    // reported, not failed, when the metadata rule is switched off
    InjectionDetector.Settings settings =
        DetectorSettings.bind(
            InjectionDetector.Settings.class, Map.of(DetectorSettings.PREFIX + InjectionDetector.ID + ".jpeg-metadata", String.valueOf(false)));
    CheckResult reported = new InjectionDetector(settings).evaluate(measure(lavc, InjectionDetectorTest::jittered, page(DESKTOP_UA, 0)));
    assertThat(reported.passed()).isTrue();
    assertThat(reported.details()).containsEntry("foreignSegments", List.of("COM"));
  }

  @Test
  void flagsEmulatorUserAgentsModelsAndDevices() {
    String avd =
        "Mozilla/5.0 (Linux; Android 11; sdk_gphone_x86) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/83.0.4103.106"
            + " Mobile Safari/537.36";
    CheckResult ua = live(page(avd, 5));
    assertThat(ua.reason()).as("%s", ua).isEqualTo("emulator");
    assertThat(ua.details()).containsEntry("emulatorSignature", "sdk_gphone").containsEntry("emulatorField", "userAgent");
    CheckResult model =
        live(with(page(PIXEL_UA, 5), "userAgentData", Map.of("mobile", true, "model", "Android SDK built for x86_64")));
    assertThat(model.reason()).isEqualTo("emulator");
    assertThat(model.details()).containsEntry("emulatorField", "userAgentData.model");
    CheckResult device = live(with(page(PIXEL_UA, 5), "device", Map.of("manufacturer", "Genymotion", "model", "Pixel 3")));
    assertThat(device.reason()).isEqualTo("emulator");
    assertThat(device.details()).containsEntry("emulatorField", "device.manufacturer");
    assertThat(live(with(page(PIXEL_UA, 5), "userAgentData", Map.of("mobile", true, "model", "Pixel 7"))).passed()).isTrue();
  }

  @Test
  void everySignalHasItsReasonInOrder() {
    assertThat(InjectionDetector.SIGNALS).isSorted();
    assertThat(InjectionDetector.SIGNALS).allMatch(r -> r.outcome() == Outcome.FAILED);
  }
}
