package org.bonafide.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bonafide.liveness.Outcome;

/** The JSON shapes of sessions, built from stored records. */
final class SessionViews {
  private SessionViews() {}

  /** The full view for the session's tenant (analysts and backends). */
  static Map<String, Object> full(SessionRecord s, List<SessionRepository.EvidenceRef> evidence) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", s.id());
    view.put("state", s.state().code());
    view.put("outcome", s.outcome() == null ? null : s.outcome().code());
    view.put("reasons", s.reasons());
    view.put("policy", s.policy());
    view.put("applicantReference", s.applicantReference());
    view.put("record", s.record());
    view.put("challenge", s.challenge());
    view.put("createdAt", s.createdAt());
    view.put("expiresAt", s.expiresAt());
    view.put("captureStartedAt", s.captureStartedAt());
    view.put("submittedAt", s.submittedAt());
    view.put("analysedAt", s.analysedAt());
    view.put("retainUntil", s.retainUntil());
    view.put("upload", upload(s));
    view.put("reference", s.referenceSha256() == null ? null : Map.of("sha256", s.referenceSha256()));
    view.put("telemetry", s.telemetry());
    Map<String, Object> result = s.result() == null ? Map.of() : s.result();
    view.put("checks", result.getOrDefault("checks", List.of()));
    view.put("framesAnalysed", result.get("framesAnalysed"));
    view.put("analysisMs", result.get("analysisMs"));
    view.put("stageMs", result.get("stageMs"));
    view.put(
        "evidence",
        evidence.stream()
            .map(
                e -> {
                  Map<String, Object> ref = new LinkedHashMap<>();
                  ref.put("id", e.id());
                  ref.put("kind", e.kind());
                  ref.put("frameIndex", e.frameIndex());
                  ref.put("href", "/v1/sessions/" + s.id() + "/evidence/" + e.id());
                  return ref;
                })
            .toList());
    return view;
  }

  /**
   * What arrived: a submitted session's upload is complete by construction; an expired one with
   * frames was abandoned part-way.
   */
  static Map<String, Object> upload(SessionRecord s) {
    Map<String, Object> upload = new LinkedHashMap<>();
    upload.put("framesReceived", s.framesReceived());
    upload.put("frameCount", s.frameCount());
    String status;
    if (s.frameCount() != null) {
      status = "complete";
    } else if (s.framesReceived() == 0) {
      status = "none";
    } else {
      status = "partial";
    }
    upload.put("status", status);
    return upload;
  }

  /** What the capture page may see: no reasons that would coach an attacker, only retry hints. */
  static Map<String, Object> captureStatus(SessionRecord s) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("state", s.state().code());
    view.put("outcome", s.outcome() == null ? null : s.outcome().code());
    view.put("retryHints", s.outcome() == Outcome.RETRY ? s.reasons() : List.of());
    return view;
  }

  static Map<String, Object> created(SessionRecord s, String captureUrl, String captureToken) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", s.id());
    view.put("state", s.state().code());
    view.put("policy", s.policy());
    view.put("captureUrl", captureUrl);
    view.put("captureToken", captureToken);
    view.put("expiresAt", s.expiresAt());
    view.put("challenge", s.challenge());
    view.put("challengeSignature", s.challengeSignature());
    return view;
  }

  static Map<String, Object> grant(SessionRecord s, String uploadToken, SessionProperties properties) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("sessionId", s.id());
    view.put("challenge", s.challenge());
    view.put("challengeSignature", s.challengeSignature());
    view.put("uploadToken", uploadToken);
    view.put("expiresAt", s.expiresAt());
    view.put("record", s.record());
    view.put(
        "limits",
        Map.of(
            "maxFrames", properties.getMaxFrames(),
            "maxFramesPerRequest", properties.getMaxFramesPerRequest(),
            "maxFrameBytes", properties.getMaxFrameBytes().toBytes(),
            "maxFramePixels", properties.getMaxFramePixels(),
            "maxFrameAspect", properties.getMaxFrameAspect()));
    return view;
  }

}
