package org.bonafide.session;

import com.google.common.hash.Hashing;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.AnalysisGate;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.document.DocumentAnalyzer;
import org.bonafide.document.DocumentCheck;
import org.bonafide.document.DocumentReason;
import org.bonafide.document.DocumentReport;
import org.bonafide.document.DocumentSubmission;
import org.bonafide.identitygraph.EntityKind;
import org.bonafide.identitygraph.GraphApplication;
import org.bonafide.identitygraph.IdentityGraph;
import org.bonafide.liveness.Outcome;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.bonafide.storage.DeploymentSecrets;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Identity documents posted to a session: reads and checks them with the {@link DocumentAnalyzer},
 * finds the holder's portrait (the chip's when its data passed passive authentication, else the
 * printed one) and compares it with the person on camera, now or when the capture is analysed.
 */
class SessionDocuments {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SessionDocuments.class);
  /** A document's outcome when its checks failed. */
  private static final String FAILED = "failed";
  static final String HOLDER_CHECK = "holder-match";
  static final String REFERENCE_CHECK = "reference-match";
  private static final String CHIP_CHALLENGE_KEY = "document-chip-challenge-key";
  /** ICAO 9303 active authentication signs an 8-byte challenge. */
  static final int CHIP_CHALLENGE_BYTES = 8;

  private final SessionService sessions;
  private final SessionRepository sessionRepository;
  private final SessionDocumentRepository repository;
  private final DocumentAnalyzer analyzer;
  private final FaceEngine engine;
  private final SessionProperties properties;
  private final InstantSource clock;
  private final TransactionTemplate transactions;
  private final JsonMapper json;
  private final IdentityGraph graph;
  private final AnalysisGate gate;
  private final byte[] challengeKey;

  SessionDocuments(
      SessionService sessions,
      SessionRepository sessionRepository,
      SessionDocumentRepository repository,
      DocumentAnalyzer analyzer,
      FaceEngine engine,
      SessionProperties properties,
      InstantSource clock,
      TransactionTemplate transactions,
      JsonMapper json,
      DeploymentSecrets secrets,
      IdentityGraph graph,
      AnalysisGate gate) {
    this.gate = gate;
    this.graph = graph;
    this.challengeKey = secrets.getOrCreate(CHIP_CHALLENGE_KEY);
    this.sessions = sessions;
    this.sessionRepository = sessionRepository;
    this.repository = repository;
    this.analyzer = analyzer;
    this.engine = engine;
    this.properties = properties;
    this.clock = clock;
    this.transactions = transactions;
    this.json = json;
  }

  /**
   * Analyses and stores a document posted to the tenant's session; returns its view. The analysis
   * takes a slot of the service's photo-analysis gate ({@code service-busy} when none frees).
   */
  Map<String, Object> submit(TenantId tenant, UUID id, DocumentSubmission submission) {
    return gate.run(() -> submitAdmitted(tenant, id, submission));
  }

  private Map<String, Object> submitAdmitted(TenantId tenant, UUID id, DocumentSubmission submission) {
    SessionRecord session = sessions.get(tenant, id);
    if (session.state() == SessionState.EXPIRED) {
      throw new BonafideException(
          ErrorCode.SESSION_EXPIRED, "The session expired before its capture was submitted; open a new one.");
    }
    if (repository.count(id) >= properties.getMaxDocuments()) {
      throw new BonafideException(
          ErrorCode.TOO_MANY_DOCUMENTS,
          "A session accepts at most " + properties.getMaxDocuments() + " documents; open a new session.",
          Map.of("maxDocuments", properties.getMaxDocuments()));
    }
    // the face engine's decoder enforces the image limits and answers bad images with a 4xx
    DecodedImage front = engine.decode(submission.front());
    if (submission.back() != null) {
      engine.decode(submission.back());
    }
    List<Detection> printedFaces = engine.detect(front);
    Optional<Detection> printed = printedFaces.stream().max(Comparator.comparingDouble(d -> d.box().area()));
    if (printed.isPresent()) {
      var box = printed.get().box();
      submission =
          submission.withPortrait(
              new Rectangle(
                  Math.round(box.x1()), Math.round(box.y1()), Math.round(box.width()), Math.round(box.height())));
    }
    ChipChallenge challenge = chipChallenge(id, submission);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    DocumentReport report = analyzer.analyse(challenge.submission(), now);
    if (challenge.check() != null) {
      report = report.withCheck(challenge.check());
    }
    Portrait portrait = portrait(report, front, printed);
    report = report.withCheck(portrait.check());
    if (portrait.embedding() != null) {
      Optional<float[]> live = repository.liveEmbedding(id);
      if (live.isPresent()) {
        report = report.withCheck(compare(HOLDER_CHECK, portrait.embedding(), live.get(), "the live face"));
      }
      if (session.referenceEmbedding() != null) {
        report =
            report.withCheck(
                compare(REFERENCE_CHECK, portrait.embedding(), session.referenceEmbedding(), "the reference photo"));
      }
    }
    UUID documentId = UUID.randomUUID();
    DocumentReport stored = report;
    List<Map<String, Object>> evidence = new ArrayList<>();
    transactions.executeWithoutResult(
        status -> {
          for (DocumentCheck check : stored.checks()) {
            for (DocumentCheck.Evidence image : check.evidence()) {
              UUID evidenceId = UUID.randomUUID();
              String kind = "document:" + check.id() + ":" + image.name();
              sessionRepository.insertEvidence(id, evidenceId, kind, null, image.bytes(), now);
              evidence.add(Map.of("id", evidenceId, "kind", kind, "href", "/v1/sessions/" + id + "/evidence/" + evidenceId));
            }
          }
          repository.insert(
              new SessionDocumentRepository.StoredDocument(
                  documentId,
                  id,
                  stored.outcome().code(),
                  stored.reasons(),
                  result(stored, evidence),
                  portrait.embedding(),
                  now),
              tenant);
        });
    return view(linkToGraph(tenant, id, repository.latest(id).orElseThrow(), now));
  }

  /**
   * Records the document in the identity graph (the document number, the name with birth date, and
   * the holder's face) and keeps what the graph says in the document's result. A document whose
   * MRZ was not read carries no identity and is not recorded. The session's device id and observed
   * IP join it (see {@link SessionDevice}). The graph's refusal of a value (an
   * MRZ field it cannot normalise) leaves the document as it is: the graph is a second opinion.
   */
  private SessionDocumentRepository.StoredDocument linkToGraph(
      TenantId tenant, UUID session, SessionDocumentRepository.StoredDocument d, Instant now) {
    if (!(d.result().get("fields") instanceof Map<?, ?> fields)) {
      return d;
    }
    Map<EntityKind, List<String>> ids = new EnumMap<>(EntityKind.class);
    if (fields.get("documentNumber") instanceof String number && fields.get("issuingState") instanceof String state
        && !number.isBlank()) {
      ids.put(EntityKind.DOCUMENT_NUMBER, List.of(state + ":" + number));
    }
    if (fields.get("lastName") instanceof String last && fields.get("birthDate") instanceof String birth
        && birth.matches("\\d{4}-\\d{2}-\\d{2}")) {
      String first = fields.get("firstName") instanceof String f ? f : "";
      ids.put(EntityKind.NAME_BIRTH_DATE, List.of((first + " " + last).strip() + "|" + birth));
    }
    if (ids.isEmpty()) {
      return d;
    }
    ids = SessionDevice.withSession(ids, sessions.get(tenant, session).telemetry());
    float[] face = d.portraitEmbedding() != null ? d.portraitEmbedding() : repository.liveEmbedding(session).orElse(null);
    IdentityGraph.Recorded recorded;
    try {
      recorded = graph.record(tenant, new GraphApplication("session:" + session + ":document:" + d.id(), now, ids, face, session));
    } catch (BonafideException e) {
      log.info("Document {} of session {} not recorded in the identity graph: {}", d.id(), session, e.getMessage());
      return d;
    }
    Map<String, Object> result = new LinkedHashMap<>(d.result());
    Map<String, Object> graphView = new LinkedHashMap<>();
    graphView.put("applicationId", recorded.id());
    graphView.put("signals", json.convertValue(recorded.signals(), List.class));
    graphView.put("links", json.convertValue(recorded.links(), List.class));
    result.put("identityGraph", graphView);
    repository.update(d.id(), d.outcome(), d.reasons(), result);
    flagIfFailed(tenant, session);
    return new SessionDocumentRepository.StoredDocument(
        d.id(), d.session(), d.outcome(), d.reasons(), result, d.portraitEmbedding(), d.createdAt());
  }

  /**
   * The active authentication challenge this session issues: the chip must sign these 8 bytes, so
   * a signature recorded from another reading of the chip is worthless. Derived from the session id
   * with a deployment key, so it needs no storage and cannot be predicted without the key.
   */
  byte[] chipChallenge(UUID session) {
    return Arrays.copyOf(
        Hashing.hmacSha256(challengeKey).hashString(session.toString(), StandardCharsets.UTF_8).asBytes(),
        CHIP_CHALLENGE_BYTES);
  }

  /** The submission to analyse and, when its active authentication answered another challenge, the failed check. */
  private record ChipChallenge(DocumentSubmission submission, DocumentCheck check) {}

  /**
   * Active authentication is verified against this session's challenge, never against one the
   * client sends: a client's {@code aa-challenge} that differs from it fails {@code chip-challenge}.
   */
  private ChipChallenge chipChallenge(UUID session, DocumentSubmission submission) {
    if (!submission.chip().containsKey("aa-signature")) {
      return new ChipChallenge(submission, null);
    }
    byte[] issued = chipChallenge(session);
    byte[] sent = submission.chip().get("aa-challenge");
    Map<String, byte[]> chip = new LinkedHashMap<>(submission.chip());
    chip.put("aa-challenge", issued);
    DocumentSubmission withIssued =
        new DocumentSubmission(
            submission.front(), submission.back(), chip, submission.nationalId(), submission.portrait());
    if (sent != null && !Arrays.equals(sent, issued)) {
      return new ChipChallenge(
          withIssued,
          DocumentCheck.fail(
              "chip-challenge",
              0,
              DocumentReason.CHIP_AUTHENTICATION_FAILED,
              Map.of("problem", "the active authentication answered a challenge this session did not issue")));
    }
    return new ChipChallenge(withIssued, null);
  }

  /**
   * Called when a capture has been analysed: keeps its face embedding for documents posted later,
   * and compares it with the portrait of the document posted before, if any.
   */
  void captureAnalysed(UUID session, float[] liveEmbedding) {
    repository.saveLiveEmbedding(session, liveEmbedding);
    if (liveEmbedding == null) {
      return;
    }
    repository
        .latest(session)
        .filter(d -> d.portraitEmbedding() != null)
        .ifPresent(
            d -> {
              Map<String, Object> result = new LinkedHashMap<>(d.result());
              DocumentCheck holder = compare(HOLDER_CHECK, d.portraitEmbedding(), liveEmbedding, "the live face");
              List<Object> checks = new ArrayList<>((List<?>) result.getOrDefault("checks", List.of()));
              checks.removeIf(c -> c instanceof Map<?, ?> m && HOLDER_CHECK.equals(m.get("id")));
              checks.add(json.convertValue(holder, Map.class));
              result.put("checks", checks);
              List<String> reasons = new ArrayList<>(d.reasons());
              String outcome = d.outcome();
              if (!holder.passed() && !reasons.contains(holder.reason())) {
                reasons.add(holder.reason());
                reasons.sort(Comparator.comparingInt(code -> reasonOrder(code)));
                outcome = FAILED;
              }
              result.put("outcome", outcome);
              result.put("reasons", reasons);
              repository.update(d.id(), outcome, reasons, result);
            });
  }

  /**
   * Flags, in the identity graph, the applications that came from the session when it failed
   * verification: its capture failed, or its newest document did. Called whenever either may have
   * changed or an application from the session was recorded, so the order of events does not
   * matter; applications already flagged stay as they are.
   */
  void flagIfFailed(TenantId tenant, UUID session) {
    boolean captureFailed = sessionRepository.find(tenant, session).map(s -> s.outcome() == Outcome.FAILED).orElse(false);
    boolean documentFailed = repository.latest(session).map(d -> FAILED.equals(d.outcome())).orElse(false);
    if (captureFailed || documentFailed) {
      int flagged = graph.flagSession(session, clock.instant().truncatedTo(ChronoUnit.MICROS));
      if (flagged > 0) {
        log.info("Session {} failed verification: {} application(s) flagged in the identity graph", session, flagged);
      }
    }
  }

  /** The face of the session's capture, kept until retention for the holder comparison. */
  Optional<float[]> liveEmbedding(UUID session) {
    return repository.liveEmbedding(session);
  }

  /** The session's newest document as the API shows it, or null when none was posted. */
  Map<String, Object> latestView(UUID session) {
    return repository.latest(session).map(SessionDocuments::view).orElse(null);
  }

  private static int reasonOrder(String code) {
    for (DocumentReason r : DocumentReason.values()) {
      if (r.code().equals(code)) {
        return r.ordinal();
      }
    }
    return Integer.MAX_VALUE;
  }

  private static Map<String, Object> view(SessionDocumentRepository.StoredDocument d) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", d.id());
    view.put("createdAt", d.createdAt());
    view.putAll(d.result());
    view.put("outcome", d.outcome());
    view.put("reasons", d.reasons());
    return view;
  }

  private Map<String, Object> result(DocumentReport report, List<Map<String, Object>> evidence) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("outcome", report.outcome().code());
    result.put("reasons", report.reasons());
    result.put("fields", report.fields());
    List<Map<String, Object>> checks = new ArrayList<>();
    for (DocumentCheck check : report.checks()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", check.id());
      c.put("passed", check.passed());
      c.put("score", check.score());
      c.put("reason", check.reason());
      c.put("details", check.details());
      checks.add(c);
    }
    result.put("checks", checks);
    result.put("evidence", evidence);
    return result;
  }

  private record Portrait(float[] embedding, DocumentCheck check) {}

  /**
   * The holder's portrait: the chip's (when the report carries one, it passed passive
   * authentication), else the most prominent face printed on the front.
   */
  private Portrait portrait(DocumentReport report, DecodedImage front, Optional<Detection> printed) {
    String source = "chip";
    DecodedImage image = null;
    if (report.portrait() != null) {
      image = new DecodedImage(report.portrait(), "chip", "", 0);
    }
    Optional<Detection> found =
        image == null ? Optional.empty() : engine.detect(image).stream().max(Comparator.comparingDouble(d -> d.box().area()));
    if (found.isEmpty()) {
      source = "printed";
      image = front;
      found = printed;
    }
    if (found.isEmpty()) {
      return new Portrait(
          null,
          DocumentCheck.fail(
              "portrait", 0, DocumentReason.PORTRAIT_NOT_FOUND, Map.of("chipPortrait", report.portrait() != null)));
    }
    Detection best = found.get();
    DetectedFace face = engine.analyseFace(image, best, false);
    BufferedImage pixels = image.pixels();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("source", source);
    details.put("faceWidthPx", Math.round(best.box().width()));
    details.put("imageWidthPx", pixels.getWidth());
    details.put("detectionScore", Math.round(best.score() * 1000) / 1000.0);
    return new Portrait(face.embedding(), DocumentCheck.pass("portrait", 1, details));
  }

  private DocumentCheck compare(String id, float[] portrait, float[] other, String what) {
    double similarity = FaceEngine.similarity(portrait, other);
    double threshold = engine.settings().matchThreshold();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("similarity", Math.round(similarity * 1000) / 1000.0);
    details.put("threshold", threshold);
    details.put("comparedWith", what);
    double score = Math.max(0, Math.min(1, 0.5 + (similarity - threshold)));
    return similarity >= threshold
        ? DocumentCheck.pass(id, score, details)
        : DocumentCheck.fail(id, score, DocumentReason.PORTRAIT_MISMATCH, details);
  }
}
