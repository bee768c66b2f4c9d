package org.bonafide.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bonafide.shared.EmbeddingBytes;
import org.bonafide.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code session_documents} table and the capture's face embedding in {@code sessions}. */
@Repository
class SessionDocumentRepository {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  SessionDocumentRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** One stored document attempt. */
  record StoredDocument(
      UUID id,
      UUID session,
      String outcome,
      List<String> reasons,
      Map<String, Object> result,
      float[] portraitEmbedding,
      Instant createdAt) {}

  void insert(StoredDocument d, TenantId tenant) {
    jdbc.sql(
            """
            INSERT INTO session_documents (id, session_id, tenant_id, outcome, reasons, result, portrait_embedding,
              created_at)
            VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
            """)
        .params(
            d.id(),
            d.session(),
            tenant.value(),
            d.outcome(),
            json.writeValueAsString(d.reasons()),
            json.writeValueAsString(d.result()),
            d.portraitEmbedding() == null ? null : EmbeddingBytes.encode(d.portraitEmbedding()),
            Timestamp.from(d.createdAt()))
        .update();
  }

  /** Replaces a document's outcome, reasons and result (when the capture it is compared with arrives). */
  void update(UUID id, String outcome, List<String> reasons, Map<String, Object> result) {
    jdbc.sql("UPDATE session_documents SET outcome = ?, reasons = ?::jsonb, result = ?::jsonb WHERE id = ?")
        .params(outcome, json.writeValueAsString(reasons), json.writeValueAsString(result), id)
        .update();
  }

  int count(UUID session) {
    return jdbc.sql("SELECT count(*) FROM session_documents WHERE session_id = ?")
        .param(session)
        .query(Integer.class)
        .single();
  }

  /** The session's newest document, the one its decision reads. */
  Optional<StoredDocument> latest(UUID session) {
    return jdbc.sql(
            """
            SELECT id, session_id, outcome, reasons, result, portrait_embedding, created_at
            FROM session_documents
            WHERE session_id = ? ORDER BY created_at DESC, id LIMIT 1
            """)
        .param(session)
        .query(
            (rs, n) -> {
              byte[] embedding = rs.getBytes("portrait_embedding");
              return new StoredDocument(
                  rs.getObject("id", UUID.class),
                  rs.getObject("session_id", UUID.class),
                  rs.getString("outcome"),
                  json.readValue(rs.getString("reasons"), STRINGS),
                  json.readValue(rs.getString("result"), MAP),
                  embedding == null ? null : EmbeddingBytes.decode(embedding),
                  rs.getTimestamp("created_at").toInstant());
            })
        .optional();
  }

  void saveLiveEmbedding(UUID session, float[] embedding) {
    jdbc.sql("UPDATE sessions SET live_embedding = ? WHERE id = ?")
        .params(embedding == null ? null : EmbeddingBytes.encode(embedding), session)
        .update();
  }

  Optional<float[]> liveEmbedding(UUID session) {
    return jdbc.sql("SELECT live_embedding FROM sessions WHERE id = ? AND live_embedding IS NOT NULL")
        .param(session)
        .query(byte[].class)
        .optional()
        .map(EmbeddingBytes::decode);
  }
}
