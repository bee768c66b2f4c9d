package org.bonafide.scamintel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bonafide.scamintel.RiskAssessor.Dispute;
import org.bonafide.scamintel.RiskAssessor.Report;
import org.junit.jupiter.api.Test;

class RiskAssessorTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private final RiskAssessor assessor = RiskAssessor.withDefaults();

  private static Report report(ReportSource source, String reporter, long daysAgo) {
    return new Report(source, reporter, 1.0, NOW.minus(Duration.ofDays(daysAgo)));
  }

  private RiskLevel level(List<Report> reports) {
    return assessor.assess(reports, List.of(), NOW).level();
  }

  @Test
  void nothingReportedIsNoRecordNotSafe() {
    RiskAssessor.Risk risk = assessor.assess(List.of(), List.of(), NOW);
    assertThat(risk.level()).isEqualTo(RiskLevel.NO_RECORD);
    assertThat(risk.score()).isZero();
    assertThat(risk.firstReported()).isNull();
  }

  @Test
  void oneUnverifiedReportIsLowAndACrowdOfThemNeverHigh() {
    assertThat(level(List.of(report(ReportSource.PUBLIC, "p1", 0)))).isEqualTo(RiskLevel.LOW);
    List<Report> crowd = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      crowd.add(report(ReportSource.PUBLIC, "p" + i, 1));
    }
    RiskAssessor.Risk risk = assessor.assess(crowd, List.of(), NOW);
    assertThat(risk.level()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(risk.reasons()).containsEntry("reported-by-public", 50);
  }

  @Test
  void oneInstitutionIsMediumTwoIndependentOnesAreHigh() {
    assertThat(level(List.of(report(ReportSource.INSTITUTION, "bank-a", 3)))).isEqualTo(RiskLevel.MEDIUM);
    assertThat(level(List.of(report(ReportSource.INSTITUTION, "bank-a", 3), report(ReportSource.INSTITUTION, "bank-b", 2))))
        .isEqualTo(RiskLevel.HIGH);
  }

  @Test
  void configuredWeightsChangeTheLevelsButACrowdOfUnverifiedReportsStillNeverMakesHigh() {
    // a deployment that trusts the public more and institutions less
    RiskAssessor tuned =
        new RiskAssessor(
            Duration.ofDays(90), 1.5, 0.75, java.util.Map.of(ReportSource.PUBLIC, 1.0, ReportSource.INSTITUTION, 0.5));
    assertThat(tuned.assess(List.of(report(ReportSource.PUBLIC, "p1", 0)), List.of(), NOW).level()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(tuned.assess(List.of(report(ReportSource.INSTITUTION, "bank-a", 0)), List.of(), NOW).level()).isEqualTo(RiskLevel.LOW);
    List<Report> crowd = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      crowd.add(report(ReportSource.PUBLIC, "p" + i, 0));
    }
    assertThat(tuned.assess(crowd, List.of(), NOW).level()).isEqualTo(RiskLevel.MEDIUM);
    // the shorter half-life: a 90-day-old police report weighs 1, medium, not high
    assertThat(tuned.assess(List.of(report(ReportSource.POLICE, "police", 90)), List.of(), NOW).level()).isEqualTo(RiskLevel.MEDIUM);
    assertThatThrownBy(() -> new RiskAssessor(Duration.ofDays(90), 1.5, 0.75, java.util.Map.of(ReportSource.POLICE, 0.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("police");
    assertThatThrownBy(() -> new RiskAssessor(Duration.ofDays(90), 0.5, 0.75)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oneReporterRepeatingItselfIsOneReport() {
    List<Report> same = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      same.add(report(ReportSource.INSTITUTION, "bank-a", i));
    }
    RiskAssessor.Risk risk = assessor.assess(same, List.of(), NOW);
    assertThat(risk.level()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(risk.reasons()).containsEntry("reported-by-institution", 1);
    assertThat(risk.score()).isEqualTo(1.0);
  }

  @Test
  void aPoliceReportAloneIsHighAndReportsFadeWithAge() {
    assertThat(level(List.of(report(ReportSource.POLICE, "police", 10)))).isEqualTo(RiskLevel.HIGH);
    // two institutions a year ago: each weighs a quarter now
    RiskAssessor.Risk old =
        assessor.assess(List.of(report(ReportSource.INSTITUTION, "a", 360), report(ReportSource.INSTITUTION, "b", 360)), List.of(), NOW);
    assertThat(old.level()).isEqualTo(RiskLevel.LOW);
    assertThat(old.score()).isCloseTo(0.5, org.assertj.core.api.Assertions.offset(0.01));
    assertThat(old.reasons()).doesNotContainKey("reported-recently");
  }

  @Test
  void aFeedsDeclaredTrustScalesItsReports() {
    Report halfTrusted = new Report(ReportSource.FEED, "feed-x", 0.5, NOW);
    assertThat(assessor.assess(List.of(halfTrusted), List.of(), NOW).level()).isEqualTo(RiskLevel.LOW);
    Report trusted = new Report(ReportSource.FEED, "feed-y", 1.0, NOW);
    assertThat(assessor.assess(List.of(halfTrusted, trusted), List.of(), NOW).level()).isEqualTo(RiskLevel.HIGH);
    assertThatThrownBy(() -> new Report(ReportSource.FEED, "f", 0, NOW)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Report(ReportSource.FEED, "f", 1.5, NOW)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClearedDisputeSetsAsideEarlierReportsAndAnOpenOneIsNamed() {
    List<Report> reports = List.of(report(ReportSource.INSTITUTION, "a", 20), report(ReportSource.INSTITUTION, "b", 19));
    Dispute cleared = new Dispute(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(5)));
    RiskAssessor.Risk risk = assessor.assess(reports, List.of(cleared), NOW);
    assertThat(risk.level()).isEqualTo(RiskLevel.NO_RECORD);
    assertThat(risk.reasons()).containsEntry("cleared-reports", 2);
    // a report after the clearing counts again
    List<Report> again = new ArrayList<>(reports);
    again.add(report(ReportSource.INSTITUTION, "c", 1));
    assertThat(assessor.assess(again, List.of(cleared), NOW).level()).isEqualTo(RiskLevel.MEDIUM);
    // an open dispute changes nothing but is shown
    RiskAssessor.Risk disputed = assessor.assess(reports, List.of(new Dispute(NOW.minus(Duration.ofDays(1)), null)), NOW);
    assertThat(disputed.level()).isEqualTo(RiskLevel.HIGH);
    assertThat(disputed.reasons()).containsEntry("disputed", true);
  }
}
