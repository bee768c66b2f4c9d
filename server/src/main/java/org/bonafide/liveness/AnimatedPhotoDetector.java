package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bonafide.biometrics.Landmarks;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A flat picture moved in 2D or warped shows no parallax: one planar transform (a homography)
 * maps its landmarks in the neutral pose onto its landmarks in every other pose. A real head
 * turning past the challenge's angle does not fit one: the nose tip, in front of the face's plane,
 * moves further than the cheeks and the jaw outline behind it. For each requested movement, the
 * frames of largest turn (at least {@code min-turn} degrees from the neutral pose) are each fitted
 * from the hold-still frame nearest the neutral pose; the residual is the RMS landmark distance
 * left by the best homography, over the neutral inter-ocular distance. When even the movement
 * with the largest residual stays below {@code min-residual}: {@code no-parallax}.
 */
@Component
@Order(130)
final class AnimatedPhotoDetector extends ConfiguredDetector<AnimatedPhotoDetector.Settings> {
  static final String ID = "animated-photo";
  /** Movement frames may come this long after their prompt's window (reaction time). */
  static final long GRACE_MS = 600;

  private static final int POINTS = 68;

  AnimatedPhotoDetector(AnimatedPhotoDetector.Settings settings) {
    super(ID, "Parallax of the landmarks when the head turns: a moved or warped photo has none.", settings);
  }

  @Override
  public boolean answersChallenge() {
    return true;
  }

  @Override
  public boolean appliesTo(CaptureMeasurements capture) {
    return !capture.challenge().movements().isEmpty();
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Details details = new Details().put("minTurn", settings.minTurn()).put("minResidual", settings.minResidual());
    FrameMeasurement neutral = neutralFrame(capture);
    if (neutral == null) {
      return Details.pass(ID, 0.5, List.of(), details.put("note", "no neutral face"));
    }
    double iod = Landmarks.interOcular(neutral.face().landmarks());
    details.put("neutralFrame", neutral.index()).put("interOcularPx", iod);
    List<Map<String, Object>> perMovement = new ArrayList<>();
    List<Integer> used = new ArrayList<>(List.of(neutral.index()));
    double largest = Double.NaN;
    for (Timeline.Window window : capture.timeline().windows()) {
      if (!window.prompt().isMovement()) {
        continue;
      }
      Prompt movement = window.prompt();
      List<FrameMeasurement> turned =
          capture
              .facesWhere(f -> f.timestampMs() >= window.startMs() && f.timestampMs() < window.endMs() + GRACE_MS)
              .stream()
              .filter(f -> excursion(capture, movement, f) >= settings.minTurn())
              .sorted(Comparator.comparingDouble((FrameMeasurement f) -> -excursion(capture, movement, f)))
              .limit(Math.max(1, settings.framesPerMovement()))
              .toList();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("movement", movement.code());
      if (turned.isEmpty()) {
        m.put("note", "no frame turned past min-turn");
        perMovement.add(m);
        continue;
      }
      double[] residuals = new double[turned.size()];
      for (int i = 0; i < residuals.length; i++) {
        residuals[i] = planarResidual(neutral.face().landmarks(), turned.get(i).face().landmarks()) / iod;
        used.add(turned.get(i).index());
      }
      double residual = CaptureMeasurements.median(residuals);
      m.put("turnDegrees", Details.round(excursion(capture, movement, turned.get(0))));
      m.put("residual", Details.round(residual));
      m.put("frames", Details.indices(turned));
      perMovement.add(m);
      if (Double.isNaN(largest) || residual > largest) {
        largest = residual;
      }
    }
    details.put("movements", perMovement).put("residual", largest);
    if (Double.isNaN(largest)) {
      return Details.pass(ID, 0.5, used, details.put("note", "no movement frame turned past min-turn"));
    }
    double score = Math.min(1, largest / (2 * settings.minResidual()));
    return largest < settings.minResidual()
        ? Details.fail(ID, score, LivenessReason.NO_PARALLAX, used, details)
        : Details.pass(ID, score, used, details);
  }

  private static double excursion(CaptureMeasurements capture, Prompt movement, FrameMeasurement f) {
    return PoseConvention.excursion(movement, f.yaw(), f.pitch(), capture.baselineYaw(), capture.baselinePitch());
  }

  /** The hold-still face frame closest to the neutral pose, or null. */
  private static FrameMeasurement neutralFrame(CaptureMeasurements capture) {
    Timeline.Window hold = capture.timeline().window(Prompt.HOLD_STILL);
    List<FrameMeasurement> faces =
        hold == null ? List.of() : capture.facesWhere(f -> hold.contains(f.timestampMs()));
    if (faces.isEmpty()) {
      faces = capture.facesWhere(f -> true);
    }
    return faces.stream()
        .filter(f -> f.face().landmarks() != null && f.face().landmarks().length >= 2 * POINTS)
        .min(
            Comparator.comparingDouble(
                f -> Math.abs(f.yaw() - capture.baselineYaw()) + Math.abs(f.pitch() - capture.baselinePitch())))
        .orElse(null);
  }

  /**
   * RMS distance, in the target's pixels, between the target points and the source points mapped
   * by the least-squares homography (direct linear fit on Hartley-normalised coordinates; an affine
   * fit when that system is singular). Points are x0, y0, x1, y1, ...
   */
  static double planarResidual(float[] source, float[] target) {
    int n = Math.min(source.length, target.length) / 2;
    double[][] s = normalise(source, n);
    double[][] t = normalise(target, n);
    double[] h = solve(system(s[0], t[0], n, true));
    boolean projective = h != null;
    if (!projective) {
      h = solve(system(s[0], t[0], n, false));
      if (h == null) {
        return Double.NaN;
      }
    }
    double scale = t[1][2];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = s[0][2 * i];
      double y = s[0][2 * i + 1];
      double w = projective ? h[6] * x + h[7] * y + 1 : 1;
      double u = (h[0] * x + h[1] * y + h[2]) / w;
      double v = (h[3] * x + h[4] * y + h[5]) / w;
      double du = (u - t[0][2 * i]) / scale;
      double dv = (v - t[0][2 * i + 1]) / scale;
      sum += du * du + dv * dv;
    }
    return Math.sqrt(sum / n);
  }

  /** Points moved to their centroid and scaled to a mean distance of sqrt(2); [1] = {cx, cy, scale}. */
  private static double[][] normalise(float[] points, int n) {
    double cx = 0;
    double cy = 0;
    for (int i = 0; i < n; i++) {
      cx += points[2 * i] / (double) n;
      cy += points[2 * i + 1] / (double) n;
    }
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += Math.hypot(points[2 * i] - cx, points[2 * i + 1] - cy) / n;
    }
    double scale = mean > 0 ? Math.sqrt(2) / mean : 1;
    double[] out = new double[2 * n];
    for (int i = 0; i < n; i++) {
      out[2 * i] = (points[2 * i] - cx) * scale;
      out[2 * i + 1] = (points[2 * i + 1] - cy) * scale;
    }
    return new double[][] {out, {cx, cy, scale}};
  }

  /**
   * The normal equations of the linearised fit, as an augmented matrix: 8 unknowns (h33 = 1) for
   * the homography, 6 for the affine map (h6 = h7 = 0).
   */
  private static double[][] system(double[] s, double[] t, int n, boolean projective) {
    int k = projective ? 8 : 6;
    double[][] m = new double[k][k + 1];
    double[] row = new double[k];
    for (int i = 0; i < n; i++) {
      double x = s[2 * i];
      double y = s[2 * i + 1];
      double u = t[2 * i];
      double v = t[2 * i + 1];
      for (int eq = 0; eq < 2; eq++) {
        java.util.Arrays.fill(row, 0);
        double rhs;
        if (eq == 0) {
          row[0] = x;
          row[1] = y;
          row[2] = 1;
          if (projective) {
            row[6] = -x * u;
            row[7] = -y * u;
          }
          rhs = u;
        } else {
          row[3] = x;
          row[4] = y;
          row[5] = 1;
          if (projective) {
            row[6] = -x * v;
            row[7] = -y * v;
          }
          rhs = v;
        }
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            m[a][b] += row[a] * row[b];
          }
          m[a][k] += row[a] * rhs;
        }
      }
    }
    return m;
  }

  /** Gaussian elimination with partial pivoting; null when singular. */
  private static double[] solve(double[][] m) {
    int k = m.length;
    for (int c = 0; c < k; c++) {
      int pivot = c;
      for (int r = c + 1; r < k; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      if (Math.abs(m[pivot][c]) < 1e-12) {
        return null;
      }
      double[] swap = m[c];
      m[c] = m[pivot];
      m[pivot] = swap;
      for (int r = 0; r < k; r++) {
        if (r != c) {
          double f = m[r][c] / m[c][c];
          for (int j = c; j <= k; j++) {
            m[r][j] -= f * m[c][j];
          }
        }
      }
    }
    double[] out = new double[k];
    for (int c = 0; c < k; c++) {
      out[c] = m[c][k] / m[c][c];
    }
    return out;
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param minTurn yaw or pitch change from the neutral pose, in degrees, a movement frame needs
   *     to be judged.
   * @param framesPerMovement frames of largest turn used per movement (their median residual
   *     counts).
   * @param minResidual RMS landmark residual of the best planar (homography) fit from the neutral
   *     face to the turned one, over the neutral inter-ocular distance, below which: no-parallax.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("12") double minTurn,
      @DefaultValue("3") int framesPerMovement,
      @DefaultValue("0.03") double minResidual)
      implements DetectorSettings {
    Settings {
      DetectorSettings.between("min-turn", minTurn, 0, 90);
      DetectorSettings.atLeast("frames-per-movement", framesPerMovement, 1);
      DetectorSettings.atLeast("min-residual", minResidual, 0);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
