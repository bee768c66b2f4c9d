package org.bonafide.cli;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Error rates of a two-class score test, free of I/O so that every number the evaluation commands
 * print can be checked against hand-made score lists.
 *
 * <p>Every method takes scores where higher means "more like the positive class" and a decision
 * rule "positive when {@code score >= threshold}". For face comparison the positives are genuine
 * (mated) pairs and the negatives impostor (non-mated) pairs, so the negatives' accept rate is the
 * false match rate (FMR) and the positives' reject rate the false non-match rate (FNMR), as in
 * ISO/IEC 19795-1. For presentation-attack detection the positives are attack presentations and the
 * negatives bona fide ones, so the positives' reject rate is the APCER and the negatives' accept
 * rate the BPCER, as in ISO/IEC 30107-3.
 *
 * <p>Methods that need sorted input say so; {@link #sorted(double[])} makes a sorted copy. Where a
 * rate has no defined value (an empty class) the result is {@link Double#NaN}, which the commands
 * print as JSON {@code null}.
 *
 * <p>Public for the evaluations in {@code org.bonafide.cli.eval}.
 */
public final class Metrics {
  private Metrics() {}

  /** A sorted copy; the input is left alone. */
  public static double[] sorted(double[] scores) {
    double[] copy = scores.clone();
    Arrays.sort(copy);
    for (double s : copy) {
      if (Double.isNaN(s)) {
        throw new IllegalArgumentException("a score is NaN");
      }
    }
    return copy;
  }

  /** Number of sorted scores strictly below {@code t}. */
  static int countBelow(double[] sortedAsc, double t) {
    int lo = 0;
    int hi = sortedAsc.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sortedAsc[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Fraction of sorted scores at or above {@code t} (accepted as positive); NaN when empty. */
  public static double acceptRate(double[] sortedAsc, double t) {
    if (sortedAsc.length == 0) {
      return Double.NaN;
    }
    return (double) (sortedAsc.length - countBelow(sortedAsc, t)) / sortedAsc.length;
  }

  /** Fraction of sorted scores below {@code t} (rejected as negative); NaN when empty. */
  public static double rejectRate(double[] sortedAsc, double t) {
    if (sortedAsc.length == 0) {
      return Double.NaN;
    }
    return (double) countBelow(sortedAsc, t) / sortedAsc.length;
  }

  /**
   * Area under the ROC curve: the probability that a random positive scores above a random
   * negative, a tie counting one half (the Mann-Whitney U statistic over {@code P * N}). NaN when
   * either class is empty.
   */
  public static double auc(double[] positivesAsc, double[] negativesAsc) {
    int p = positivesAsc.length;
    int n = negativesAsc.length;
    if (p == 0 || n == 0) {
      return Double.NaN;
    }
    double wins = 0;
    int below = 0;
    int atOrBelow = 0;
    for (double s : positivesAsc) {
      while (below < n && negativesAsc[below] < s) {
        below++;
      }
      if (atOrBelow < below) {
        atOrBelow = below;
      }
      while (atOrBelow < n && negativesAsc[atOrBelow] <= s) {
        atOrBelow++;
      }
      wins += below + 0.5 * (atOrBelow - below);
    }
    return wins / ((double) p * n);
  }

  /**
   * The equal error rate and the threshold where it occurs.
   *
   * @param rate the rate where the negatives' accept rate equals the positives' reject rate
   * @param threshold the threshold at that point
   */
  public record Eer(double rate, double threshold) {}

  /**
   * Equal error rate, by linear interpolation between the two neighbouring operating points where
   * the negatives' accept rate (FMR) and the positives' reject rate (FNMR) cross. The operating
   * points are every distinct score plus one above them all (everything rejected), so tied scores
   * form one step of the curve rather than several. NaN when either class is empty.
   */
  public static Eer eer(double[] positivesAsc, double[] negativesAsc) {
    int p = positivesAsc.length;
    int n = negativesAsc.length;
    if (p == 0 || n == 0) {
      return new Eer(Double.NaN, Double.NaN);
    }
    int i = 0;
    int j = 0;
    double prevT = Double.NaN;
    double prevFa = Double.NaN;
    double prevFr = Double.NaN;
    while (true) {
      double t;
      if (i < p && j < n) {
        t = Math.min(positivesAsc[i], negativesAsc[j]);
      } else if (i < p) {
        t = positivesAsc[i];
      } else if (j < n) {
        t = negativesAsc[j];
      } else {
        t = Double.POSITIVE_INFINITY;
      }
      // i and j count the scores strictly below t
      double fr = (double) i / p;
      double fa = (double) (n - j) / n;
      if (fr >= fa) {
        if (Double.isNaN(prevT)) {
          // cannot happen: at the lowest score nothing is rejected and every negative is accepted
          return new Eer(fa, t);
        }
        double d0 = prevFa - prevFr;
        double d1 = fa - fr;
        double a = d0 / (d0 - d1);
        double rate = prevFa + a * (fa - prevFa);
        double threshold = Double.isInfinite(t) ? prevT : prevT + a * (t - prevT);
        return new Eer(rate, threshold);
      }
      prevT = t;
      prevFa = fa;
      prevFr = fr;
      while (i < p && positivesAsc[i] == t) {
        i++;
      }
      while (j < n && negativesAsc[j] == t) {
        j++;
      }
    }
  }

  /**
   * An operating point chosen for a target false accept rate.
   *
   * @param acceptRate fraction of positives accepted (TAR = 1 - FNMR for face matching)
   * @param falseAcceptRate fraction of negatives accepted at that threshold, at most the target
   * @param threshold the lowest threshold whose false accept rate does not exceed the target
   */
  public record OperatingPoint(double acceptRate, double falseAcceptRate, double threshold) {}

  /**
   * The positives' accept rate at the lowest threshold whose negatives' accept rate does not
   * exceed {@code targetFar}; {@code null} when there are fewer than {@code 1 / targetFar}
   * negatives, because then no measured rate can resolve the target, or when either class is
   * empty.
   */
  public static OperatingPoint atFalseAcceptRate(double[] positivesAsc, double[] negativesAsc, double targetFar) {
    if (!(targetFar > 0 && targetFar <= 1)) {
      throw new IllegalArgumentException("a target false accept rate lies in (0, 1], was " + targetFar);
    }
    int n = negativesAsc.length;
    if (positivesAsc.length == 0 || n == 0 || n * targetFar < 1 - 1e-9) {
      return null;
    }
    int allowed = (int) Math.floor(n * targetFar + 1e-9);
    double threshold;
    if (allowed >= n) {
      threshold = Math.min(positivesAsc[0], negativesAsc[0]);
    } else {
      // the (allowed + 1)-th highest negative must be rejected; so must every score tied with it
      threshold = Math.nextUp(negativesAsc[n - 1 - allowed]);
    }
    return new OperatingPoint(acceptRate(positivesAsc, threshold), acceptRate(negativesAsc, threshold), threshold);
  }

  /** Arithmetic mean; NaN when empty. */
  public static double mean(double[] scores) {
    if (scores.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double s : scores) {
      sum += s;
    }
    return sum / scores.length;
  }

  /** Smallest of sorted scores; NaN when empty. */
  public static double min(double[] sortedAsc) {
    return sortedAsc.length == 0 ? Double.NaN : sortedAsc[0];
  }

  /** Largest of sorted scores; NaN when empty. */
  public static double max(double[] sortedAsc) {
    return sortedAsc.length == 0 ? Double.NaN : sortedAsc[sortedAsc.length - 1];
  }

  /**
   * Attack presentation classification error rate (ISO/IEC 30107-3): per attack type (PAI
   * species), the fraction of attack presentations classified bona fide ({@code score < threshold});
   * the reported APCER is the highest over the types, with the type it belongs to.
   *
   * @param worst the highest per-type APCER, NaN when no type has a scored presentation
   * @param worstType the type with that APCER (the first in name order on a tie), null when none
   * @param byType the APCER of each type that has at least one scored presentation, by name
   */
  public record Apcer(double worst, String worstType, Map<String, Double> byType) {}

  public static Apcer apcer(Map<String, double[]> attackScoresByType, double threshold) {
    Map<String, Double> byType = new TreeMap<>();
    double worst = Double.NaN;
    String worstType = null;
    for (Map.Entry<String, double[]> e : new TreeMap<>(attackScoresByType).entrySet()) {
      double[] scores = e.getValue();
      if (scores.length == 0) {
        continue;
      }
      int missed = 0;
      for (double s : scores) {
        if (s < threshold) {
          missed++;
        }
      }
      double rate = (double) missed / scores.length;
      byType.put(e.getKey(), rate);
      if (worstType == null || rate > worst) {
        worst = rate;
        worstType = e.getKey();
      }
    }
    return new Apcer(worst, worstType, Collections.unmodifiableMap(byType));
  }

  /**
   * Bona fide presentation classification error rate (ISO/IEC 30107-3): the fraction of bona fide
   * presentations classified as attacks ({@code score >= threshold}); NaN when there are none.
   */
  public static double bpcer(double[] bonaFideScores, double threshold) {
    if (bonaFideScores.length == 0) {
      return Double.NaN;
    }
    int rejected = 0;
    for (double s : bonaFideScores) {
      if (s >= threshold) {
        rejected++;
      }
    }
    return (double) rejected / bonaFideScores.length;
  }
}
