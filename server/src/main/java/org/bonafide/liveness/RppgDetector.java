package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Remote photoplethysmography: blood under living skin pulses, and the skin's colour with it, by
 * a fraction of a grey level. Over the longest run of face frames without screen colours or hand
 * sweep (gaps under half a second) of at least {@code min-seconds}, the forehead's and the
 * cheeks' mean colours are resampled to a uniform clock, turned into one pulse signal each by the
 * CHROM method (de Haan and Jeanne, 2013: {@code X = 3R - 2G}, {@code Y = 1.5R + G - 1.5B} on
 * colours normalised by their means, {@code S = X - (sd X / sd Y) Y}, which cancels the
 * specular and intensity changes motion causes), detrended by a one-second moving mean, and
 * Hann-windowed; their power spectra are evaluated every 0.025 Hz over 0.7-3 Hz (42-180 beats a
 * minute). The SNR of a region is the power within 0.1 Hz of its peak over the power of the rest
 * of the band; a pulse is found when both regions reach {@code min-snr} and their peaks are at
 * most {@code max-frequency-gap-hz} apart. Report-only unless {@code enforce}: an absent pulse is
 * weak evidence at 12 frames a second, JPEG-compressed, over a few seconds (docs/liveness.md).
 */
@Component
@Order(200)
final class RppgDetector extends ConfiguredDetector<RppgDetector.Settings> {
  static final String ID = "rppg";
  static final double LOW_HZ = 0.7;
  static final double HIGH_HZ = 3.0;
  static final double STEP_HZ = 0.025;
  static final double PEAK_HALF_WIDTH_HZ = 0.1;
  private static final long MAX_GAP_MS = 500;

  /** The spectrum's peak and how far it stands out. */
  record Peak(double frequencyHz, double snr) {}

  RppgDetector(RppgDetector.Settings settings) {
    super(ID, "Blood-flow pulse (rPPG) coherent between forehead and cheeks; report-only by default.", settings);
  }

  @Override
  public boolean passive() {
    return true;
  }

  @Override
  public CheckResult evaluate(CaptureMeasurements capture) {
    List<FrameMeasurement> run =
        longestRun(
            capture.facesWhere(
                f -> f.screen() == null
                    && !capture.inHandSweep(f)
                    && f.colours() != null
                    && f.colours().forehead() != null
                    && f.colours().cheeks() != null));
    Details details =
        new Details()
            .put("enforce", String.valueOf(settings.enforce()))
            .put("minSeconds", settings.minSeconds())
            .put("minSnr", settings.minSnr());
    double seconds = run.size() < 2 ? 0 : (run.get(run.size() - 1).timestampMs() - run.get(0).timestampMs()) / 1000.0;
    details.put("seconds", seconds);
    if (seconds < settings.minSeconds()) {
      return Details.pass(ID, 0.5, Details.indices(run), details.put("note", "no run of face frames long enough for a pulse"));
    }
    long[] t = run.stream().mapToLong(FrameMeasurement::timestampMs).toArray();
    Peak forehead = peak(t, run.stream().map(f -> f.colours().forehead()).toList());
    Peak cheeks = peak(t, run.stream().map(f -> f.colours().cheeks()).toList());
    if (forehead == null || cheeks == null) {
      return Details.pass(ID, 0.5, Details.indices(run), details.put("note", "flat colour signal"));
    }
    boolean coherent = Math.abs(forehead.frequencyHz() - cheeks.frequencyHz()) <= settings.maxFrequencyGapHz();
    double snr = Math.min(forehead.snr(), cheeks.snr());
    boolean found = coherent && snr >= settings.minSnr();
    details
        .put("foreheadHz", forehead.frequencyHz())
        .put("foreheadSnr", forehead.snr())
        .put("cheeksHz", cheeks.frequencyHz())
        .put("cheeksSnr", cheeks.snr())
        .put("pulseFound", String.valueOf(found));
    if (found) {
      details.put("beatsPerMinute", 60 * (forehead.frequencyHz() + cheeks.frequencyHz()) / 2);
    }
    double score = Math.min(1, snr / (2 * settings.minSnr())) * (coherent ? 1 : 0.5);
    return !found && settings.enforce()
        ? Details.fail(ID, score, LivenessReason.PULSE_NOT_FOUND, Details.indices(run), details)
        : Details.pass(ID, score, Details.indices(run), details);
  }

  /** The longest run of frames whose consecutive gaps are at most half a second. */
  private static List<FrameMeasurement> longestRun(List<FrameMeasurement> frames) {
    List<FrameMeasurement> best = List.of();
    int from = 0;
    for (int i = 1; i <= frames.size(); i++) {
      if (i == frames.size() || frames.get(i).timestampMs() - frames.get(i - 1).timestampMs() > MAX_GAP_MS) {
        if (i - from > best.size()) {
          best = frames.subList(from, i);
        }
        from = i;
      }
    }
    return best;
  }

  /**
   * The pulse peak of one region's colours ({@code rgb.get(i)} at {@code t[i]} ms, increasing):
   * CHROM signal, detrended and windowed, power every {@link #STEP_HZ} over 0.7-3 Hz (and below
   * the Nyquist frequency). Null when the signal is flat or too short.
   */
  static Peak peak(long[] t, List<double[]> rgb) {
    int n = t.length;
    if (n < 8) {
      return null;
    }
    double[] gaps = new double[n - 1];
    for (int i = 1; i < n; i++) {
      gaps[i - 1] = t[i] - t[i - 1];
    }
    double dt = Math.max(1, CaptureMeasurements.median(gaps));
    int samples = (int) Math.floor((t[n - 1] - t[0]) / dt) + 1;
    double[][] channels = new double[3][samples];
    int j = 0;
    for (int s = 0; s < samples; s++) {
      double time = t[0] + s * dt;
      while (j + 1 < n - 1 && t[j + 1] <= time) {
        j++;
      }
      double span = Math.max(1, t[j + 1] - t[j]);
      double w = Math.max(0, Math.min(1, (time - t[j]) / span));
      for (int c = 0; c < 3; c++) {
        channels[c][s] = (1 - w) * rgb.get(j)[c] + w * rgb.get(j + 1)[c];
      }
    }
    for (double[] channel : channels) {
      double mean = mean(channel);
      if (mean < 1e-6) {
        return null;
      }
      for (int s = 0; s < samples; s++) {
        channel[s] /= mean;
      }
    }
    double[] x = new double[samples];
    double[] y = new double[samples];
    for (int s = 0; s < samples; s++) {
      x[s] = 3 * channels[0][s] - 2 * channels[1][s];
      y[s] = 1.5 * channels[0][s] + channels[1][s] - 1.5 * channels[2][s];
    }
    x = detrend(x, dt);
    y = detrend(y, dt);
    double sy = sd(y);
    double alpha = sy < 1e-12 ? 0 : sd(x) / sy;
    double[] signal = new double[samples];
    for (int s = 0; s < samples; s++) {
      signal[s] = x[s] - alpha * y[s];
    }
    if (sd(signal) < 1e-12) {
      return null;
    }
    return spectrumPeak(signal, 1000.0 / dt);
  }

  /** The peak of a uniformly sampled signal's power over the pulse band, and its SNR. */
  static Peak spectrumPeak(double[] signal, double rateHz) {
    int samples = signal.length;
    double top = Math.min(HIGH_HZ, 0.5 * rateHz - STEP_HZ);
    int bins = (int) Math.floor((top - LOW_HZ) / STEP_HZ) + 1;
    if (bins < 3) {
      return null;
    }
    double[] power = new double[bins];
    double[] freq = new double[bins];
    for (int b = 0; b < bins; b++) {
      double f = LOW_HZ + b * STEP_HZ;
      double re = 0;
      double im = 0;
      for (int s = 0; s < samples; s++) {
        double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * s / Math.max(1, samples - 1));
        double phase = 2 * Math.PI * f * s / rateHz;
        re += hann * signal[s] * Math.cos(phase);
        im += hann * signal[s] * Math.sin(phase);
      }
      power[b] = re * re + im * im;
      freq[b] = f;
    }
    int best = 0;
    for (int b = 1; b < bins; b++) {
      if (power[b] > power[best]) {
        best = b;
      }
    }
    double in = 0;
    double out = 0;
    for (int b = 0; b < bins; b++) {
      if (Math.abs(freq[b] - freq[best]) <= PEAK_HALF_WIDTH_HZ + 1e-9) {
        in += power[b];
      } else {
        out += power[b];
      }
    }
    return new Peak(freq[best], out <= 0 ? Double.POSITIVE_INFINITY : in / out);
  }

  /** The signal minus its centred one-second moving mean (the slow drift of light and pose). */
  private static double[] detrend(double[] v, double dtMs) {
    int half = Math.max(1, (int) Math.round(500 / dtMs));
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      int a = Math.max(0, i - half);
      int b = Math.min(v.length - 1, i + half);
      double sum = 0;
      for (int k = a; k <= b; k++) {
        sum += v[k];
      }
      out[i] = v[i] - sum / (b - a + 1);
    }
    return out;
  }

  private static double mean(double[] v) {
    double sum = 0;
    for (double d : v) {
      sum += d;
    }
    return v.length == 0 ? 0 : sum / v.length;
  }

  private static double sd(double[] v) {
    double m = mean(v);
    double sum = 0;
    for (double d : v) {
      sum += (d - m) * (d - m);
    }
    return v.length == 0 ? 0 : Math.sqrt(sum / v.length);
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs (retired: off unless switched on)
   * @param enforce whether an absent pulse fails the capture (pulse-not-found). Off by default:
   *     the check only reports (docs/liveness.md says why).
   * @param minSeconds shortest run of face frames, without screen colours or hand sweep, the check
   *     reads.
   * @param minSnr power within 0.1 Hz of the pulse peak over the power of the rest of the 0.7-3 Hz
   *     band, at least.
   * @param maxFrequencyGapHz largest difference between the forehead's and the cheeks' peak
   *     frequencies, in Hz.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  record Settings(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("false") boolean enforce,
      @DefaultValue("6") double minSeconds,
      @DefaultValue("1.0") double minSnr,
      @DefaultValue("0.2") double maxFrequencyGapHz)
      implements DetectorSettings {
    Settings {
      DetectorSettings.atLeast("min-seconds", minSeconds, 0);
      DetectorSettings.atLeast("min-snr", minSnr, 0);
      DetectorSettings.atLeast("max-frequency-gap-hz", maxFrequencyGapHz, 0);
    }

    /** The defaults. */
    static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
