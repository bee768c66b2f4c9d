package org.bonafide.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.Outcome;
import org.bonafide.shared.EmbeddingBytes;
import org.bonafide.shared.TenantId;
import org.bonafide.storage.EvidenceCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code sessions}, {@code session_frames} and {@code session_evidence} tables. */
@Repository
class SessionRepository {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final EvidenceCipher cipher;

  SessionRepository(JdbcClient jdbc, JsonMapper json, EvidenceCipher cipher) {
    this.jdbc = jdbc;
    this.json = json;
    this.cipher = cipher;
  }

  // images of faces are encrypted at rest, each bound to the row it belongs to
  private static String frameContext(UUID session, int index) {
    return "session-frame:" + session + ":" + index;
  }

  private static String evidenceContext(UUID session, UUID evidence) {
    return "session-evidence:" + session + ":" + evidence;
  }

  void insert(SessionRecord s, byte[] captureTokenHash) {
    jdbc.sql(
            """
            INSERT INTO sessions (id, tenant_id, state, policy, applicant_reference, record, challenge,
              challenge_signature, capture_token_hash, reference_embedding, reference_sha256, created_at,
              expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            s.id(),
            s.tenant().value(),
            s.state().code(),
            s.policy(),
            s.applicantReference(),
            s.record(),
            json.writeValueAsString(s.challenge()),
            s.challengeSignature(),
            captureTokenHash,
            s.referenceEmbedding() == null ? null : EmbeddingBytes.encode(s.referenceEmbedding()),
            s.referenceSha256(),
            Timestamp.from(s.createdAt()),
            Timestamp.from(s.expiresAt()))
        .update();
  }

  /** The tenant's session, or empty when unknown or another tenant's. */
  Optional<SessionRecord> find(TenantId tenant, UUID id) {
    return jdbc.sql("SELECT * FROM sessions WHERE id = ? AND tenant_id = ?")
        .params(id, tenant.value())
        .query(this::map)
        .optional();
  }

  /** The same, locking the row until the transaction ends (submissions and uploads race). */
  Optional<SessionRecord> lock(TenantId tenant, UUID id) {
    return jdbc.sql("SELECT * FROM sessions WHERE id = ? AND tenant_id = ? FOR UPDATE")
        .params(id, tenant.value())
        .query(this::map)
        .optional();
  }

  /** Session id and tenant of an upload token. */
  Optional<Map.Entry<UUID, TenantId>> findByToken(byte[] hash) {
    return jdbc.sql(
            "SELECT id, tenant_id FROM sessions WHERE capture_token_hash = ? OR upload_token_hash = ?")
        .params(hash, hash)
        .query(
            (rs, n) ->
                Map.entry(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class))))
        .optional();
  }

  void startCapture(UUID id, byte[] uploadTokenHash, Instant now) {
    jdbc.sql(
            """
            UPDATE sessions SET state = 'capturing', upload_token_hash = ?, capture_started_at = ?
            WHERE id = ?
            """)
        .params(uploadTokenHash, Timestamp.from(now), id)
        .update();
  }

  Optional<byte[]> frameHash(UUID session, int index) {
    return jdbc.sql("SELECT sha256 FROM session_frames WHERE session_id = ? AND frame_index = ?")
        .params(session, index)
        .query(byte[].class)
        .optional();
  }

  void insertFrame(UUID session, StoredFrame frame, Instant now) {
    jdbc.sql(
            """
            INSERT INTO session_frames (session_id, frame_index, timestamp_ms, prompt, screen, image, sha256,
              received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            session,
            frame.index(),
            frame.timestampMs(),
            frame.prompt(),
            frame.screen(),
            cipher.encrypt(frame.image(), frameContext(session, frame.index())),
            frame.sha256(),
            Timestamp.from(now))
        .update();
  }

  /** Counts the stored frames into {@code frames_received} and merges the telemetry. */
  int updateUpload(UUID session, Map<String, Object> telemetry) {
    jdbc.sql(
            """
            UPDATE sessions SET
              frames_received = (SELECT count(*) FROM session_frames WHERE session_id = ?),
              telemetry = COALESCE(telemetry, '{}'::jsonb) || ?::jsonb
            WHERE id = ?
            """)
        .params(session, json.writeValueAsString(telemetry == null ? Map.of() : telemetry), session)
        .update();
    return jdbc.sql("SELECT frames_received FROM sessions WHERE id = ?").param(session).query(Integer.class).single();
  }

  List<Integer> frameIndices(UUID session) {
    return jdbc.sql("SELECT frame_index FROM session_frames WHERE session_id = ? ORDER BY frame_index")
        .param(session)
        .query(Integer.class)
        .list();
  }

  List<StoredFrame> frames(UUID session) {
    return jdbc.sql(
            """
            SELECT frame_index, timestamp_ms, prompt, screen, image, sha256 FROM session_frames
            WHERE session_id = ? ORDER BY frame_index
            """)
        .param(session)
        .query(
            (rs, n) ->
                new StoredFrame(
                    rs.getInt("frame_index"),
                    rs.getLong("timestamp_ms"),
                    rs.getString("prompt"),
                    rs.getString("screen"),
                    cipher.decrypt(rs.getBytes("image"), frameContext(session, rs.getInt("frame_index"))),
                    rs.getBytes("sha256")))
        .list();
  }

  void submit(UUID id, int frameCount, Instant now) {
    jdbc.sql("UPDATE sessions SET state = 'submitted', frame_count = ?, submitted_at = ? WHERE id = ?")
        .params(frameCount, Timestamp.from(now), id)
        .update();
  }

  /** Sessions submitted but not analysed (for example when the service stopped mid-analysis). */
  List<Map.Entry<UUID, TenantId>> submitted() {
    return jdbc.sql("SELECT id, tenant_id FROM sessions WHERE state = 'submitted' ORDER BY submitted_at")
        .query(
            (rs, n) ->
                Map.entry(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class))))
        .list();
  }

  void analysed(
      UUID id, Outcome outcome, List<String> reasons, Map<String, Object> result, Instant now, Instant retainUntil) {
    jdbc.sql(
            """
            UPDATE sessions SET state = 'analysed', outcome = ?, reasons = ?::jsonb, result = ?::jsonb,
              analysed_at = ?, retain_until = ?
            WHERE id = ? AND state = 'submitted'
            """)
        .params(
            outcome.code(),
            json.writeValueAsString(reasons),
            json.writeValueAsString(result),
            Timestamp.from(now),
            Timestamp.from(retainUntil),
            id)
        .update();
  }

  void deleteFrames(UUID session) {
    jdbc.sql("DELETE FROM session_frames WHERE session_id = ?").param(session).update();
  }

  void insertEvidence(UUID session, UUID id, String kind, Integer frameIndex, byte[] image, Instant now) {
    jdbc.sql(
            """
            INSERT INTO session_evidence (id, session_id, kind, frame_index, image, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        .params(id, session, kind, frameIndex, cipher.encrypt(image, evidenceContext(session, id)), Timestamp.from(now))
        .update();
  }

  record EvidenceRef(UUID id, String kind, Integer frameIndex) {}

  List<EvidenceRef> evidence(UUID session) {
    return jdbc.sql(
            "SELECT id, kind, frame_index FROM session_evidence WHERE session_id = ? ORDER BY kind, frame_index")
        .param(session)
        .query(
            (rs, n) ->
                new EvidenceRef(
                    rs.getObject("id", UUID.class), rs.getString("kind"), (Integer) rs.getObject("frame_index")))
        .list();
  }

  Optional<byte[]> evidenceImage(UUID session, UUID id) {
    return jdbc.sql("SELECT image FROM session_evidence WHERE session_id = ? AND id = ?")
        .params(session, id)
        .query(byte[].class)
        .optional()
        .map(stored -> cipher.decrypt(stored, evidenceContext(session, id)));
  }

  /** Marks sessions that were not submitted in time as expired and drops their frames. */
  int expireDue(Instant now) {
    List<UUID> due =
        jdbc.sql(
                """
                UPDATE sessions SET state = 'expired'
                WHERE state IN ('created', 'capturing') AND expires_at <= ?
                RETURNING id
                """)
            .param(Timestamp.from(now))
            .query(UUID.class)
            .list();
    for (UUID id : due) {
      deleteFrames(id);
    }
    return due.size();
  }

  /**
   * Deletes recorded frames, evidence and the face embeddings kept for the document comparison
   * (the capture's and the documents' portraits) of sessions past their retention time.
   */
  int purgeRetained(Instant now) {
    List<UUID> due =
        jdbc.sql(
                "UPDATE sessions SET retain_until = NULL, live_embedding = NULL WHERE retain_until <= ? RETURNING id")
            .param(Timestamp.from(now))
            .query(UUID.class)
            .list();
    for (UUID id : due) {
      deleteFrames(id);
      jdbc.sql("DELETE FROM session_evidence WHERE session_id = ?").param(id).update();
      jdbc.sql("UPDATE session_documents SET portrait_embedding = NULL WHERE session_id = ?").param(id).update();
    }
    return due.size();
  }

  private SessionRecord map(ResultSet rs, int row) throws SQLException {
    String outcome = rs.getString("outcome");
    String telemetry = rs.getString("telemetry");
    String reasons = rs.getString("reasons");
    String result = rs.getString("result");
    byte[] embedding = rs.getBytes("reference_embedding");
    return new SessionRecord(
        rs.getObject("id", UUID.class),
        new TenantId(rs.getObject("tenant_id", UUID.class)),
        SessionState.fromCode(rs.getString("state")),
        outcome == null ? null : Outcome.valueOf(outcome.toUpperCase(java.util.Locale.ROOT)),
        rs.getString("policy"),
        rs.getString("applicant_reference"),
        rs.getBoolean("record"),
        json.readValue(rs.getString("challenge"), Challenge.class),
        rs.getString("challenge_signature"),
        rs.getTimestamp("capture_started_at") != null,
        embedding == null ? null : EmbeddingBytes.decode(embedding),
        rs.getString("reference_sha256"),
        telemetry == null ? Map.of() : json.readValue(telemetry, MAP),
        rs.getInt("frames_received"),
        (Integer) rs.getObject("frame_count"),
        reasons == null ? List.of() : json.readValue(reasons, STRINGS),
        result == null ? null : json.readValue(result, MAP),
        instant(rs, "created_at"),
        instant(rs, "expires_at"),
        instant(rs, "capture_started_at"),
        instant(rs, "submitted_at"),
        instant(rs, "analysed_at"),
        instant(rs, "retain_until"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
