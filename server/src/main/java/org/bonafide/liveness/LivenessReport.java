package org.bonafide.liveness;

import java.util.List;

/**
 * The analysis of one capture.
 *
 * @param outcome passed, failed or retry
 * @param reasons reason codes behind a failed or retry outcome, most important first (empty when
 *     passed)
 * @param checks every enabled detector's result
 * @param evidence a few audit frames and face crops
 * @param framesAnalysed frames decoded and analysed
 * @param analysisMs wall time of the analysis
 */
public record LivenessReport(
    Outcome outcome,
    List<String> reasons,
    List<CheckResult> checks,
    List<Evidence> evidence,
    int framesAnalysed,
    long analysisMs) {
  public LivenessReport {
    reasons = List.copyOf(reasons);
    checks = List.copyOf(checks);
    evidence = List.copyOf(evidence);
  }
}
