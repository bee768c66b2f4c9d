package org.bonafide.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.Outcome;
import org.bonafide.shared.TenantId;

/** One row of {@code sessions}, as the service works with it. */
record SessionRecord(
    UUID id,
    TenantId tenant,
    SessionState state,
    Outcome outcome,
    String policy,
    String applicantReference,
    boolean record,
    Challenge challenge,
    String challengeSignature,
    boolean captureTokenRedeemed,
    float[] referenceEmbedding,
    String referenceSha256,
    Map<String, Object> telemetry,
    int framesReceived,
    Integer frameCount,
    List<String> reasons,
    Map<String, Object> result,
    Instant createdAt,
    Instant expiresAt,
    Instant captureStartedAt,
    Instant submittedAt,
    Instant analysedAt,
    Instant retainUntil) {

  boolean expiredAt(Instant now) {
    return state == SessionState.EXPIRED || (state.acceptsFrames() && !now.isBefore(expiresAt));
  }
}
