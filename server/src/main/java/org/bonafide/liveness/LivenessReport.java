package org.bonafide.liveness;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param stageMs wall time of each stage, in ms, in the order they ran: {@value #MEASURE_STAGE}
 *     (decoding the frames and the face engine, over the analyzer's threads), then one entry per
 *     detector that ran (under its check's id), then {@value #EVIDENCE_STAGE}; a check added
 *     afterwards ({@link #withStage}) adds its own, such as {@link ReplayCheck#ID}
 * @param fingerprints the frames' and face boxes' fingerprints, for the replay check that runs
 *     outside the analyzer (not part of the report's JSON)
 * @param identity the capture's face embedding (the median of its hold-still frames,
 *     L2-normalised), for comparisons made later, such as with an identity document's portrait;
 *     null when no frame had a face (not part of the report's JSON)
 */
public record LivenessReport(
    Outcome outcome,
    List<String> reasons,
    List<CheckResult> checks,
    List<Evidence> evidence,
    int framesAnalysed,
    long analysisMs,
    Map<String, Double> stageMs,
    @JsonIgnore MediaFingerprints fingerprints,
    @JsonIgnore float[] identity) {
  /** The stage that decodes every frame and measures its face. */
  public static final String MEASURE_STAGE = "measure";

  /** The stage that picks and encodes the audit frames and face crops. */
  public static final String EVIDENCE_STAGE = "evidence";

  public LivenessReport {
    reasons = List.copyOf(reasons);
    checks = List.copyOf(checks);
    evidence = List.copyOf(evidence);
    stageMs = stageMs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stageMs));
    fingerprints = fingerprints == null ? MediaFingerprints.NONE : fingerprints;
    identity = identity == null ? null : identity.clone();
  }

  /** A report without the capture's identity (a test's, or one from before identities were kept). */
  public LivenessReport(
      Outcome outcome,
      List<String> reasons,
      List<CheckResult> checks,
      List<Evidence> evidence,
      int framesAnalysed,
      long analysisMs,
      Map<String, Double> stageMs,
      MediaFingerprints fingerprints) {
    this(outcome, reasons, checks, evidence, framesAnalysed, analysisMs, stageMs, fingerprints, null);
  }

  @Override
  @JsonIgnore
  public float[] identity() {
    return identity == null ? null : identity.clone();
  }

  /** A report without stage times (an analysis that broke, or a test's). */
  public LivenessReport(
      Outcome outcome,
      List<String> reasons,
      List<CheckResult> checks,
      List<Evidence> evidence,
      int framesAnalysed,
      long analysisMs) {
    this(outcome, reasons, checks, evidence, framesAnalysed, analysisMs, Map.of(), MediaFingerprints.NONE, null);
  }

  /**
   * This report with the wall time of one more stage (added to the stage's time when it is
   * already there), after the others.
   */
  public LivenessReport withStage(String stage, double ms) {
    Map<String, Double> stages = new LinkedHashMap<>(stageMs);
    stages.merge(stage, ms, Double::sum);
    return new LivenessReport(
        outcome, reasons, checks, evidence, framesAnalysed, analysisMs, stages, fingerprints, identity);
  }

  /**
   * This report with one more check (one that runs outside the analyzer, such as {@link
   * ReplayCheck}), its reasons and outcome combined as the analyzer combines its own.
   */
  public LivenessReport withCheck(CheckResult check) {
    List<CheckResult> all = new ArrayList<>(checks);
    all.add(check);
    if (check.passed()) {
      return new LivenessReport(
          outcome, reasons, all, evidence, framesAnalysed, analysisMs, stageMs, fingerprints, identity);
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
        stageMs,
        fingerprints,
        identity);
  }

  private static Outcome worse(Outcome a, Outcome b) {
    if (a == Outcome.FAILED || b == Outcome.FAILED) {
      return Outcome.FAILED;
    }
    return a == Outcome.RETRY || b == Outcome.RETRY ? Outcome.RETRY : Outcome.PASSED;
  }
}
