package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bonafide.biometrics.FaceBox;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Signs that the frames were injected rather than captured by a live camera: a camera label
 * naming a virtual camera or an emulator ({@code virtual-camera}); a user agent or device model
 * naming an emulator ({@code emulator}); frame timestamps that repeat or are more regular than a
 * browser timer ({@code frame-timing-synthetic}); frames identical to the previous one for too
 * long, or to an earlier one (a stalled or looped feed: {@code frames-repeated}); a static
 * background without temporal sensor noise ({@code sensor-noise-missing}); telemetry that
 * contradicts itself or the frames' own sizes ({@code device-inconsistent}); and JPEG encoding
 * that does not fit a capture page's canvas ({@code jpeg-traits-mismatch}). The label, user agent,
 * telemetry and timestamps are client-supplied: they catch careless tools, not a determined
 * attacker ({@code docs/liveness.md}). Each signal is reported in the details; when several fire,
 * the reason is the first in {@link LivenessReason} order.
 */
@Component
@Order(150)
final class InjectionDetector extends ConfiguredDetector<InjectionDetector.Settings> {
  static final String ID = "injection";
  /** Thumbnail pixels per side of a background block. */
  static final int BLOCK = 8;
  /** A block whose mean grey level changed more than this between frames moved or was relit. */
  static final double STATIC_BLOCK_CHANGE = 1.0;
  /** Blocks this dark or bright clip their noise away. */
  static final int CLIPPED_BELOW = 16;

  static final int CLIPPED_ABOVE = 239;
  /** Background blocks a frame pair needs for its noise to count. */
  static final int MIN_BLOCKS = 8;
  /** Frames this uniform (a covered lens, a black frame) repeat without saying anything. */
  static final double UNIFORM_CONTRAST = 2.0;

  /** The reasons this detector gives, in {@link LivenessReason} order. */
  static final List<LivenessReason> SIGNALS =
      List.of(
          LivenessReason.VIRTUAL_CAMERA,
          LivenessReason.EMULATOR,
          LivenessReason.FRAME_TIMING_SYNTHETIC,
          LivenessReason.FRAMES_REPEATED,
          LivenessReason.SENSOR_NOISE_MISSING,
          LivenessReason.DEVICE_INCONSISTENT,
          LivenessReason.JPEG_TRAITS_MISMATCH);

  /**
   * Writers named in COM comments, EXIF Software or XMP CreatorTool (lower case): named in the
   * details when a frame carries such metadata.
   */
  static final List<String> ENCODERS =
      List.of(
          "lavc",
          "lavf",
          "ffmpeg",
          "opencv",
          "gstreamer",
          "obs",
          "gimp",
          "photoshop",
          "adobe",
          "lightroom",
          "imagemagick",
          "graphicsmagick",
          "libvips",
          "paint.net",
          "snapseed",
          "canva",
          "handbrake");

  InjectionDetector(InjectionDetector.Settings settings) {
    super(
        ID,
        "Virtual-camera and emulator signatures, synthetic frame timing, repeated frames, missing sensor"
            + " noise, inconsistent device telemetry and foreign JPEG traits.",
        settings);
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Details details = new Details();
    List<LivenessReason> fired = new ArrayList<>();
    List<Integer> used = new ArrayList<>();

    String label = cameraLabel(capture.telemetry());
    String signature = virtualCamera(label);
    details.put("cameraLabel", label).put("virtualCameraSignature", signature);
    if (signature != null) {
      fired.add(LivenessReason.VIRTUAL_CAMERA);
    }

    List<FrameMeasurement> frames = capture.frames();
    Timing timing = timing(frames);
    details.put("intervals", timing.intervals()).put("intervalMeanMs", timing.meanMs());
    details.put("intervalStdMs", timing.stdMs()).put("repeatedTimestamps", timing.repeated());
    boolean regular = timing.intervals() >= settings.minIntervals() && timing.stdMs() < settings.minIntervalStdMs();
    if (regular || timing.repeated() > settings.maxRepeatedTimestamps()) {
      fired.add(LivenessReason.FRAME_TIMING_SYNTHETIC);
      used.addAll(timing.repeatedFrames());
    }

    Repeats repeats = repeats(frames, settings.identicalBelow());
    double repeatedFraction = frames.size() < 2 ? 0 : (double) repeats.repeated().size() / (frames.size() - 1);
    details.put("repeatedFrames", repeats.repeated().size()).put("repeatedFraction", repeatedFraction);
    details.put("longestRepeatRun", repeats.longestRun()).put("loopedFrames", repeats.looped().size());
    if (repeats.longestRun() > settings.maxRepeatRun()
        || repeatedFraction > settings.maxRepeatedFraction()
        || repeats.looped().size() > settings.maxLoopedFrames()) {
      fired.add(LivenessReason.FRAMES_REPEATED);
      used.addAll(repeats.repeated().stream().limit(20).toList());
      used.addAll(repeats.looped().stream().limit(20).toList());
    }

    Noise noise = backgroundNoise(frames);
    details.put("noisePairs", noise.pairs()).put("backgroundNoise", noise.median());
    if (noise.pairs() >= settings.minNoisePairs() && noise.median() < settings.minBackgroundNoise()) {
      fired.add(LivenessReason.SENSOR_NOISE_MISSING);
      used.addAll(noise.frames().stream().limit(20).toList());
    }

    String emulator = emulator(capture.telemetry(), details);
    if (emulator != null) {
      fired.add(LivenessReason.EMULATOR);
    }

    if (deviceInconsistent(capture.telemetry(), frames, details, used)) {
      fired.add(LivenessReason.DEVICE_INCONSISTENT);
    }

    if (jpegMismatch(capture.telemetry(), frames, details, used)) {
      fired.add(LivenessReason.JPEG_TRAITS_MISMATCH);
    }

    details.put("signals", fired.stream().sorted().map(LivenessReason::code).toList());
    double score = 1 - (double) fired.size() / SIGNALS.size();
    if (fired.isEmpty()) {
      return Details.pass(ID, score, used, details);
    }
    LivenessReason first = fired.stream().min(Enum::compareTo).orElseThrow();
    return Details.fail(ID, score, first, used.stream().distinct().sorted().toList(), details);
  }

  /** The camera label from the telemetry ({@code cameraLabel}), or null. */
  static String cameraLabel(Map<String, Object> telemetry) {
    Object label = telemetry.get("cameraLabel");
    return label == null ? null : label.toString();
  }

  /** The configured signature the label contains (case-insensitive), or null. */
  String virtualCamera(String label) {
    if (label == null || label.isBlank()) {
      return null;
    }
    String lower = label.toLowerCase(Locale.ROOT);
    for (String signature : settings.virtualCameras()) {
      if (signature != null && !signature.isBlank() && lower.contains(signature.toLowerCase(Locale.ROOT).trim())) {
        return signature;
      }
    }
    return null;
  }

  record Timing(int intervals, double meanMs, double stdMs, int repeated, List<Integer> repeatedFrames) {}

  /** Intervals between consecutive frames' timestamps; repeats are intervals of 0 ms or less. */
  static Timing timing(List<FrameMeasurement> frames) {
    int n = frames.size() - 1;
    if (n < 1) {
      return new Timing(0, Double.NaN, Double.NaN, 0, List.of());
    }
    double sum = 0;
    double squares = 0;
    List<Integer> repeated = new ArrayList<>();
    for (int i = 1; i < frames.size(); i++) {
      long d = frames.get(i).timestampMs() - frames.get(i - 1).timestampMs();
      if (d <= 0) {
        repeated.add(frames.get(i).index());
      }
      sum += d;
      squares += (double) d * d;
    }
    double mean = sum / n;
    double std = Math.sqrt(Math.max(0, squares / n - mean * mean));
    return new Timing(n, mean, std, repeated.size(), repeated);
  }

  record Repeats(List<Integer> repeated, int longestRun, List<Integer> looped) {}

  /**
   * Frames identical to their predecessor (same bytes, or thumbnails closer than {@code
   * identicalBelow}), the longest run of them, and frames identical to an earlier frame that is
   * not their predecessor, by bytes or thumbnail. Uniform frames (a covered lens) are left out.
   */
  static Repeats repeats(List<FrameMeasurement> frames, double identicalBelow) {
    List<Integer> repeated = new ArrayList<>();
    List<Integer> looped = new ArrayList<>();
    Map<Long, Integer> seenHashes = new HashMap<>();
    int run = 0;
    int longest = 0;
    for (int i = 0; i < frames.size(); i++) {
      FrameMeasurement f = frames.get(i);
      boolean uniform = f.thumbnail() != null && f.thumbnail().contrast() < UNIFORM_CONTRAST;
      FrameMeasurement previous = i > 0 ? frames.get(i - 1) : null;
      boolean same = previous != null && !uniform && identical(previous, f, identicalBelow);
      if (same) {
        repeated.add(f.index());
        run++;
        longest = Math.max(longest, run);
      } else {
        run = 0;
        if (!uniform && loops(frames, i, seenHashes, identicalBelow)) {
          looped.add(f.index());
        }
      }
      if (f.imageHash() != 0) {
        seenHashes.putIfAbsent(f.imageHash(), i);
      }
    }
    return new Repeats(repeated, longest, looped);
  }

  /** Whether frame i equals an earlier frame other than its predecessor. */
  private static boolean loops(List<FrameMeasurement> frames, int i, Map<Long, Integer> seenHashes, double below) {
    FrameMeasurement f = frames.get(i);
    Integer earlier = f.imageHash() == 0 ? null : seenHashes.get(f.imageHash());
    if (earlier != null && earlier < i - 1) {
      return true;
    }
    if (f.thumbnail() == null) {
      return false;
    }
    for (int j = 0; j < i - 1; j++) {
      GreyThumbnail t = frames.get(j).thumbnail();
      if (f.thumbnail().comparable(t) && f.thumbnail().closerThan(t, below)) {
        return true;
      }
    }
    return false;
  }

  private static boolean identical(FrameMeasurement a, FrameMeasurement b, double below) {
    if (a.imageHash() != 0 && a.imageHash() == b.imageHash()) {
      return true;
    }
    return a.thumbnail() != null
        && a.thumbnail().comparable(b.thumbnail())
        && a.thumbnail().closerThan(b.thumbnail(), below);
  }

  record Noise(int pairs, double median, List<Integer> frames) {}

  /**
   * The temporal noise of the static background: for each pair of consecutive, different frames,
   * the blocks outside both faces (grown by half the face's size each side) that are neither
   * clipped nor changed in mean (no motion, no relighting by the screen's colours); in each, the
   * mean absolute change left after removing the block's mean change; the pair's value is the
   * median over its blocks. The capture's value is the median over pairs.
   */
  static Noise backgroundNoise(List<FrameMeasurement> frames) {
    List<Double> values = new ArrayList<>();
    List<Integer> used = new ArrayList<>();
    for (int i = 1; i < frames.size(); i++) {
      FrameMeasurement a = frames.get(i - 1);
      FrameMeasurement b = frames.get(i);
      if (a.thumbnail() == null || !a.thumbnail().comparable(b.thumbnail())) {
        continue;
      }
      // identical frames are the repeat check's business, not evidence about noise
      if (a.thumbnail().closerThan(b.thumbnail(), 1e-9)) {
        continue;
      }
      double v = pairNoise(a, b);
      if (!Double.isNaN(v)) {
        values.add(v);
        used.add(b.index());
      }
    }
    double median = CaptureMeasurements.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    return new Noise(values.size(), median, used);
  }

  /** One pair's background noise, or NaN when it has too few static background blocks. */
  static double pairNoise(FrameMeasurement a, FrameMeasurement b) {
    GreyThumbnail ta = a.thumbnail();
    GreyThumbnail tb = b.thumbnail();
    List<Double> blocks = new ArrayList<>();
    for (int by = 0; by + BLOCK <= ta.height(); by += BLOCK) {
      for (int bx = 0; bx + BLOCK <= ta.width(); bx += BLOCK) {
        if (nearFace(a, ta, bx, by) || nearFace(b, tb, bx, by)) {
          continue;
        }
        double meanA = 0;
        double meanB = 0;
        for (int y = by; y < by + BLOCK; y++) {
          for (int x = bx; x < bx + BLOCK; x++) {
            meanA += ta.at(x, y);
            meanB += tb.at(x, y);
          }
        }
        int n = BLOCK * BLOCK;
        meanA /= n;
        meanB /= n;
        double shift = meanB - meanA;
        if (Math.abs(shift) > STATIC_BLOCK_CHANGE
            || Math.min(meanA, meanB) < CLIPPED_BELOW
            || Math.max(meanA, meanB) > CLIPPED_ABOVE) {
          continue;
        }
        double residual = 0;
        for (int y = by; y < by + BLOCK; y++) {
          for (int x = bx; x < bx + BLOCK; x++) {
            residual += Math.abs(tb.at(x, y) - ta.at(x, y) - shift);
          }
        }
        blocks.add(residual / n);
      }
    }
    if (blocks.size() < MIN_BLOCKS) {
      return Double.NaN;
    }
    return CaptureMeasurements.median(blocks.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Whether the thumbnail block overlaps the frame's face box grown by half its size each side. */
  private static boolean nearFace(FrameMeasurement f, GreyThumbnail t, int bx, int by) {
    if (!f.hasFace()) {
      return false;
    }
    FaceBox box = f.face().box();
    double s = t.stride();
    double x1 = (box.x1() - box.width() / 2) / s;
    double x2 = (box.x2() + box.width() / 2) / s;
    double y1 = (box.y1() - box.height() / 2) / s;
    double y2 = (box.y2() + box.height() / 2) / s;
    return bx + BLOCK > x1 && bx < x2 && by + BLOCK > y1 && by < y2;
  }

  // ---- emulator ----

  /**
   * The configured emulator signature found in the user agent, the client hints' model or
   * platform, or a native app's {@code device} fields (case-insensitive), or null; the field it was
   * found in goes to the details.
   */
  String emulator(Map<String, Object> telemetry, Details details) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("userAgent", text(telemetry.get("userAgent")));
    fields.put("userAgentData.model", text(at(telemetry, "userAgentData", "model")));
    fields.put("userAgentData.platform", text(at(telemetry, "userAgentData", "platform")));
    if (telemetry.get("device") instanceof Map<?, ?> device) {
      device.forEach((k, v) -> fields.put("device." + k, text(v)));
    }
    for (Map.Entry<String, String> field : fields.entrySet()) {
      String value = field.getValue();
      if (value == null || value.isBlank()) {
        continue;
      }
      String lower = value.toLowerCase(Locale.ROOT);
      for (String signature : settings.emulators()) {
        if (signature != null && !signature.isBlank() && lower.contains(signature.toLowerCase(Locale.ROOT).trim())) {
          details.put("emulatorSignature", signature).put("emulatorField", field.getKey());
          return signature;
        }
      }
    }
    return null;
  }

  // ---- device consistency ----

  /** A {@code Mobile}, {@code iPhone} or {@code iPod} user agent, or client hints saying mobile. */
  static boolean mobileClaimed(Map<String, Object> telemetry) {
    if (Boolean.TRUE.equals(at(telemetry, "userAgentData", "mobile"))) {
      return true;
    }
    String ua = text(telemetry.get("userAgent"));
    return ua != null && (ua.contains("Mobile") || ua.contains("iPhone") || ua.contains("iPod"));
  }

  /**
   * Telemetry that contradicts itself or the frames: a mobile claim with {@code maxTouchPoints} 0
   * (every phone has a touch screen; a desktop browser with a phone's user agent has none); frames
   * of more than one size (their headers, not the client, say so: the resolution changed during the
   * capture); frames whose size is not the reported video's as the capture page scales it.
   */
  boolean deviceInconsistent(
      Map<String, Object> telemetry, List<FrameMeasurement> frames, Details details, List<Integer> used) {
    boolean fired = false;
    boolean mobile = mobileClaimed(telemetry);
    Number touch = telemetry.get("maxTouchPoints") instanceof Number n ? n : null;
    details.put("mobileClaimed", mobile);
    if (touch != null) {
      details.put("maxTouchPoints", touch.longValue());
    }
    if (mobile && touch != null && touch.intValue() == 0) {
      details.put("touchInconsistent", true);
      fired = true;
    }

    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (FrameMeasurement f : frames) {
      if (f.jpeg() != null && f.jpeg().hasFrameHeader()) {
        sizes.merge(f.jpeg().size(), 1, Integer::sum);
      }
    }
    if (sizes.isEmpty()) {
      return fired;
    }
    details.put("frameSizes", List.copyOf(sizes.keySet()));
    String common = sizes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    if (sizes.size() > 1) {
      details.put("frameSizeChanged", true);
      fired = true;
      used.addAll(
          frames.stream()
              .filter(f -> f.jpeg() != null && f.jpeg().hasFrameHeader() && !common.equals(f.jpeg().size()))
              .map(FrameMeasurement::index)
              .limit(20)
              .toList());
    }
    Object declaredChanges = at(telemetry, "capture", "frameSizeChanges");
    if (declaredChanges instanceof Number n) {
      details.put("declaredFrameSizeChanges", n.longValue());
    }
    int[] video = reportedVideoSize(telemetry);
    if (video == null) {
      return fired;
    }
    details.put("reportedVideoSize", video[0] + "x" + video[1]);
    Number maxWidth = at(telemetry, "capture", "maxWidth") instanceof Number n ? n : null;
    int[] frame = parseSize(common);
    if (!fits(frame, video, maxWidth, settings.frameSizeTolerance())) {
      details.put("frameSizeMismatch", true);
      fired = true;
    }
    return fired;
  }

  /** {@code videoWidth} x {@code videoHeight}, else the track settings' size, or null. */
  static int[] reportedVideoSize(Map<String, Object> telemetry) {
    if (telemetry.get("videoWidth") instanceof Number w
        && telemetry.get("videoHeight") instanceof Number h
        && w.intValue() > 0
        && h.intValue() > 0) {
      return new int[] {w.intValue(), h.intValue()};
    }
    if (at(telemetry, "trackSettings", "width") instanceof Number w
        && at(telemetry, "trackSettings", "height") instanceof Number h
        && w.intValue() > 0
        && h.intValue() > 0) {
      return new int[] {w.intValue(), h.intValue()};
    }
    return null;
  }

  /**
   * Whether a frame of this size comes from the video, in either orientation (a phone reports its
   * sensor's landscape size, or turned between telemetry and capture): with a declared {@code
   * maxWidth}, the page's scaling (factor min(1, maxWidth / width), each side rounded) within the
   * tolerance; without, any size no larger than the video with its aspect ratio within 2%.
   */
  static boolean fits(int[] frame, int[] video, Number maxWidth, int tolerance) {
    for (int[] v : List.of(video, new int[] {video[1], video[0]})) {
      if (maxWidth != null && maxWidth.doubleValue() > 0) {
        double scale = Math.min(1, maxWidth.doubleValue() / v[0]);
        long w = Math.round(v[0] * scale);
        long h = Math.round(v[1] * scale);
        if (Math.abs(frame[0] - w) <= tolerance && Math.abs(frame[1] - h) <= tolerance) {
          return true;
        }
      } else {
        double aspect = (double) frame[0] / frame[1];
        double expected = (double) v[0] / v[1];
        if (frame[0] <= v[0] + tolerance && Math.abs(aspect / expected - 1) <= 0.02) {
          return true;
        }
      }
    }
    return false;
  }

  private static int[] parseSize(String size) {
    int x = size.indexOf('x');
    return new int[] {Integer.parseInt(size.substring(0, x)), Integer.parseInt(size.substring(x + 1))};
  }

  // ---- JPEG traits ----

  /**
   * JPEG encoding that does not fit a capture page, whose canvas encodes every frame with one
   * encoder at one quality: more than one encoding (quantisation tables, frame type, chroma
   * subsampling) in the capture; scaled standard tables whose IJG quality is more than {@code
   * maxQualityDifference} from the declared {@code capture.jpegQuality}; metadata a canvas never
   * writes (when {@code jpegMetadata}).
   */
  boolean jpegMismatch(
      Map<String, Object> telemetry, List<FrameMeasurement> frames, Details details, List<Integer> used) {
    Map<String, Integer> encodings = new LinkedHashMap<>();
    Map<Integer, Integer> qualities = new HashMap<>();
    List<String> subsampling = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    int jpegs = 0;
    int progressive = 0;
    int withForeign = 0;
    for (FrameMeasurement f : frames) {
      JpegTraits t = f.jpeg();
      if (t == null) {
        continue;
      }
      jpegs++;
      encodings.merge(t.encoding(), 1, Integer::sum);
      qualities.merge(t.quality(), 1, Integer::sum);
      if (t.subsampling() != null && !subsampling.contains(t.subsampling())) {
        subsampling.add(t.subsampling());
      }
      if (t.progressive()) {
        progressive++;
      }
      if (!t.foreign().isEmpty()) {
        withForeign++;
        t.foreign().stream().filter(x -> !foreign.contains(x)).forEach(foreign::add);
        t.texts().stream().filter(x -> !texts.contains(x) && texts.size() < 4).forEach(texts::add);
      }
    }
    details.put("jpegFrames", jpegs);
    if (jpegs == 0) {
      return false;
    }
    boolean fired = false;
    details.put("jpegEncodings", encodings.size()).put("jpegSubsampling", subsampling);
    details.put("progressiveFrames", progressive);
    if (encodings.size() > 1) {
      details.put("jpegEncodingChanged", true);
      fired = true;
      String usual = encodings.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      used.addAll(
          frames.stream()
              .filter(f -> f.jpeg() != null && !usual.equals(f.jpeg().encoding()))
              .map(FrameMeasurement::index)
              .limit(20)
              .toList());
    }

    int quality = qualities.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    details.put("jpegQuality", quality < 0 ? null : (long) quality);
    Object declared = at(telemetry, "capture", "jpegQuality");
    if (declared instanceof Number d && d.doubleValue() > 0) {
      long declaredQuality = Math.round(d.doubleValue() <= 1 ? d.doubleValue() * 100 : d.doubleValue());
      details.put("declaredJpegQuality", declaredQuality);
      if (quality > 0 && Math.abs(quality - declaredQuality) > settings.maxQualityDifference()) {
        details.put("jpegQualityMismatch", true);
        fired = true;
      }
    }

    if (!foreign.isEmpty()) {
      details.put("foreignSegments", foreign).put("foreignSegmentFrames", withForeign);
      details.put("metadataTexts", texts).put("encoderSignature", JpegTraits.signature(texts, ENCODERS));
      if (settings.jpegMetadata()) {
        fired = true;
        used.addAll(
            frames.stream()
                .filter(f -> f.jpeg() != null && !f.jpeg().foreign().isEmpty())
                .map(FrameMeasurement::index)
                .limit(20)
                .toList());
      }
    }
    return fired;
  }

  // ---- telemetry ----

  /** The telemetry's value at this path of nested objects, or null. */
  static Object at(Map<String, Object> telemetry, String... path) {
    Object node = telemetry;
    for (String key : path) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** For tests and details: each signal's reason with whether it fired. */
  static Map<String, Boolean> signals(CheckResult result) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    Object fired = result.details().get("signals");
    for (LivenessReason r : SIGNALS) {
      out.put(r.code(), fired instanceof List<?> list && list.contains(r.code()));
    }
    return out;
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param virtualCameras case-insensitive substrings of the camera label that name a virtual
   *     camera, a camera-forwarding app or an emulator's camera: virtual-camera.
   * @param minIntervals frame intervals needed before their regularity is judged.
   * @param minIntervalStdMs standard deviation of the frame intervals, in ms, below which the
   *     timing is synthetic.
   * @param maxRepeatedTimestamps frames allowed with the previous frame's timestamp (or an earlier
   *     one).
   * @param identicalBelow mean absolute grey difference of the thumbnails below which two frames
   *     are the same picture.
   * @param maxRepeatRun longest allowed run of frames identical to their predecessor (a camera
   *     slowed down by a dark room repeats a frame or two when the page captures faster than it
   *     delivers).
   * @param maxRepeatedFraction share of frames identical to their predecessor above which the feed
   *     is stalled.
   * @param maxLoopedFrames frames allowed to be identical to an earlier, not adjacent frame (a
   *     looped feed); a live sensor's noise never repeats.
   * @param minNoisePairs consecutive frame pairs with enough static background needed to judge the
   *     sensor noise.
   * @param minBackgroundNoise median temporal noise of the static background (mean absolute grey
   *     change left after removing each block's mean change) below which: sensor-noise-missing.
   * @param emulators case-insensitive substrings of the user agent, the client hints' {@code
   *     model} and {@code platform}, and the native apps' {@code device} fields that name an
   *     Android emulator or app player (Android Studio's {@code sdk_gphone…} and "Android SDK
   *     built for x86", Genymotion's {@code vbox86p}, the emulator's {@code ranchu} and {@code
   *     goldfish} boards, BlueStacks, MEmu's Microvirt): emulator.
   * @param frameSizeTolerance pixels by which a frame's size (read from its JPEG header) may
   *     differ from the size the reported video gives once scaled as the capture page scales it:
   *     device-inconsistent beyond.
   * @param maxQualityDifference largest difference between the declared JPEG quality ({@code
   *     capture.jpegQuality} x 100) and the IJG quality of the frames' tables, judged only when
   *     the tables are scaled standard tables: jpeg-traits-mismatch beyond. 100 or more switches
   *     the comparison off.
   * @param jpegMetadata whether metadata a capture page's canvas never writes (COM comments, EXIF
   *     naming a camera or software, XMP, APP13, APP14) fails with jpeg-traits-mismatch; false:
   *     only reported.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue({
            "obs virtual", "obs-camera", "manycam", "xsplit", "snap camera", "e2esoft",
            "vcam", "splitcam", "camtwist", "youcam", "webcamoid", "virtual camera",
            "virtual cam", "dummy video device", "v4l2loopback", "akvcam", "mmhmm",
            "emulated camera", "android emulator", "goldfish", "virtualbox webcam",
            "fake_device"
          })
          List<String> virtualCameras,
      @DefaultValue("20") int minIntervals,
      @DefaultValue("0.6") double minIntervalStdMs,
      @DefaultValue("1") int maxRepeatedTimestamps,
      @DefaultValue("0.1") double identicalBelow,
      @DefaultValue("4") int maxRepeatRun,
      @DefaultValue("0.75") double maxRepeatedFraction,
      @DefaultValue("1") int maxLoopedFrames,
      @DefaultValue("10") int minNoisePairs,
      @DefaultValue("0.15") double minBackgroundNoise,
      @DefaultValue({
            "sdk_gphone", "android sdk built for", "google_sdk", "emulator", "simulator",
            "genymotion", "vbox86", "ranchu", "goldfish", "generic_x86", "bluestacks",
            "microvirt"
          })
          List<String> emulators,
      @DefaultValue("2") int frameSizeTolerance,
      @DefaultValue("10") int maxQualityDifference,
      @DefaultValue("true") boolean jpegMetadata)
      implements DetectorSettings {
    Settings {
      virtualCameras = List.copyOf(virtualCameras);
      DetectorSettings.atLeast("min-intervals", minIntervals, 1);
      DetectorSettings.atLeast("min-interval-std-ms", minIntervalStdMs, 0);
      DetectorSettings.atLeast("max-repeated-timestamps", maxRepeatedTimestamps, 0);
      DetectorSettings.atLeast("identical-below", identicalBelow, 0);
      DetectorSettings.atLeast("max-repeat-run", maxRepeatRun, 0);
      DetectorSettings.between("max-repeated-fraction", maxRepeatedFraction, 0, 1);
      DetectorSettings.atLeast("max-looped-frames", maxLoopedFrames, 0);
      DetectorSettings.atLeast("min-noise-pairs", minNoisePairs, 1);
      DetectorSettings.atLeast("min-background-noise", minBackgroundNoise, 0);
      emulators = List.copyOf(emulators);
      DetectorSettings.atLeast("frame-size-tolerance", frameSizeTolerance, 0);
      DetectorSettings.atLeast("max-quality-difference", maxQualityDifference, 0);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
