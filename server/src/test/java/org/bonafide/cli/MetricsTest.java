package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final double EPS = 1e-12;

  private static double[] s(double... scores) {
    return Metrics.sorted(scores);
  }

  private static double bruteForceAuc(double[] pos, double[] neg) {
    double wins = 0;
    for (double p : pos) {
      for (double n : neg) {
        wins += p > n ? 1 : p == n ? 0.5 : 0;
      }
    }
    return wins / (pos.length * (double) neg.length);
  }

  @Test
  void aucIsOneWhenEveryPositiveOutscoresEveryNegative() {
    assertThat(Metrics.auc(s(0.9, 0.8, 0.7), s(0.1, 0.2, 0.3))).isEqualTo(1.0);
  }

  @Test
  void aucIsZeroWhenTheScoresAreInverted() {
    assertThat(Metrics.auc(s(0.1, 0.2), s(0.8, 0.9))).isEqualTo(0.0);
  }

  @Test
  void aucCountsTiesAsOneHalf() {
    assertThat(Metrics.auc(s(0.5), s(0.5))).isEqualTo(0.5);
    // 0.5 vs {0.5, 0.6}: one tie; 0.7 beats both -> (0.5 + 2) / 4
    assertThat(Metrics.auc(s(0.5, 0.7), s(0.5, 0.6))).isEqualTo(0.625);
    assertThat(Metrics.auc(s(1, 1, 1), s(1, 1))).isEqualTo(0.5);
  }

  @Test
  void aucOfInterleavedScores() {
    // 0.4 beats none, 0.6 beats 0.5, 0.8 beats both -> 3 / 6
    assertThat(Metrics.auc(s(0.4, 0.6, 0.8), s(0.5, 0.7))).isEqualTo(0.5);
  }

  @Test
  void aucMatchesTheDefinitionOnRandomScoresWithManyTies() {
    Random random = new Random(42);
    for (int round = 0; round < 50; round++) {
      double[] pos = new double[1 + random.nextInt(40)];
      double[] neg = new double[1 + random.nextInt(40)];
      for (int i = 0; i < pos.length; i++) {
        pos[i] = random.nextInt(10) / 10.0;
      }
      for (int i = 0; i < neg.length; i++) {
        neg[i] = random.nextInt(8) / 10.0;
      }
      assertThat(Metrics.auc(s(pos), s(neg))).isCloseTo(bruteForceAuc(pos, neg), within(EPS));
    }
  }

  @Test
  void aucIsUndefinedForAnEmptyClass() {
    assertThat(Metrics.auc(s(), s(0.1))).isNaN();
    assertThat(Metrics.auc(s(0.1), s())).isNaN();
  }

  @Test
  void eerIsZeroForSeparatedScores() {
    Metrics.Eer eer = Metrics.eer(s(0.8, 0.9), s(0.1, 0.2));
    assertThat(eer.rate()).isEqualTo(0.0);
    assertThat(eer.threshold()).isEqualTo(0.8);
  }

  @Test
  void eerIsOneForInvertedScores() {
    assertThat(Metrics.eer(s(0.1), s(0.9)).rate()).isEqualTo(1.0);
  }

  @Test
  void eerIsOneHalfWhenEveryScoreTies() {
    Metrics.Eer eer = Metrics.eer(s(0.5, 0.5), s(0.5, 0.5, 0.5));
    assertThat(eer.rate()).isCloseTo(0.5, within(EPS));
    assertThat(eer.threshold()).isEqualTo(0.5);
  }

  @Test
  void eerAtAnExactCrossing() {
    // at 0.6: FNMR = 1/4 (0.3), FMR = 1/4 (0.7)
    Metrics.Eer eer = Metrics.eer(s(0.3, 0.6, 0.8, 0.9), s(0.1, 0.2, 0.4, 0.7));
    assertThat(eer.rate()).isCloseTo(0.25, within(EPS));
    assertThat(eer.threshold()).isCloseTo(0.6, within(EPS));
  }

  @Test
  void eerInterpolatesBetweenOperatingPoints() {
    // at 0.6: FNMR 1/2, FMR 2/3; at 0.7: FNMR 1/2, FMR 1/3 -> the lines meet halfway, at 1/2
    Metrics.Eer eer = Metrics.eer(s(0.5, 0.9), s(0.1, 0.6, 0.7));
    assertThat(eer.rate()).isCloseTo(0.5, within(EPS));
    assertThat(eer.threshold()).isCloseTo(0.65, within(EPS));

    // at 0.4: FNMR 1/4, FMR 1/3; at 0.8: FNMR 1/4, FMR 0 -> a quarter of the way, FMR = 1/4
    Metrics.Eer uneven = Metrics.eer(s(0.2, 0.8, 0.9, 0.95), s(0.1, 0.3, 0.4));
    assertThat(uneven.rate()).isCloseTo(0.25, within(EPS));
    assertThat(uneven.threshold()).isCloseTo(0.5, within(EPS));
  }

  @Test
  void eerIsUndefinedForAnEmptyClass() {
    assertThat(Metrics.eer(s(), s(0.3)).rate()).isNaN();
  }

  @Test
  void ratesUseScoreAtOrAboveThresholdAsAccept() {
    double[] scores = s(0.1, 0.36, 0.36, 0.5);
    assertThat(Metrics.acceptRate(scores, 0.36)).isEqualTo(0.75);
    assertThat(Metrics.rejectRate(scores, 0.36)).isEqualTo(0.25);
    assertThat(Metrics.acceptRate(scores, 0.51)).isEqualTo(0.0);
    assertThat(Metrics.rejectRate(scores, -1)).isEqualTo(0.0);
    assertThat(Metrics.acceptRate(s(), 0.3)).isNaN();
  }

  private static double[] hundredImpostors() {
    double[] neg = new double[100];
    for (int i = 0; i < 100; i++) {
      neg[i] = i / 100.0;
    }
    return s(neg);
  }

  @Test
  void tarAtFarAllowsAtMostTheTargetShareOfImpostors() {
    Metrics.OperatingPoint point = Metrics.atFalseAcceptRate(s(0.985, 0.995, 0.5, 0.999), hundredImpostors(), 1e-2);
    assertThat(point).isNotNull();
    // one impostor (0.99) may pass; 0.98 must not, so the threshold is just above it
    assertThat(point.threshold()).isEqualTo(Math.nextUp(0.98));
    assertThat(point.falseAcceptRate()).isEqualTo(0.01);
    assertThat(point.acceptRate()).isEqualTo(0.75);
  }

  @Test
  void tarAtFarRejectsEveryImpostorTiedWithTheFirstOneOverTheTarget() {
    double[] neg = new double[100];
    for (int i = 0; i < 95; i++) {
      neg[i] = 0.1;
    }
    for (int i = 95; i < 100; i++) {
      neg[i] = 0.9;
    }
    Metrics.OperatingPoint point = Metrics.atFalseAcceptRate(s(0.9, 0.95), s(neg), 1e-2);
    assertThat(point.falseAcceptRate()).isEqualTo(0.0);
    assertThat(point.acceptRate()).isEqualTo(0.5);
  }

  @Test
  void tarAtFarIsNotMeasurableWithTooFewImpostors() {
    double[] ninetyNine = new double[99];
    assertThat(Metrics.atFalseAcceptRate(s(0.9), s(ninetyNine), 1e-2)).isNull();
    assertThat(Metrics.atFalseAcceptRate(s(0.9), hundredImpostors(), 1e-3)).isNull();
    assertThat(Metrics.atFalseAcceptRate(s(), hundredImpostors(), 1e-2)).isNull();
  }

  @Test
  void tarAtFarAtOneThousandImpostors() {
    double[] neg = new double[1000];
    for (int i = 0; i < 1000; i++) {
      neg[i] = i / 1000.0;
    }
    Metrics.OperatingPoint point = Metrics.atFalseAcceptRate(s(0.9985, 0.998, 0.5), s(neg), 1e-3);
    assertThat(point.threshold()).isEqualTo(Math.nextUp(0.998));
    assertThat(point.falseAcceptRate()).isEqualTo(0.001);
    assertThat(point.acceptRate()).isCloseTo(1 / 3.0, within(EPS));
  }

  @Test
  void tarAtFarRefusesATargetOutsideTheUnitInterval() {
    assertThatThrownBy(() -> Metrics.atFalseAcceptRate(s(0.5), s(0.5), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void apcerIsTheWorstAttackType() {
    Map<String, double[]> byType = new LinkedHashMap<>();
    byType.put("print", new double[] {0.9, 0.8, 0.2, 0.1}); // 2 of 4 missed
    byType.put("replay", new double[] {0.7, 0.4, 0.6}); // 1 of 3 missed
    byType.put("mask", new double[] {0.5}); // at the threshold: detected
    Metrics.Apcer apcer = Metrics.apcer(byType, 0.5);
    assertThat(apcer.worst()).isEqualTo(0.5);
    assertThat(apcer.worstType()).isEqualTo("print");
    assertThat(apcer.byType())
        .containsExactly(Map.entry("mask", 0.0), Map.entry("print", 0.5), Map.entry("replay", 1 / 3.0));
  }

  @Test
  void apcerIsUndefinedWithoutAttacks() {
    Metrics.Apcer apcer = Metrics.apcer(Map.of("print", new double[0]), 0.5);
    assertThat(apcer.worst()).isNaN();
    assertThat(apcer.worstType()).isNull();
    assertThat(apcer.byType()).isEmpty();
  }

  @Test
  void bpcerCountsBonaFideScoresAtOrAboveTheThreshold() {
    assertThat(Metrics.bpcer(new double[] {0.1, 0.5, 0.49, 0.9}, 0.5)).isEqualTo(0.5);
    assertThat(Metrics.bpcer(new double[0], 0.5)).isNaN();
  }

  @Test
  void sortedRefusesNaN() {
    assertThatThrownBy(() -> Metrics.sorted(new double[] {0.1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
