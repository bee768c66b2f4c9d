package org.bonafide.session;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bonafide.liveness.Capture;
import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.Evidence;
import org.bonafide.liveness.LivenessAnalyzer;
import org.bonafide.liveness.LivenessReport;
import org.bonafide.liveness.Outcome;
import org.bonafide.liveness.ReplayCheck;
import org.bonafide.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Analyses submitted captures in the background, a few at a time, and records the outcome, the
 * checks and the evidence. Sessions still submitted when the service starts (it stopped during an
 * analysis) are analysed again, so no submission is lost.
 */
class SessionAnalysis implements AutoCloseable {
  /** Reason recorded when the analysis itself broke; the applicant may try again. */
  static final String ANALYSIS_ERROR = "analysis-error";

  private static final Logger log = LoggerFactory.getLogger(SessionAnalysis.class);

  private final SessionRepository repository;
  private final LivenessAnalyzer analyzer;
  private final SessionProperties properties;
  private final InstantSource clock;
  private final TransactionTemplate transactions;
  private final ExecutorService executor;
  private final MeterRegistry meters;
  private final MediaFingerprintRepository fingerprints;
  private final ReplayCheck.Settings replay;
  private final SessionDocuments documents;

  SessionAnalysis(
      SessionRepository repository,
      LivenessAnalyzer analyzer,
      SessionProperties properties,
      InstantSource clock,
      TransactionTemplate transactions,
      MeterRegistry meters,
      MediaFingerprintRepository fingerprints,
      ReplayCheck.Settings replay,
      SessionDocuments documents) {
    this.documents = documents;
    this.meters = meters;
    this.fingerprints = fingerprints;
    this.replay = replay;
    this.repository = repository;
    this.analyzer = analyzer;
    this.properties = properties;
    this.clock = clock;
    this.transactions = transactions;
    this.executor =
        Executors.newFixedThreadPool(
            Math.max(1, properties.getAnalysisThreads()),
            runnable -> {
              Thread thread = new Thread(runnable, "session-analysis");
              thread.setDaemon(true);
              return thread;
            });
  }

  void enqueue(TenantId tenant, UUID id) {
    executor.execute(() -> analyse(tenant, id));
  }

  void resumeSubmitted() {
    for (Map.Entry<UUID, TenantId> session : repository.submitted()) {
      log.info("Analysing session {}, submitted before the service restarted", session.getKey());
      enqueue(session.getValue(), session.getKey());
    }
  }

  void analyse(TenantId tenant, UUID id) {
    SessionRecord session = repository.find(tenant, id).orElse(null);
    if (session == null || session.state() != SessionState.SUBMITTED) {
      return;
    }
    LivenessReport report;
    try {
      List<CapturedFrame> frames = new ArrayList<>();
      for (StoredFrame frame : repository.frames(id)) {
        frames.add(frame.toCaptured());
      }
      Capture capture = new Capture(session.challenge(), frames, session.telemetry());
      report = analyzer.analyse(capture, session.referenceEmbedding());
      long replayStarted = System.nanoTime();
      report = checkReplay(session, report);
      report = report.withStage(ReplayCheck.ID, (System.nanoTime() - replayStarted) / 1e6);
    } catch (RuntimeException e) {
      log.error("Analysis of session {} failed; it is recorded as retry ({})", id, ANALYSIS_ERROR, e);
      report = new LivenessReport(Outcome.RETRY, List.of(ANALYSIS_ERROR), List.of(), List.of(), 0, 0);
    }
    record(session, report);
  }

  /**
   * Looks this capture's frames and faces up among every earlier session's (all tenants), adds the
   * replay check when it is enabled, and records the fingerprints for later sessions either way.
   * The fingerprints come with the report: the analysis made them from the frames it decoded.
   */
  private LivenessReport checkReplay(SessionRecord session, LivenessReport report) {
    LivenessReport checked = report;
    if (replay.enabled()) {
      ReplayCheck.History history =
          (prints, face, maxDistance) -> fingerprints.sightings(session.id(), session.tenant(), prints, face, maxDistance);
      checked = report.withCheck(ReplayCheck.check(report.fingerprints(), history, replay));
    }
    fingerprints.record(session.id(), session.tenant(), report.fingerprints(), clock.instant());
    return checked;
  }

  private void record(SessionRecord session, LivenessReport report) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Instant retainUntil = now.plus(properties.getRetention());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("checks", report.checks());
    result.put("framesAnalysed", report.framesAnalysed());
    result.put("analysisMs", report.analysisMs());
    Map<String, Double> stageMs = new LinkedHashMap<>();
    report.stageMs().forEach((stage, ms) -> stageMs.put(stage, Math.round(ms * 100) / 100.0));
    result.put("stageMs", stageMs);
    transactions.executeWithoutResult(
        status -> {
          repository.analysed(session.id(), report.outcome(), report.reasons(), result, now, retainUntil);
          for (Evidence evidence : report.evidence()) {
            repository.insertEvidence(
                session.id(), UUID.randomUUID(), evidence.kind(), evidence.frameIndex(), evidence.jpeg(), now);
          }
          // the capture's face stays (until retention) for the document's holder comparison
          documents.captureAnalysed(session.id(), report.identity());
          if (!session.record()) {
            // only recorded sessions keep their raw frames; the evidence is enough to audit the others
            repository.deleteFrames(session.id());
          }
        });
    documents.flagIfFailed(session.tenant(), session.id());
    meters.counter("bonafide.sessions.analysed", "outcome", report.outcome().code()).increment();
    meters.timer("bonafide.session.analysis").record(java.time.Duration.ofMillis(report.analysisMs()));
    log.info(
        "Session {} analysed: {} {} ({} frames, {} ms)",
        session.id(), report.outcome().code(), report.reasons(), report.framesAnalysed(), report.analysisMs());
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}
