package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A swapped face is generated or warped frame by frame: its inner landmarks (eyes, nose, mouth)
 * flicker against the head that carries it. For each run of three consecutive face frames, the
 * outer frames' inner points are mapped into the middle frame by the similarity transform (scale,
 * rotation, shift) that best fits the head's stable points (the upper jaw outline and the nose
 * bridge); the jitter is the RMS distance of the middle frame's inner points from the mean of the
 * two mapped ones, over the inter-ocular distance. That is a second difference: smooth motion
 * (turns, speech, a slow smile) cancels to first order, frame-to-frame flicker does not. The
 * median over the capture above {@code max-jitter}: {@code landmark-jitter}. Frames of the hand
 * sweep are left out: landmarks of a covered face are guesses. (The hand-sweep response of a swap
 * is not measured separately.)
 */
@Component
@Order(160)
final class LandmarkJitterDetector extends ConfiguredDetector<LandmarkJitterDetector.Settings> {
  static final String ID = "landmark-jitter";

  /** Upper jaw outline and nose bridge: they move with the skull. */
  static final int[] STABLE = {0, 1, 2, 3, 4, 12, 13, 14, 15, 16, 27, 28, 29, 30};

  /** Eyes, lower nose and mouth: what a face swap replaces. */
  static final int[] INNER = inner();

  LandmarkJitterDetector(LandmarkJitterDetector.Settings settings) {
    super(ID, "High-frequency motion of the inner face against the head: a swapped face flickers.", settings);
  }

  @Override
  public boolean passive() {
    return true;
  }

  private static int[] inner() {
    List<Integer> points = new ArrayList<>();
    for (int i = 31; i <= 35; i++) {
      points.add(i);
    }
    for (int i = 36; i <= 67; i++) {
      points.add(i);
    }
    return points.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Triples triples = triples(capture.facesWhere(f -> !capture.inHandSweep(f)), settings.maxGapMs());
    List<Integer> used = triples.frames();
    double[] v = triples.values();
    Details details = new Details().put("maxJitter", settings.maxJitter()).put("triples", (long) v.length);
    if (v.length < settings.minTriples()) {
      return Details.pass(ID, 0.5, used, details.put("note", "too few consecutive face frames"));
    }
    double median = CaptureMeasurements.median(v);
    java.util.Arrays.sort(v);
    details.put("jitter", median).put("jitterP90", v[(int) Math.floor(0.9 * (v.length - 1))]);
    double score = 1 - median / (2 * settings.maxJitter());
    return median > settings.maxJitter()
        ? Details.fail(ID, score, LivenessReason.LANDMARK_JITTER, used, details)
        : Details.pass(ID, score, used, details);
  }

  /** The jitters of runs of three frames and the indices of their middle frames. */
  record Triples(double[] values, List<Integer> frames) {}

  /**
   * The jitter of every run of three consecutive face frames with 68 landmarks (of {@code faces},
   * in time order) whose gaps are at most {@code maxGapMs}; degenerate fits are left out.
   */
  static Triples triples(List<FrameMeasurement> faces, long maxGapMs) {
    List<FrameMeasurement> marked =
        faces.stream().filter(f -> f.face().landmarks() != null && f.face().landmarks().length >= 136).toList();
    List<Double> values = new ArrayList<>();
    List<Integer> used = new ArrayList<>();
    for (int i = 1; i + 1 < marked.size(); i++) {
      FrameMeasurement a = marked.get(i - 1);
      FrameMeasurement b = marked.get(i);
      FrameMeasurement c = marked.get(i + 1);
      if (b.timestampMs() - a.timestampMs() > maxGapMs || c.timestampMs() - b.timestampMs() > maxGapMs) {
        continue;
      }
      double j = jitter(a.face().landmarks(), b.face().landmarks(), c.face().landmarks());
      if (!Double.isNaN(j)) {
        values.add(j);
        used.add(b.index());
      }
    }
    return new Triples(values.stream().mapToDouble(Double::doubleValue).toArray(), used);
  }

  /**
   * The jitter of the middle frame {@code b} between {@code a} and {@code c} (68 landmarks each, x0,
   * y0, x1, ...): RMS of {@code b}'s inner points minus the mean of {@code a}'s and {@code c}'s
   * mapped onto {@code b} by the similarity of the stable points, over {@code b}'s inter-ocular
   * distance. NaN when a fit is degenerate.
   */
  static double jitter(float[] a, float[] b, float[] c) {
    double[] fromA = similarity(a, b);
    double[] fromC = similarity(c, b);
    double iod = org.bonafide.biometrics.Landmarks.interOcular(b);
    if (fromA == null || fromC == null || iod < 1e-6) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i : INNER) {
      double[] pa = apply(fromA, a[2 * i], a[2 * i + 1]);
      double[] pc = apply(fromC, c[2 * i], c[2 * i + 1]);
      double dx = b[2 * i] - (pa[0] + pc[0]) / 2;
      double dy = b[2 * i + 1] - (pa[1] + pc[1]) / 2;
      sum += dx * dx + dy * dy;
    }
    return Math.sqrt(sum / INNER.length) / iod;
  }

  /**
   * The least-squares similarity {x' = p x - q y + tx, y' = q x + p y + ty} taking the stable
   * points of {@code from} onto those of {@code to}, as {p, q, tx, ty}; null when degenerate.
   */
  static double[] similarity(float[] from, float[] to) {
    double fx = 0;
    double fy = 0;
    double tx = 0;
    double ty = 0;
    for (int i : STABLE) {
      fx += from[2 * i];
      fy += from[2 * i + 1];
      tx += to[2 * i];
      ty += to[2 * i + 1];
    }
    int n = STABLE.length;
    fx /= n;
    fy /= n;
    tx /= n;
    ty /= n;
    double norm = 0;
    double p = 0;
    double q = 0;
    for (int i : STABLE) {
      double x = from[2 * i] - fx;
      double y = from[2 * i + 1] - fy;
      double u = to[2 * i] - tx;
      double v = to[2 * i + 1] - ty;
      norm += x * x + y * y;
      p += x * u + y * v;
      q += x * v - y * u;
    }
    if (norm < 1e-9) {
      return null;
    }
    p /= norm;
    q /= norm;
    return new double[] {p, q, tx - (p * fx - q * fy), ty - (q * fx + p * fy)};
  }

  private static double[] apply(double[] s, double x, double y) {
    return new double[] {s[0] * x - s[1] * y + s[2], s[1] * x + s[0] * y + s[3]};
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs (retired: off unless switched on)
   * @param maxJitter median high-frequency motion of the inner landmarks against the head's rigid
   *     motion, over the inter-ocular distance, above which: landmark-jitter.
   * @param minTriples runs of three consecutive face frames needed to judge; fewer: passed with a
   *     note.
   * @param maxGapMs largest gap between consecutive frames of a triple, in milliseconds.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("0.08") double maxJitter,
      @DefaultValue("8") int minTriples,
      @DefaultValue("300") long maxGapMs)
      implements DetectorSettings {
    Settings {
      DetectorSettings.atLeast("max-jitter", maxJitter, 0);
      DetectorSettings.atLeast("min-triples", minTriples, 1);
      DetectorSettings.atLeast("max-gap-ms", maxGapMs, 0);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
