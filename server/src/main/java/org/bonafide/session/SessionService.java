package org.bonafide.session;

import com.google.common.hash.Hashing;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceCrop;
import org.bonafide.biometrics.AnalysisGate;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.JpegEncoder;
import org.bonafide.biometrics.QualityIssue;
import org.bonafide.liveness.Capture;
import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.Prompt;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life of a session: creation with a freshly drawn, signed challenge; the single-use capture
 * token; chunked frame uploads that never lose what was already stored; the one submission; and
 * what an analyst or the capture page may read back.
 */
class SessionService {
  private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");
  private static final int MAX_REFERENCE_LENGTH = 200;
  private static final float EVIDENCE_QUALITY = 0.9f;

  private final SessionRepository repository;
  private final AnalysisGate gate;
  private final FaceEngine engine;
  private final ChallengeSigner signer;
  private final SessionTokens tokens;
  private final SessionPolicies policies;
  private final SessionProperties properties;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final TransactionTemplate transactions;
  private final Semaphore previews = new Semaphore(1);

  SessionService(
      SessionRepository repository,
      FaceEngine engine,
      ChallengeSigner signer,
      SessionPolicies policies,
      SessionProperties properties,
      InstantSource clock,
      SecureRandom random,
      TransactionTemplate transactions,
      AnalysisGate gate) {
    this.gate = gate;
    this.repository = repository;
    this.engine = engine;
    this.signer = signer;
    this.tokens = new SessionTokens(random);
    this.policies = policies;
    this.properties = properties;
    this.clock = clock;
    this.random = random;
    this.transactions = transactions;
  }

  /** What creating a session returns: everything except the capture URL, which depends on the request. */
  record Created(SessionRecord session, String captureToken) {}

  Created create(TenantId tenant, String applicantReference, String policyName, boolean record, byte[] reference) {
    String name = policyName == null || policyName.isBlank() ? policies.defaultName() : policyName;
    ChallengePolicy policy =
        policies
            .find(name)
            .orElseThrow(
                () ->
                    new BonafideException(
                        ErrorCode.VALIDATION_FAILED,
                        "policy must be one of " + policies.names() + ".",
                        Map.of("parameter", "policy")));
    if (applicantReference != null && applicantReference.length() > MAX_REFERENCE_LENGTH) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "applicantReference has at most " + MAX_REFERENCE_LENGTH + " characters.",
          Map.of("parameter", "applicantReference"));
    }
    // the reference photo takes a slot of the service's photo-analysis gate, like a comparison
    ReferenceFace referenceFace = reference == null ? null : gate.run(() -> referenceFace(reference));

    UUID id = UUID.randomUUID();
    Instant now = now();
    Instant expiresAt = now.plus(properties.getExpiry());
    Challenge challenge = ChallengeGenerator.draw(policy, random);
    String signature = signer.sign(tenant, id, expiresAt, challenge);
    String captureToken = tokens.newCaptureToken();
    SessionRecord session =
        new SessionRecord(
            id, tenant, SessionState.CREATED, null, name, applicantReference, record, challenge, signature, false,
            referenceFace == null ? null : referenceFace.embedding(),
            referenceFace == null ? null : referenceFace.sha256(),
            Map.of(), 0, null, List.of(), null, now, expiresAt, null, null, null, null);
    transactions.executeWithoutResult(
        status -> {
          repository.insert(session, SessionTokens.hash(captureToken));
          if (referenceFace != null) {
            repository.insertEvidence(id, UUID.randomUUID(), "reference-face", null, referenceFace.crop(), now);
          }
        });
    return new Created(session, captureToken);
  }

  private record ReferenceFace(float[] embedding, String sha256, byte[] crop) {}

  private ReferenceFace referenceFace(byte[] bytes) {
    DecodedImage image = engine.decode(bytes);
    List<Detection> faces = engine.detect(image);
    if (faces.isEmpty()) {
      throw new BonafideException(
          ErrorCode.NO_FACE, "No face was found on the reference image.", Map.of("part", "reference"));
    }
    // only the most prominent face is the reference, and its attack score is not needed
    DetectedFace face = engine.analyseFace(image, faces.get(0), false);
    BufferedImage crop = FaceCrop.around(image.pixels(), face.box());
    byte[] evidence = JpegEncoder.encode(crop == null ? image.pixels() : crop, EVIDENCE_QUALITY);
    return new ReferenceFace(face.embedding(), image.sha256(), evidence);
  }

  /** The tenant's session; another tenant's answers exactly as an unknown id. */
  SessionRecord get(TenantId tenant, UUID id) {
    SessionRecord session = repository.find(tenant, id).orElseThrow(() -> notFound(id));
    if (session.expiredAt(now()) && session.state() != SessionState.EXPIRED) {
      repository.expireDue(now());
      return repository.find(tenant, id).orElseThrow(() -> notFound(id));
    }
    return session;
  }

  List<SessionRepository.EvidenceRef> evidence(UUID id) {
    return repository.evidence(id);
  }

  byte[] evidenceImage(TenantId tenant, UUID id, UUID evidence) {
    get(tenant, id);
    return repository
        .evidenceImage(id, evidence)
        .orElseThrow(
            () ->
                new BonafideException(
                    ErrorCode.NOT_FOUND, "No evidence " + evidence + " exists for this session (deleted after retention?)."));
  }

  /**
   * A recorded session's capture as a bona fide session folder, for growing the evaluation set.
   * Only sessions created with {@code record: true} keep their frames, until their retention ends.
   */
  SessionFolder recording(TenantId tenant, UUID id) {
    SessionRecord session = get(tenant, id);
    List<StoredFrame> stored = session.record() ? repository.frames(id) : List.of();
    if (stored.isEmpty() || session.frameCount() == null) {
      throw new BonafideException(
          ErrorCode.NOT_RECORDED,
          session.record()
              ? "This session has no submitted recording (not submitted yet, or deleted after retention)."
              : "This session was not created with record: true, so its frames were not kept.");
    }
    List<CapturedFrame> frames = new ArrayList<>(stored.size());
    for (StoredFrame frame : stored) {
      frames.add(frame.toCaptured());
    }
    return SessionFolder.bonaFide(
        new Capture(session.challenge(), frames, session.telemetry()),
        "recorded with the capture page (record mode), session " + id + ", " + session.submittedAt());
  }

  /** What redeeming the capture token gives the capture page or app. */
  record CaptureGrant(SessionRecord session, String uploadToken) {}

  CaptureGrant redeemCaptureToken(TenantId tenant, UUID id) {
    String uploadToken = tokens.newUploadToken();
    return transactions.execute(
        status -> {
          SessionRecord session = repository.lock(tenant, id).orElseThrow(() -> notFound(id));
          requireOpen(session, now());
          if (session.captureTokenRedeemed()) {
            throw new BonafideException(
                ErrorCode.CAPTURE_TOKEN_USED,
                "This capture link has already been opened; a capture link works once. Ask for a new session.");
          }
          repository.startCapture(id, SessionTokens.hash(uploadToken), now());
          return new CaptureGrant(session, uploadToken);
        });
  }

  /** Live feedback while the applicant lines up: how many faces, and the main face's quality issues. */
  Map<String, Object> preview(TenantId tenant, UUID id, byte[] frame) {
    requireOpen(get(tenant, id), now());
    checkFrameSize(frame.length);
    // one preview at a time across the service: feedback is a courtesy and must not slow analyses
    if (!previews.tryAcquire()) {
      throw new BonafideException(
          ErrorCode.SERVICE_BUSY,
          "Preview feedback is busy; try again shortly.",
          Map.of(BonafideException.RETRY_AFTER_SECONDS, 1));
    }
    try {
      DecodedImage image = engine.decode(frame);
      // every face is counted, but only the main one is analysed, without the attack model
      List<Detection> faces = engine.detect(image);
      List<String> issues =
          faces.isEmpty()
              ? List.of()
              : engine.analyseFace(image, faces.get(0), false).quality().issues().stream()
                  .map(QualityIssue::code)
                  .toList();
      return Map.of("faces", faces.size(), "issues", issues);
    } finally {
      previews.release();
    }
  }

  /** One frame of an upload as described by its metadata. */
  record FrameUpload(int index, long timestampMs, String prompt, String screen, byte[] image) {}

  /**
   * Stores a chunk of frames: all of them or, if any is refused, none (what earlier chunks stored
   * stays). A frame already stored with the same bytes is accepted again, so a client can resend a
   * chunk whose answer it never received.
   */
  Map<String, Object> addFrames(TenantId tenant, UUID id, List<FrameUpload> frames, Map<String, Object> telemetry) {
    if (frames.isEmpty()) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "An upload carries at least one frame.");
    }
    if (frames.size() > properties.getMaxFramesPerRequest()) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "An upload carries at most " + properties.getMaxFramesPerRequest() + " frames; send the rest in further uploads.",
          Map.of("limit", properties.getMaxFramesPerRequest()));
    }
    requireOpen(get(tenant, id), now());
    List<StoredFrame> checked = new ArrayList<>(frames.size());
    Set<Integer> seen = new HashSet<>();
    for (FrameUpload frame : frames) {
      checked.add(check(frame, seen));
    }
    return transactions.execute(
        status -> {
          SessionRecord session = repository.lock(tenant, id).orElseThrow(() -> notFound(id));
          requireOpen(session, now());
          List<Integer> stored = new ArrayList<>();
          Instant now = now();
          for (StoredFrame frame : checked) {
            var existing = repository.frameHash(id, frame.index());
            if (existing.isPresent()) {
              if (!MessageDigest.isEqual(existing.get(), frame.sha256())) {
                throw new BonafideException(
                    ErrorCode.FRAME_CONFLICT,
                    "Frame " + frame.index() + " was already received with different content; frames cannot be replaced.",
                    Map.of("index", frame.index()));
              }
              continue;
            }
            repository.insertFrame(id, frame, now);
            stored.add(frame.index());
          }
          if (session.state() == SessionState.CREATED) {
            // an app driven with the API key skips the capture link
            repository.startCapture(id, null, now);
          }
          int received = repository.updateUpload(id, telemetry);
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("received", received);
          answer.put("stored", stored);
          return answer;
        });
  }

  private StoredFrame check(FrameUpload frame, Set<Integer> seen) {
    int index = frame.index();
    if (index < 0 || frame.timestampMs() < 0) {
      throw invalidFrame(index, "index and timestampMs are at least 0");
    }
    if (index >= properties.getMaxFrames()) {
      throw new BonafideException(
          ErrorCode.TOO_MANY_FRAMES,
          "A capture has at most " + properties.getMaxFrames() + " frames (indices 0 to " + (properties.getMaxFrames() - 1) + ").",
          Map.of("limit", properties.getMaxFrames(), "index", index));
    }
    if (!seen.add(index)) {
      throw invalidFrame(index, "each index appears once in an upload");
    }
    if (frame.prompt() != null) {
      try {
        Prompt.fromCode(frame.prompt());
      } catch (IllegalArgumentException e) {
        throw invalidFrame(index, "prompt \"" + frame.prompt() + "\" is not a prompt of any challenge");
      }
    }
    if (frame.screen() != null && !COLOUR.matcher(frame.screen()).matches()) {
      throw invalidFrame(index, "screen is a colour written #rrggbb in lower case, or null");
    }
    checkFrameSize(frame.image().length);
    try {
      engine.decode(frame.image(), properties.getMaxFramePixels(), properties.getMaxFrameAspect());
    } catch (BonafideException e) {
      Map<String, Object> properties = new LinkedHashMap<>(e.properties());
      properties.put("index", index);
      throw new BonafideException(e.errorCode(), "Frame " + index + ": " + e.getMessage(), properties, e);
    }
    return new StoredFrame(index, frame.timestampMs(), frame.prompt(), frame.screen(), frame.image(), sha256(frame.image()));
  }

  private void checkFrameSize(int bytes) {
    long limit = properties.getMaxFrameBytes().toBytes();
    if (bytes > limit) {
      throw new BonafideException(
          ErrorCode.IMAGE_TOO_LARGE, "A frame has at most " + limit + " bytes.", Map.of("limit", limit));
    }
  }

  private static BonafideException invalidFrame(int index, String rule) {
    return new BonafideException(
        ErrorCode.VALIDATION_FAILED, "Frame " + index + ": " + rule + ".", Map.of("index", index));
  }

  /**
   * Accepts the capture for analysis, once: every frame from 0 to {@code frameCount - 1} must have
   * arrived, and the signature must be this session's challenge's.
   */
  SessionRecord submit(TenantId tenant, UUID id, int frameCount, String challengeSignature) {
    return transactions.execute(
        status -> {
          SessionRecord session = repository.lock(tenant, id).orElseThrow(() -> notFound(id));
          requireOpen(session, now());
          checkChallengeSignature(session, signer, challengeSignature);
          if (frameCount < 1 || frameCount > properties.getMaxFrames()) {
            throw new BonafideException(
                ErrorCode.VALIDATION_FAILED,
                "frameCount is between 1 and " + properties.getMaxFrames() + ".",
                Map.of("parameter", "frameCount"));
          }
          List<Integer> indices = repository.frameIndices(id);
          Set<Integer> have = new HashSet<>(indices);
          List<Integer> missing = new ArrayList<>();
          for (int i = 0; i < frameCount && missing.size() < 200; i++) {
            if (!have.contains(i)) {
              missing.add(i);
            }
          }
          if (!missing.isEmpty()) {
            throw new BonafideException(
                ErrorCode.UPLOAD_INCOMPLETE,
                missing.size() + (missing.size() == 200 ? " or more" : "") + " of " + frameCount
                    + " frames have not arrived; send them again and submit again.",
                Map.of("missing", missing, "received", indices.size()));
          }
          if (indices.size() > frameCount) {
            throw new BonafideException(
                ErrorCode.VALIDATION_FAILED,
                indices.size() + " frames arrived but frameCount says " + frameCount + ".",
                Map.of("parameter", "frameCount", "received", indices.size()));
          }
          repository.submit(id, frameCount, now());
          return repository.find(tenant, id).orElseThrow();
        });
  }

  /**
   * A submission must carry the signature of the session's own challenge, and the stored challenge
   * must still verify under the deployment's key (a row altered in the database does not).
   */
  static void checkChallengeSignature(SessionRecord session, ChallengeSigner signer, String challengeSignature) {
    if (!signer.verify(
        session.tenant(), session.id(), session.expiresAt(), session.challenge(), session.challengeSignature())) {
      throw new BonafideException(
          ErrorCode.CHALLENGE_MISMATCH,
          "The stored challenge no longer matches its signature; the session cannot be submitted.");
    }
    if (challengeSignature == null
        || !MessageDigest.isEqual(
            session.challengeSignature().getBytes(StandardCharsets.US_ASCII),
            challengeSignature.getBytes(StandardCharsets.US_ASCII))) {
      throw new BonafideException(
          ErrorCode.CHALLENGE_MISMATCH,
          "challengeSignature is not this session's challenge: a capture answers the challenge it was issued.");
    }
  }

  /** Refuses anything but frames and the one submission while the session is open. */
  static void requireOpen(SessionRecord session, Instant now) {
    switch (session.state()) {
      case SUBMITTED, ANALYSED ->
          throw new BonafideException(
              ErrorCode.ALREADY_SUBMITTED, "This session's capture was already submitted; a challenge accepts one response.");
      case EXPIRED -> throw expired(session);
      default -> {
        if (session.expiredAt(now)) {
          throw expired(session);
        }
      }
    }
  }

  private static BonafideException expired(SessionRecord session) {
    return new BonafideException(
        ErrorCode.SESSION_EXPIRED,
        "The session expired at " + session.expiresAt() + " before its capture was submitted; create a new session.",
        Map.of("expiresAt", session.expiresAt().toString()));
  }

  private static BonafideException notFound(UUID id) {
    return new BonafideException(ErrorCode.NOT_FOUND, "No session " + id + " exists.");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  static byte[] sha256(byte[] bytes) {
    return Hashing.sha256().hashBytes(bytes).asBytes();
  }

}
