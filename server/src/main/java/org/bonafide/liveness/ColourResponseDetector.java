package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The skin's response to the flashed screen colours.
 *
 * <p>A screen in front of a face adds its colour to the light the skin reflects, so the skin's
 * chromaticity (red, green and blue shares, which cancel the skin's own albedo and overall
 * exposure) moves toward each displayed colour, a little after it appears (camera and display
 * latency). The detector correlates the skin's chromaticity over time with the displayed colours'
 * chromaticity at candidate lags 0 to {@code max-lag-ms}, keeps the best lag, and checks it per
 * half of the sequence for consistency.
 *
 * <p>Then the 3D test: the light falls off with the angle between the surface and the screen, so a
 * real face responds more where it faces the screen (nose, central cheeks) than at its sides near
 * the jaw outline, and the background far behind responds little (inverse square). A print or a
 * screen held up to the camera is flat: its response is uniform, and chromaticity cancels the
 * printed shading. A tint applied to a whole injected image is uniform too, background included.
 */
@Component
@Order(80)
final class ColourResponseDetector extends ConfiguredDetector<ColourResponseDetector.Settings> {
  static final String ID = "colour-response";
  /** Exposure time over which a frame integrates the screen colour (a typical webcam's). */
  private static final double EXPOSURE_MS = 30;


  ColourResponseDetector(ColourResponseDetector.Settings settings) {
    super(
        ID,
        "The skin's colour follows the flashed screen colours with a small, consistent lag,"
            + " more at the face's centre than at its sides or in the background.",
        settings);
  }

  @Override
  public boolean answersChallenge() {
    return true;
  }

  @Override
  public boolean appliesTo(CaptureMeasurements capture) {
    return !capture.challenge().colours().isEmpty();
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    Timeline timeline = capture.timeline();
    Details details = new Details().put("coloursFromAnnotations", timeline.coloursAnnotated());
    if (!followsChallenge(timeline.colours(), capture.challenge().colours())) {
      details.put("shown", timeline.colours().stream().map(Timeline.ColourSegment::colour).toList());
      return Details.fail(ID, 0, LivenessReason.COLOUR_SCHEDULE_MISMATCH, List.of(), details);
    }
    List<Timeline.ColourSegment> segments = timeline.colours();
    long from = segments.get(0).startMs() + settings.maxLagMs();
    long to = segments.get(segments.size() - 1).endMs();
    List<FrameMeasurement> frames =
        capture.facesWhere(
            f -> f.timestampMs() >= from && f.timestampMs() < to && f.colours() != null && f.colours().skin() != null);
    details.put("framesUsed", frames.size());
    List<Integer> used = Details.indices(frames);
    if (frames.size() < settings.minFrames()) {
      return Details.fail(ID, 0, LivenessReason.COLOUR_FRAMES_INSUFFICIENT, used, details);
    }

    Series skin = Series.of(frames, RegionColours::skin);
    LagFit best = bestLag(skin, timeline::colourAt);
    double chance = chanceProbability(skin, segments, best.correlation);
    double amplitude = skin.rms();
    details
        .put("correlation", best.correlation)
        .put("chanceProbability", chance)
        .put("lagMs", best.lagMs)
        .put("amplitude", amplitude);

    int half = frames.size() / 2;
    LagFit first = bestLag(Series.of(frames.subList(0, half), RegionColours::skin), timeline::colourAt);
    LagFit second = bestLag(Series.of(frames.subList(half, frames.size()), RegionColours::skin), timeline::colourAt);
    long spread = Math.abs(first.lagMs - second.lagMs);
    details
        .put("firstHalfCorrelation", first.correlation)
        .put("firstHalfLagMs", first.lagMs)
        .put("secondHalfCorrelation", second.correlation)
        .put("secondHalfLagMs", second.lagMs)
        .put("lagSpreadMs", spread);

    double slopeSkin = skin.slope(timeline::colourAt, best.lagMs);
    double slopeCentre = Series.of(frames, RegionColours::centre).slope(timeline::colourAt, best.lagMs);
    double slopeEdge = Series.of(frames, RegionColours::edge).slope(timeline::colourAt, best.lagMs);
    Series background = Series.of(frames, RegionColours::background);
    double slopeBackground = background.size() >= settings.minFrames() ? background.slope(timeline::colourAt, best.lagMs) : Double.NaN;
    double centreEdge = ratio(slopeCentre, slopeEdge);
    double faceBackground = Double.isNaN(slopeBackground) ? Double.NaN : ratio(slopeSkin, slopeBackground);
    details
        .put("skinResponse", slopeSkin)
        .put("centreResponse", slopeCentre)
        .put("edgeResponse", slopeEdge)
        .put("backgroundResponse", slopeBackground)
        .put("centreEdgeRatio", centreEdge)
        .put("faceBackgroundRatio", faceBackground);

    double score = best.correlation;
    boolean halvesFollow =
        first.correlation >= settings.minCorrelation() && second.correlation >= settings.minCorrelation();
    if (halvesFollow && spread > settings.maxLagSpreadMs()) {
      // each half follows the colours on its own, at different lags: the whole cannot at one lag
      return Details.fail(ID, score, LivenessReason.COLOUR_LAG_INCONSISTENT, used, details);
    }
    if (best.correlation < settings.minCorrelation()) {
      LivenessReason reason =
          amplitude < settings.minAmplitude()
              ? LivenessReason.COLOUR_RESPONSE_MISSING
              : LivenessReason.COLOUR_RESPONSE_MISMATCH;
      return Details.fail(ID, score, reason, used, details);
    }
    if (chance > settings.maxChanceProbability()) {
      // as good a fit as colours in an order nobody showed: the skin did not follow this sequence
      return Details.fail(ID, score, LivenessReason.COLOUR_RESPONSE_MISMATCH, used, details);
    }
    if (first.correlation < settings.minHalfCorrelation() || second.correlation < settings.minHalfCorrelation()) {
      return Details.fail(ID, score, LivenessReason.COLOUR_RESPONSE_MISMATCH, used, details);
    }
    if (spread > settings.maxLagSpreadMs()) {
      return Details.fail(ID, score, LivenessReason.COLOUR_LAG_INCONSISTENT, used, details);
    }
    boolean flatFace = !(slopeCentre >= settings.minCentreEdgeRatio() * slopeEdge);
    // the face/background test is off at 0 (the default: docs/liveness.md says why); its ratio is reported either way
    boolean flatScene =
        settings.minFaceBackgroundRatio() > 0
            && !Double.isNaN(slopeBackground)
            && !(slopeSkin >= settings.minFaceBackgroundRatio() * slopeBackground);
    if (flatFace || flatScene) {
      return Details.fail(ID, score, LivenessReason.COLOUR_RESPONSE_FLAT, used, details);
    }
    return Details.pass(ID, score, used, details);
  }

  /**
   * The share of shuffled colour sequences (the challenge's colours in another order, on the same
   * timing) whose best-lag correlation with the skin is at least the displayed sequence's: how
   * likely the fit is a coincidence of this capture's own colour fluctuations (talking, moving,
   * flicker), whatever its length. Seeded, so an analysis is repeatable.
   */
  private double chanceProbability(Series skin, List<Timeline.ColourSegment> segments, double observed) {
    int n = settings.surrogates();
    if (n <= 0) {
      return 0;
    }
    SplittableRandom random = new SplittableRandom(segments.size() * 31L + skin.size());
    List<String> colours = new ArrayList<>(segments.stream().map(Timeline.ColourSegment::colour).toList());
    int atLeast = 0;
    for (int i = 0; i < n; i++) {
      for (int k = colours.size() - 1; k > 0; k--) {
        java.util.Collections.swap(colours, k, random.nextInt(k + 1));
      }
      List<String> order = List.copyOf(colours);
      DoubleFunction<String> shuffled =
          t -> {
            for (int s = 0; s < segments.size(); s++) {
              Timeline.ColourSegment segment = segments.get(s);
              if (t >= segment.startMs() && t < segment.endMs()) {
                return order.get(s);
              }
            }
            return null;
          };
      if (bestLag(skin, shuffled).correlation >= observed) {
        atLeast++;
      }
    }
    return (atLeast + 1.0) / (n + 1.0);
  }

  /** A ratio of two responses; infinite (left out of details) when the denominator is not positive. */
  private static double ratio(double numerator, double denominator) {
    return denominator > 1e-9 ? numerator / denominator : Double.POSITIVE_INFINITY;
  }

  /**
   * Whether the colours shown, in order, are the challenge's colours: each shown colour matches the
   * next challenge colour, at most one challenge colour missing (a colour may fall between frames
   * only if frames were dropped).
   */
  static boolean followsChallenge(List<Timeline.ColourSegment> shown, List<ColourFlash> challenge) {
    List<String> merged = new ArrayList<>();
    for (Timeline.ColourSegment s : shown) {
      if (merged.isEmpty() || !merged.get(merged.size() - 1).equals(s.colour())) {
        merged.add(s.colour());
      }
    }
    if (merged.isEmpty()) {
      return false;
    }
    int next = 0;
    int skipped = 0;
    for (String colour : merged) {
      while (next < challenge.size() && !challenge.get(next).colour().equals(colour)) {
        next++;
        skipped++;
      }
      if (next == challenge.size()) {
        return false;
      }
      next++;
    }
    return skipped + (challenge.size() - next) <= 1;
  }

  private record LagFit(long lagMs, double correlation) {}

  private LagFit bestLag(Series series, DoubleFunction<String> timeline) {
    LagFit best = new LagFit(0, Double.NEGATIVE_INFINITY);
    for (long lag = 0; lag <= settings.maxLagMs(); lag += Math.max(1, settings.lagStepMs())) {
      double c = series.correlation(timeline, lag);
      if (c > best.correlation) {
        best = new LagFit(lag, c);
      }
    }
    return best.correlation == Double.NEGATIVE_INFINITY ? new LagFit(0, 0) : best;
  }

  /** One region's chromaticity over time, with mean and linear trend removed per channel. */
  static final class Series {
    private final double[] times;
    private final double[][] values;
    /** What is removed from observed and expected alike: mean, trend and head pose (see below). */
    private final double[][] nuisance;

    private Series(double[] times, double[][] values, double[][] nuisance) {
      this.times = times;
      this.values = values;
      this.nuisance = nuisance;
    }

    static Series of(List<FrameMeasurement> frames, Function<RegionColours, double[]> region) {
      List<double[]> chroma = new ArrayList<>();
      List<double[]> pose = new ArrayList<>();
      List<Double> t = new ArrayList<>();
      for (FrameMeasurement f : frames) {
        double[] c = RegionColours.chromaticity(region.apply(f.colours()));
        if (c != null) {
          chroma.add(c);
          t.add((double) f.timestampMs());
          pose.add(landmarkPose(f.face().landmarks()));
        }
      }
      double[] times = t.stream().mapToDouble(Double::doubleValue).toArray();
      double[][] values = new double[3][times.length];
      for (int i = 0; i < times.length; i++) {
        for (int k = 0; k < 3; k++) {
          values[k][i] = chroma.get(i)[k];
        }
      }
      double[][] nuisance = nuisance(times, pose);
      residualise(values, nuisance);
      return new Series(times, values, nuisance);
    }

    /**
     * The head's turn and nod as the 68 landmarks show them (the nose tip's offset from the eyes'
     * midpoint over the eye distance): the pose regressors. The landmark model reads grey levels,
     * so the flashed colours do not move these, while a colour model's pose (the face mesh's) shifts
     * a little with every flash and would take the colour response away with it.
     */
    static double[] landmarkPose(float[] lm) {
      double ex = (lm[72] + lm[90]) / 2;
      double ey = (lm[73] + lm[91]) / 2;
      double iod = Math.max(1e-6, Math.hypot(lm[90] - lm[72], lm[91] - lm[73]));
      return new double[] {(lm[60] - ex) / iod * 60, (lm[61] - ey) / iod * 60};
    }

    int size() {
      return times.length;
    }

    double rms() {
      double sum = 0;
      for (double[] channel : values) {
        for (double v : channel) {
          sum += v * v;
        }
      }
      return times.length == 0 ? 0 : Math.sqrt(sum / times.length);
    }

    /** Correlation with the displayed colours' chromaticity {@code lagMs} earlier, over the three channels. */
    double correlation(DoubleFunction<String> timeline, long lagMs) {
      double[][] expected = expected(timeline, lagMs);
      double xy = 0;
      double xx = 0;
      double yy = 0;
      for (int k = 0; k < 3; k++) {
        for (int i = 0; i < times.length; i++) {
          xy += values[k][i] * expected[k][i];
          xx += values[k][i] * values[k][i];
          yy += expected[k][i] * expected[k][i];
        }
      }
      return xx <= 0 || yy <= 0 ? 0 : xy / Math.sqrt(xx * yy);
    }

    /** How much the region's chromaticity moves per unit of displayed chromaticity (least squares). */
    double slope(DoubleFunction<String> timeline, long lagMs) {
      if (times.length < 3) {
        return Double.NaN;
      }
      double[][] expected = expected(timeline, lagMs);
      double xy = 0;
      double yy = 0;
      for (int k = 0; k < 3; k++) {
        for (int i = 0; i < times.length; i++) {
          xy += values[k][i] * expected[k][i];
          yy += expected[k][i] * expected[k][i];
        }
      }
      return yy <= 0 ? Double.NaN : xy / yy;
    }

    /**
     * The displayed chromaticity each frame saw: the mean over its exposure, {@code lagMs} before
     * its timestamp; mean and trend removed like the observations'.
     */
    private double[][] expected(DoubleFunction<String> timeline, long lagMs) {
      double[][] out = new double[3][times.length];
      for (int i = 0; i < times.length; i++) {
        int n = 0;
        for (int s = 0; s < 4; s++) {
          String colour = timeline.apply(times[i] - lagMs - s * EXPOSURE_MS / 3);
          if (colour != null) {
            double[] c = screenChromaticity(colour);
            for (int k = 0; k < 3; k++) {
              out[k][i] += c[k];
            }
            n++;
          }
        }
        for (int k = 0; k < 3; k++) {
          out[k][i] = n == 0 ? 1.0 / 3 : out[k][i] / n;
        }
      }
      residualise(out, nuisance);
      return out;
    }

    private static double[] screenChromaticity(String colour) {
      int value = Integer.parseInt(colour.substring(1), 16);
      double[] rgb = {(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff};
      double[] c = RegionColours.chromaticity(rgb);
      return c == null ? new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3} : c;
    }

    /**
     * The signals the colour response is measured against, one column each, centred and scaled: a
     * constant, the time (slow drifts: white balance, exposure) and the head's yaw and pitch. A head
     * that moves changes how the room's light shades the skin, and so its chromaticity, in step with
     * the movement and not with the screen; removing what the pose explains from both the observed
     * and the expected series measures the screen's part alone (a partial correlation). Columns that
     * do not vary are left out.
     */
    static double[][] nuisance(double[] times, List<double[]> pose) {
      int n = times.length;
      List<double[]> columns = new ArrayList<>();
      double[] constant = new double[n];
      java.util.Arrays.fill(constant, 1);
      columns.add(constant);
      addStandardised(columns, times.clone());
      for (int j = 0; j < 2; j++) {
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
          column[i] = pose.get(i)[j];
        }
        addStandardised(columns, column);
      }
      return columns.toArray(new double[0][]);
    }

    private static void addStandardised(List<double[]> columns, double[] column) {
      int n = column.length;
      if (n == 0) {
        return;
      }
      double mean = 0;
      for (double v : column) {
        mean += v / n;
      }
      double var = 0;
      for (int i = 0; i < n; i++) {
        column[i] -= mean;
        var += column[i] * column[i] / n;
      }
      if (var < 1e-9) {
        return;
      }
      double sd = Math.sqrt(var);
      for (int i = 0; i < n; i++) {
        column[i] /= sd;
      }
      columns.add(column);
    }

    /**
     * Replaces each channel by its residual after least squares on the nuisance columns (ridge-
     * stabilised, as pose and time can be nearly collinear in a short capture).
     */
    static void residualise(double[][] values, double[][] nuisance) {
      int p = nuisance.length;
      if (p == 0 || nuisance[0].length == 0) {
        return;
      }
      int n = nuisance[0].length;
      if (n <= p) {
        if (p == 1) {
          for (double[] channel : values) {
            java.util.Arrays.fill(channel, 0);
          }
          return;
        }
        // too few frames to fit the pose and trend: remove the mean only
        residualise(values, new double[][] {nuisance[0]});
        return;
      }
      double[][] xtx = new double[p][p];
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          double sum = 0;
          for (int i = 0; i < n; i++) {
            sum += nuisance[a][i] * nuisance[b][i];
          }
          xtx[a][b] = sum + (a == b && a > 0 ? 1e-3 * n : 0);
        }
      }
      for (double[] channel : values) {
        double[] xty = new double[p];
        for (int a = 0; a < p; a++) {
          for (int i = 0; i < n; i++) {
            xty[a] += nuisance[a][i] * channel[i];
          }
        }
        double[] beta = solve(xtx, xty);
        for (int i = 0; i < n; i++) {
          double fit = 0;
          for (int a = 0; a < p; a++) {
            fit += beta[a] * nuisance[a][i];
          }
          channel[i] -= fit;
        }
      }
    }

    /** Solves a small symmetric positive-definite system by Gaussian elimination with pivoting. */
    private static double[] solve(double[][] matrix, double[] rhs) {
      int p = rhs.length;
      double[][] a = new double[p][p + 1];
      for (int r = 0; r < p; r++) {
        System.arraycopy(matrix[r], 0, a[r], 0, p);
        a[r][p] = rhs[r];
      }
      for (int col = 0; col < p; col++) {
        int pivot = col;
        for (int r = col + 1; r < p; r++) {
          if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
            pivot = r;
          }
        }
        double[] swap = a[col];
        a[col] = a[pivot];
        a[pivot] = swap;
        if (Math.abs(a[col][col]) < 1e-12) {
          continue;
        }
        for (int r = 0; r < p; r++) {
          if (r != col) {
            double f = a[r][col] / a[col][col];
            for (int c = col; c <= p; c++) {
              a[r][c] -= f * a[col][c];
            }
          }
        }
      }
      double[] x = new double[p];
      for (int r = 0; r < p; r++) {
        x[r] = Math.abs(a[r][r]) < 1e-12 ? 0 : a[r][p] / a[r][r];
      }
      return x;
    }
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param minFrames fewer face frames during the colours: colour-frames-insufficient.
   * @param maxLagMs largest camera lag tried, in ms (candidates 0 to this).
   * @param lagStepMs step between candidate lags.
   * @param minCorrelation correlation of skin chromaticity with the displayed colours, at the best
   *     lag.
   * @param minHalfCorrelation each half of the sequence on its own must correlate at least this
   *     much.
   * @param maxLagSpreadMs best lags of the two halves may differ by at most this.
   * @param minAmplitude RMS change of skin chromaticity below which the skin did not respond at
   *     all.
   * @param minCentreEdgeRatio response at the face's centre over its sides: a face lit from the
   *     front responds more centrally.
   * @param minFaceBackgroundRatio response of the skin over the far background's below which the
   *     scene is flat; 0 (the default) reports the ratio without judging it.
   * @param surrogates colour sequences, the challenge's colours in shuffled order on its timing,
   *     that the skin's response is also correlated with, to tell how often chance alone
   *     correlates as well.
   * @param maxChanceProbability largest share of shuffled sequences allowed to correlate at least
   *     as well as the displayed one (the chance that the response is a coincidence); above it:
   *     colour-response-mismatch.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("12") int minFrames,
      @DefaultValue("400") long maxLagMs,
      @DefaultValue("20") long lagStepMs,
      @DefaultValue("0.5") double minCorrelation,
      @DefaultValue("0.3") double minHalfCorrelation,
      @DefaultValue("150") long maxLagSpreadMs,
      @DefaultValue("0.002") double minAmplitude,
      @DefaultValue("1.05") double minCentreEdgeRatio,
      @DefaultValue("0") double minFaceBackgroundRatio,
      @DefaultValue("199") int surrogates,
      @DefaultValue("0.05") double maxChanceProbability)
      implements DetectorSettings {
    Settings {
      DetectorSettings.atLeast("min-frames", minFrames, 1);
      DetectorSettings.atLeast("max-lag-ms", maxLagMs, 0);
      DetectorSettings.atLeast("lag-step-ms", lagStepMs, 0);
      DetectorSettings.between("min-correlation", minCorrelation, 0, 1);
      DetectorSettings.between("min-half-correlation", minHalfCorrelation, 0, 1);
      DetectorSettings.atLeast("max-lag-spread-ms", maxLagSpreadMs, 0);
      DetectorSettings.atLeast("min-amplitude", minAmplitude, 0);
      DetectorSettings.atLeast("min-centre-edge-ratio", minCentreEdgeRatio, 0);
      DetectorSettings.atLeast("min-face-background-ratio", minFaceBackgroundRatio, 0);
      DetectorSettings.atLeast("surrogates", surrogates, 1);
      DetectorSettings.between("max-chance-probability", maxChanceProbability, 0, 1);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
