package org.bonafide.liveness;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
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
 * @param faceFingerprints the fingerprints of the frames' face boxes, for the replay check that runs
 *     outside the analyzer (not part of the report's JSON)
 */
public record LivenessReport(
    Outcome outcome,
    List<String> reasons,
    List<CheckResult> checks,
    List<Evidence> evidence,
    int framesAnalysed,
    long analysisMs,
    @JsonIgnore List<FrameFingerprint> faceFingerprints) {
  public LivenessReport {
    reasons = List.copyOf(reasons);
    checks = List.copyOf(checks);
    evidence = List.copyOf(evidence);
    faceFingerprints = List.copyOf(faceFingerprints);
  }

  /** A report without face fingerprints. */
  public LivenessReport(
      Outcome outcome, List<String> reasons, List<CheckResult> checks, List<Evidence> evidence, int framesAnalysed, long analysisMs) {
    this(outcome, reasons, checks, evidence, framesAnalysed, analysisMs, List.of());
  }

  /**
   * This report with one more check (one that runs outside the analyzer, such as {@link
   * ReplayCheck}), its reasons and outcome combined as the analyzer combines its own.
   */
  public LivenessReport withCheck(CheckResult check) {
    List<CheckResult> all = new ArrayList<>(checks);
    all.add(check);
    if (check.passed()) {
      return new LivenessReport(outcome, reasons, all, evidence, framesAnalysed, analysisMs, faceFingerprints);
    }
    List<String> combined = DefaultLivenessAnalyzer.reasons(all);
    // reasons the analyzer reported without a check (an analysis error) are kept
    List<String> merged = new ArrayList<>(combined);
    for (String reason : reasons) {
      if (!merged.contains(reason)) {
        merged.add(reason);
      }
    }
    return new LivenessReport(
        worse(outcome, DefaultLivenessAnalyzer.outcome(combined)),
        merged,
        all,
        evidence,
        framesAnalysed,
        analysisMs,
        faceFingerprints);
  }

  private static Outcome worse(Outcome a, Outcome b) {
    if (a == Outcome.FAILED || b == Outcome.FAILED) {
      return Outcome.FAILED;
    }
    return a == Outcome.RETRY || b == Outcome.RETRY ? Outcome.RETRY : Outcome.PASSED;
  }
}
