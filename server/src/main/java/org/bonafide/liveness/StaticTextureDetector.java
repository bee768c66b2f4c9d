package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bonafide.biometrics.Landmarks;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Eye motion with a static texture elsewhere: an animated photo blinks by repainting its eyes while
 * every other pixel of the face is the same photo, moved. Around the blink (the frame where the eyes
 * are most closed, and the nearest open-eyed frame within {@code max-pair-gap-ms}), the open frame
 * is mapped onto the closed one by the similarity transform of the head's stable landmarks (upper
 * jaw outline, nose bridge) and the two grey thumbnails ({@link GreyThumbnail}) compared: the mean
 * absolute change inside the eyes against the mean change over the rest of the face box (the
 * median change, a brightness shift, taken off first). A real blink moves lids, brows and cheeks
 * and the head moves in 3D between the frames, so the rest of the face changes too; a repainted
 * eye on a photo changes alone. {@code details.textureRatio} = rest / eyes; below {@code
 * min-texture-ratio} with the eyes changed by at least {@code min-eye-change} grey levels: {@code
 * eyes-move-texture-static}. Report-only unless {@code enforce}: no real blink of the development
 * data has calibrated the ratio yet, and the attack kit's animated photos add sensor noise that
 * raises theirs ({@code docs/liveness.md}).
 */
@Component
@Order(140)
final class StaticTextureDetector extends PromptWindowDetector<StaticTextureDetector.Settings> {
  static final String ID = "static-texture";

  StaticTextureDetector(StaticTextureDetector.Settings settings) {
    super(
        ID,
        "During the blink, the eyes change while the rest of the face stays the same picture, as on an animated photo.",
        settings,
        Prompt.BLINK);
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Timeline.Window window = window(capture);
    List<FrameMeasurement> frames =
        capture.between(window.startMs(), window.endMs() + settings.graceMs()).stream()
            .filter(f -> f.hasFace() && f.thumbnail() != null && marked(f))
            .toList();
    Details details =
        new Details().put("enforce", String.valueOf(settings.enforce())).put("minTextureRatio", settings.minTextureRatio());
    FrameMeasurement closed = frames.stream().min(Comparator.comparingDouble(FrameMeasurement::eyesOpen)).orElse(null);
    if (closed == null || closed.eyesOpen() >= settings.closedBelow()) {
      return Details.pass(ID, 0.5, List.of(), details.put("note", "no closed-eye frame in the blink window"));
    }
    FrameMeasurement open =
        frames.stream()
            .filter(f -> f.eyesOpen() > settings.openAbove())
            .filter(f -> Math.abs(f.timestampMs() - closed.timestampMs()) <= settings.maxPairGapMs())
            .min(Comparator.comparingLong(f -> Math.abs(f.timestampMs() - closed.timestampMs())))
            .orElse(null);
    if (open == null) {
      return Details.pass(ID, 0.5, List.of(closed.index()), details.put("note", "no open-eyed frame near the blink"));
    }
    Change change = change(open, closed);
    List<Integer> used = List.of(open.index(), closed.index());
    if (change == null) {
      return Details.pass(ID, 0.5, used, details.put("note", "the face could not be aligned"));
    }
    double ratio = change.rest() / Math.max(1e-6, change.eyes());
    details
        .put("eyeChange", change.eyes())
        .put("restChange", change.rest())
        .put("textureRatio", ratio)
        .put("pairGapMs", Math.abs(open.timestampMs() - closed.timestampMs()));
    double score = Math.min(1, ratio / (2 * settings.minTextureRatio()));
    boolean staticTexture = change.eyes() >= settings.minEyeChange() && ratio < settings.minTextureRatio();
    details.put("staticTexture", String.valueOf(staticTexture));
    return staticTexture && settings.enforce()
        ? Details.fail(ID, score, LivenessReason.EYES_MOVE_TEXTURE_STATIC, used, details)
        : Details.pass(ID, score, used, details);
  }

  private static boolean marked(FrameMeasurement f) {
    return f.face().landmarks() != null && f.face().landmarks().length >= 136;
  }

  /** Mean absolute grey change inside the eyes and over the rest of the face box. */
  record Change(double eyes, double rest) {}

  /**
   * The change from {@code open} to {@code closed}: each thumbnail pixel of the closed frame's face
   * box against the open frame's thumbnail at the point the stable landmarks' similarity maps it
   * to (bilinear); null when the fit is degenerate or too few pixels fall inside both frames.
   */
  static Change change(FrameMeasurement open, FrameMeasurement closed) {
    float[] from = closed.face().landmarks();
    float[] to = open.face().landmarks();
    double[] t = LandmarkJitterDetector.similarity(from, to);
    double iod = Landmarks.interOcular(from);
    if (t == null || iod < 1e-6) {
      return null;
    }
    GreyThumbnail a = closed.thumbnail();
    GreyThumbnail b = open.thumbnail();
    double[] left = Landmarks.eyeCentre(from, Landmarks.LEFT_EYE);
    double[] right = Landmarks.eyeCentre(from, Landmarks.RIGHT_EYE);
    double eyeRadius = 0.3 * iod;
    var box = closed.face().box();
    List<Double> eyes = new ArrayList<>();
    List<Double> rest = new ArrayList<>();
    int s = a.stride();
    for (int y = (int) Math.ceil(box.y1() / s); y <= (int) Math.floor(box.y2() / s); y++) {
      for (int x = (int) Math.ceil(box.x1() / s); x <= (int) Math.floor(box.x2() / s); x++) {
        if (x < 0 || y < 0 || x >= a.width() || y >= a.height()) {
          continue;
        }
        double px = x * (double) s;
        double py = y * (double) s;
        double qx = (t[0] * px - t[1] * py + t[2]) / b.stride();
        double qy = (t[1] * px + t[0] * py + t[3]) / b.stride();
        if (qx < 0 || qy < 0 || qx >= b.width() - 1 || qy >= b.height() - 1) {
          continue;
        }
        double d = a.at(x, y) - bilinear(b, qx, qy);
        boolean inEye =
            Math.hypot(px - left[0], py - left[1]) <= eyeRadius || Math.hypot(px - right[0], py - right[1]) <= eyeRadius;
        (inEye ? eyes : rest).add(d);
      }
    }
    if (eyes.size() < 8 || rest.size() < 32) {
      return null;
    }
    double shift = CaptureMeasurements.median(rest.stream().mapToDouble(Double::doubleValue).toArray());
    return new Change(meanAbs(eyes, shift), meanAbs(rest, shift));
  }

  private static double meanAbs(List<Double> values, double shift) {
    double sum = 0;
    for (double v : values) {
      sum += Math.abs(v - shift);
    }
    return sum / values.size();
  }

  private static double bilinear(GreyThumbnail g, double x, double y) {
    int x0 = (int) x;
    int y0 = (int) y;
    double fx = x - x0;
    double fy = y - y0;
    return (1 - fy) * ((1 - fx) * g.at(x0, y0) + fx * g.at(x0 + 1, y0)) + fy * ((1 - fx) * g.at(x0, y0 + 1) + fx * g.at(x0 + 1, y0 + 1));
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param enforce whether a static texture fails the capture (eyes-move-texture-static). Off by
   *     default: the ratio is reported, not yet calibrated on real blinks (docs/liveness.md).
   * @param closedBelow mean eye open probability below which a frame has the eyes closed.
   * @param openAbove mean eye open probability above which a frame has the eyes open.
   * @param graceMs the blink may run this long past its window.
   * @param maxPairGapMs the open-eyed frame compared is at most this far from the closed one.
   * @param minEyeChange mean grey change inside the eyes (0-255) needed for the comparison to say
   *     anything.
   * @param minTextureRatio change over the rest of the face over the change in the eyes below
   *     which: eyes-move-texture-static.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("false") boolean enforce,
      @DefaultValue("0.35") double closedBelow,
      @DefaultValue("0.6") double openAbove,
      @DefaultValue("600") long graceMs,
      @DefaultValue("500") long maxPairGapMs,
      @DefaultValue("3.0") double minEyeChange,
      @DefaultValue("0.2") double minTextureRatio)
      implements DetectorSettings {
    Settings {
      DetectorSettings.between("closed-below", closedBelow, 0, 1);
      DetectorSettings.between("open-above", openAbove, 0, 1);
      DetectorSettings.atLeast("grace-ms", graceMs, 0);
      DetectorSettings.atLeast("max-pair-gap-ms", maxPairGapMs, 0);
      DetectorSettings.atLeast("min-eye-change", minEyeChange, 0);
      DetectorSettings.atLeast("min-texture-ratio", minTextureRatio, 0);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
