package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
final class ColourResponseDetector implements LivenessDetector {
  static final String ID = "colour-response";
  /** Exposure time over which a frame integrates the screen colour (a typical webcam's). */
  private static final double EXPOSURE_MS = 30;

  private final DetectorProperties.ColourResponse settings;

  ColourResponseDetector(DetectorProperties.ColourResponse settings) {
    this.settings = settings;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "The skin's colour follows the flashed screen colours with a small, consistent lag,"
        + " more at the face's centre than at its sides or in the background.";
  }

  @Override
  public boolean enabled() {
    return settings.isEnabled();
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
    long from = segments.get(0).startMs() + settings.getMaxLagMs();
    long to = segments.get(segments.size() - 1).endMs();
    List<FrameMeasurement> frames =
        capture.facesWhere(
            f -> f.timestampMs() >= from && f.timestampMs() < to && f.colours() != null && f.colours().skin() != null);
    details.put("framesUsed", frames.size());
    List<Integer> used = Details.indices(frames);
    if (frames.size() < settings.getMinFrames()) {
      return Details.fail(ID, 0, LivenessReason.COLOUR_FRAMES_INSUFFICIENT, used, details);
    }

    Series skin = Series.of(frames, RegionColours::skin);
    LagFit best = bestLag(skin, timeline);
    double amplitude = skin.rms();
    details.put("correlation", best.correlation).put("lagMs", best.lagMs).put("amplitude", amplitude);

    int half = frames.size() / 2;
    LagFit first = bestLag(Series.of(frames.subList(0, half), RegionColours::skin), timeline);
    LagFit second = bestLag(Series.of(frames.subList(half, frames.size()), RegionColours::skin), timeline);
    long spread = Math.abs(first.lagMs - second.lagMs);
    details
        .put("firstHalfCorrelation", first.correlation)
        .put("firstHalfLagMs", first.lagMs)
        .put("secondHalfCorrelation", second.correlation)
        .put("secondHalfLagMs", second.lagMs)
        .put("lagSpreadMs", spread);

    double slopeSkin = skin.slope(timeline, best.lagMs);
    double slopeCentre = Series.of(frames, RegionColours::centre).slope(timeline, best.lagMs);
    double slopeEdge = Series.of(frames, RegionColours::edge).slope(timeline, best.lagMs);
    Series background = Series.of(frames, RegionColours::background);
    double slopeBackground = background.size() >= settings.getMinFrames() ? background.slope(timeline, best.lagMs) : Double.NaN;
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
        first.correlation >= settings.getMinCorrelation() && second.correlation >= settings.getMinCorrelation();
    if (halvesFollow && spread > settings.getMaxLagSpreadMs()) {
      // each half follows the colours on its own, at different lags: the whole cannot at one lag
      return Details.fail(ID, score, LivenessReason.COLOUR_LAG_INCONSISTENT, used, details);
    }
    if (best.correlation < settings.getMinCorrelation()) {
      LivenessReason reason =
          amplitude < settings.getMinAmplitude()
              ? LivenessReason.COLOUR_RESPONSE_MISSING
              : LivenessReason.COLOUR_RESPONSE_MISMATCH;
      return Details.fail(ID, score, reason, used, details);
    }
    if (first.correlation < settings.getMinHalfCorrelation() || second.correlation < settings.getMinHalfCorrelation()) {
      return Details.fail(ID, score, LivenessReason.COLOUR_RESPONSE_MISMATCH, used, details);
    }
    if (spread > settings.getMaxLagSpreadMs()) {
      return Details.fail(ID, score, LivenessReason.COLOUR_LAG_INCONSISTENT, used, details);
    }
    boolean flatFace = !(slopeCentre >= settings.getMinCentreEdgeRatio() * slopeEdge);
    boolean flatScene =
        !Double.isNaN(slopeBackground) && !(slopeSkin >= settings.getMinFaceBackgroundRatio() * slopeBackground);
    if (flatFace || flatScene) {
      return Details.fail(ID, score, LivenessReason.COLOUR_RESPONSE_FLAT, used, details);
    }
    return Details.pass(ID, score, used, details);
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

  private LagFit bestLag(Series series, Timeline timeline) {
    LagFit best = new LagFit(0, Double.NEGATIVE_INFINITY);
    for (long lag = 0; lag <= settings.getMaxLagMs(); lag += Math.max(1, settings.getLagStepMs())) {
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

    private Series(double[] times, double[][] values) {
      this.times = times;
      this.values = values;
    }

    static Series of(List<FrameMeasurement> frames, Function<RegionColours, double[]> region) {
      List<double[]> chroma = new ArrayList<>();
      List<Double> t = new ArrayList<>();
      for (FrameMeasurement f : frames) {
        double[] c = RegionColours.chromaticity(region.apply(f.colours()));
        if (c != null) {
          chroma.add(c);
          t.add((double) f.timestampMs());
        }
      }
      double[] times = t.stream().mapToDouble(Double::doubleValue).toArray();
      double[][] values = new double[3][times.length];
      for (int i = 0; i < times.length; i++) {
        for (int k = 0; k < 3; k++) {
          values[k][i] = chroma.get(i)[k];
        }
      }
      detrend(values, times);
      return new Series(times, values);
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
    double correlation(Timeline timeline, long lagMs) {
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
    double slope(Timeline timeline, long lagMs) {
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
    private double[][] expected(Timeline timeline, long lagMs) {
      double[][] out = new double[3][times.length];
      for (int i = 0; i < times.length; i++) {
        int n = 0;
        for (int s = 0; s < 4; s++) {
          String colour = timeline.colourAt(times[i] - lagMs - s * EXPOSURE_MS / 3);
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
      detrend(out, times);
      return out;
    }

    private static double[] screenChromaticity(String colour) {
      int value = Integer.parseInt(colour.substring(1), 16);
      double[] rgb = {(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff};
      double[] c = RegionColours.chromaticity(rgb);
      return c == null ? new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3} : c;
    }

    /** Removes each channel's least-squares line over time (slow drifts: white balance, head motion). */
    private static void detrend(double[][] values, double[] times) {
      int n = times.length;
      if (n == 0) {
        return;
      }
      double tMean = 0;
      for (double t : times) {
        tMean += t / n;
      }
      double tt = 0;
      for (double t : times) {
        tt += (t - tMean) * (t - tMean);
      }
      for (double[] channel : values) {
        double mean = 0;
        for (double v : channel) {
          mean += v / n;
        }
        double ty = 0;
        for (int i = 0; i < n; i++) {
          ty += (times[i] - tMean) * (channel[i] - mean);
        }
        double b = tt > 0 ? ty / tt : 0;
        for (int i = 0; i < n; i++) {
          channel[i] -= mean + b * (times[i] - tMean);
        }
      }
    }
  }
}
