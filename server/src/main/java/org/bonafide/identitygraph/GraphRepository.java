package org.bonafide.identitygraph;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.bonafide.shared.EmbeddingBytes;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The graph's tables: applications, their links by keyed hash, their faces. */
@Repository
class GraphRepository {
  /** Columns id, tenant_id, reference, content_hash, identity_key, received_at. */
  private static final RowMapper<StoredApplication> APPLICATION =
      (rs, n) ->
          new StoredApplication(
              rs.getObject(1, UUID.class),
              rs.getObject(2, UUID.class),
              rs.getString(3),
              rs.getBytes(4),
              rs.getBytes(5),
              rs.getTimestamp(6).toInstant());

  /** Columns application_id, tenant_id, identity_key, embedding. */
  private static final RowMapper<StoredFace> FACE =
      (rs, n) -> new StoredFace(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3), EmbeddingBytes.decode(rs.getBytes(4)));

  private final JdbcClient jdbc;

  GraphRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored application: its id, tenant, content hash and identity anchor. */
  record StoredApplication(UUID id, UUID tenant, String reference, byte[] contentHash, byte[] identityKey, Instant receivedAt) {}

  /** One identifier of an application, as stored. */
  record Link(EntityKind kind, byte[] key) {}

  /** Everything known of one (kind, key), the application being recorded included. */
  record Aggregate(
      long applications, long institutions, long identities, Instant firstSeen, Instant lastSeen, long lastDay, long own) {}

  /** A stored face and what it belongs to. */
  record StoredFace(UUID application, UUID tenant, byte[] identityKey, float[] embedding) {}

  Optional<StoredApplication> find(UUID tenant, String reference) {
    return jdbc.sql(
            "SELECT id, tenant_id, reference, content_hash, identity_key, received_at FROM graph_applications"
                + " WHERE tenant_id = ? AND reference = ?")
        .params(tenant, reference)
        .query(
            APPLICATION)
        .optional();
  }

  void insert(StoredApplication app, List<Link> links, float[] face, UUID session) {
    jdbc.sql(
            "INSERT INTO graph_applications (id, tenant_id, reference, content_hash, identity_key, received_at, session_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            app.id(), app.tenant(), app.reference(), app.contentHash(), app.identityKey(), Timestamp.from(app.receivedAt()), session)
        .update();
    if (!links.isEmpty()) {
      // one statement for all the links: a round trip each was most of the time of a record
      List<Object> params = new ArrayList<>();
      for (Link link : links) {
        params.addAll(List.of(link.kind().code(), link.key(), app.id(), app.tenant()));
        params.add(app.identityKey());
        params.add(Timestamp.from(app.receivedAt()));
      }
      jdbc.sql(
              "INSERT INTO graph_links (kind, key, application_id, tenant_id, identity_key, received_at) VALUES "
                  + rows(links.size(), "(?, ?, ?, ?, ?, ?)")
                  + " ON CONFLICT DO NOTHING")
          .params(params)
          .update();
    }
    if (face != null) {
      jdbc.sql(
              "INSERT INTO graph_faces (application_id, tenant_id, identity_key, embedding, received_at) VALUES (?, ?, ?, ?, ?)")
          .params(app.id(), app.tenant(), app.identityKey(), EmbeddingBytes.encode(face), Timestamp.from(app.receivedAt()))
          .update();
    }
  }

  /** The other end of a face link: its application, tenant and identity. */
  record FaceLink(UUID other, UUID tenant, byte[] identityKey, double similarity) {}

  /** The face links of an application, either way (a later application may have found this one). */
  List<FaceLink> faceLinks(UUID application) {
    return jdbc.sql(
            """
            SELECT a.id, a.tenant_id, a.identity_key, l.similarity
            FROM graph_face_links l JOIN graph_applications a ON a.id = l.other_id WHERE l.application_id = ?
            UNION ALL
            SELECT a.id, a.tenant_id, a.identity_key, l.similarity
            FROM graph_face_links l JOIN graph_applications a ON a.id = l.application_id WHERE l.other_id = ?
            """)
        .params(application, application)
        .query((rs, n) -> new FaceLink(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3), rs.getDouble(4)))
        .list();
  }

  /** Links the application to each of these faces of other identities, with its similarity. */
  void insertFaceLinks(UUID application, List<FaceLink> others) {
    if (others.isEmpty()) {
      return;
    }
    List<Object> params = new ArrayList<>();
    for (FaceLink link : others) {
      params.addAll(List.of(application, link.other(), link.similarity()));
    }
    jdbc.sql(
            "INSERT INTO graph_face_links (application_id, other_id, similarity) VALUES "
                + rows(others.size(), "(?, ?, ?)")
                + " ON CONFLICT DO NOTHING")
        .params(params)
        .update();
  }

  /** {@code count} copies of a row of parameter markers, comma-separated. */
  private static String rows(int count, String row) {
    return String.join(", ", Collections.nCopies(count, row));
  }

  /**
   * These links as a table {@code q(n, kind, key)}, {@code n} each link's place in the list, its
   * parameters appended to {@code params}. Each query over it looks every link up on its own
   * ({@code CROSS JOIN LATERAL} an aggregate, so exactly one row per link): with an {@code IN}
   * list, a plan cached while the table was small scans the whole table for every record.
   */
  private static String linkTable(List<Link> links, List<Object> params) {
    for (int i = 0; i < links.size(); i++) {
      params.add(i);
      params.add(links.get(i).kind().code());
      params.add(links.get(i).key());
    }
    return "(VALUES " + rows(links.size(), "(?, ?, ?::bytea)") + ") AS q(n, kind, key)";
  }

  /** Every application: id, tenant, identity and time (the ring detection's nodes). */
  void eachApplication(Consumer<StoredApplication> sink) {
    jdbc.sql("SELECT id, tenant_id, reference, content_hash, identity_key, received_at FROM graph_applications")
        .query(rs -> {
          sink.accept(APPLICATION.mapRow(rs, 0));
        });
  }

  /** One stored link with its application (the ring detection's edges, grouped by key). */
  record KeyedLink(EntityKind kind, byte[] key, UUID application) {}

  /** Every link of these kinds, grouped by key (ordered by kind and key). */
  void eachLink(List<EntityKind> kinds, Consumer<KeyedLink> sink) {
    String in = String.join(",", kinds.stream().map(k -> "'" + k.code() + "'").toList());
    jdbc.sql("SELECT kind, key, application_id FROM graph_links WHERE kind IN (" + in + ") ORDER BY kind, key")
        .query(rs -> {
          sink.accept(new KeyedLink(EntityKind.fromCode(rs.getString(1)), rs.getBytes(2), rs.getObject(3, UUID.class)));
        });
  }

  /** Every face link: application, other application, similarity. */
  void eachFaceLink(Consumer<Object[]> sink) {
    jdbc.sql("SELECT application_id, other_id, similarity FROM graph_face_links")
        .query(rs -> {
          sink.accept(new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getDouble(3)});
        });
  }

  /** The references of those applications that belong to the tenant. */
  List<String> referencesOf(List<UUID> applications, UUID tenant) {
    if (applications.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT reference FROM graph_applications WHERE tenant_id = ? AND id = ANY (?) ORDER BY received_at")
        .params(tenant, applications.toArray(new UUID[0]))
        .query(String.class)
        .list();
  }

  /** The links of an application, in no particular order. */
  List<Link> links(UUID application) {
    return jdbc.sql("SELECT kind, key FROM graph_links WHERE application_id = ?")
        .param(application)
        .query((rs, n) -> new Link(EntityKind.fromCode(rs.getString(1)), rs.getBytes(2)))
        .list();
  }

  Optional<float[]> face(UUID application) {
    return jdbc.sql("SELECT embedding FROM graph_faces WHERE application_id = ?")
        .param(application)
        .query((rs, n) -> EmbeddingBytes.decode(rs.getBytes(1)))
        .optional();
  }

  /** The aggregate of one (kind, key); {@code since} bounds {@code lastDay}, {@code tenant} counts {@code own}. */
  Aggregate aggregate(EntityKind kind, byte[] key, Instant since, UUID tenant) {
    return aggregates(List.of(new Link(kind, key)), since, tenant).get(0);
  }

  /**
   * {@link #aggregate} of each of these links in one query, in their order ({@code since} and
   * {@code tenant} as there).
   */
  List<Aggregate> aggregates(List<Link> links, Instant since, UUID tenant) {
    if (links.isEmpty()) {
      return List.of();
    }
    List<Object> params = new ArrayList<>();
    String table = linkTable(links, params);
    params.add(Timestamp.from(since));
    params.add(tenant);
    Aggregate[] found = new Aggregate[links.size()];
    jdbc.sql(
            """
            SELECT q.n, a.* FROM %s CROSS JOIN LATERAL (
              SELECT count(*), count(DISTINCT tenant_id), count(DISTINCT identity_key), min(received_at), max(received_at),
                     count(*) FILTER (WHERE received_at >= ?), count(*) FILTER (WHERE tenant_id = ?)
              FROM graph_links l WHERE l.kind = q.kind AND l.key = q.key) a
            """
                .formatted(table))
        .params(params)
        .query(
            rs -> {
              found[rs.getInt(1)] =
                  new Aggregate(
                      rs.getLong(2),
                      rs.getLong(3),
                      rs.getLong(4),
                      rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                      rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                      rs.getLong(7),
                      rs.getLong(8));
            });
    return List.of(found);
  }

  /** The kinds under which this key is stored (a key belongs to one kind: its HMAC input names it). */
  List<EntityKind> kindsOf(byte[] key) {
    return jdbc.sql("SELECT DISTINCT kind FROM graph_links WHERE key = ?")
        .param(key)
        .query((rs, n) -> EntityKind.fromCode(rs.getString(1)))
        .list();
  }

  /** The tenant's own applications that carry this key, newest first (references only). */
  List<StoredApplication> ownApplicationsWith(EntityKind kind, byte[] key, UUID tenant, int limit) {
    return jdbc.sql(
            """
            SELECT a.id, a.tenant_id, a.reference, a.content_hash, a.identity_key, a.received_at
            FROM graph_links l JOIN graph_applications a ON a.id = l.application_id
            WHERE l.kind = ? AND l.key = ? AND l.tenant_id = ?
            ORDER BY a.received_at DESC LIMIT ?
            """)
        .params(kind.code(), key, tenant, limit)
        .query(
            APPLICATION)
        .list();
  }

  /** An application's flag as stored: null flag when it has none. */
  record FlagState(UUID application, UUID tenant, String reference, String flag, Instant flaggedAt) {}

  /** Columns id, tenant_id, reference, flag, flagged_at. */
  private static final RowMapper<FlagState> FLAG_STATE =
      (rs, n) ->
          new FlagState(
              rs.getObject(1, UUID.class),
              rs.getObject(2, UUID.class),
              rs.getString(3),
              rs.getString(4),
              rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant());

  /** One flag set or cleared. */
  record FlagEvent(String action, String flag, String actor, String note, Instant at) {}

  /** The flag of the tenant's application, if the tenant has that application. */
  Optional<FlagState> flagState(UUID tenant, UUID application) {
    return jdbc.sql("SELECT id, tenant_id, reference, flag, flagged_at FROM graph_applications WHERE id = ? AND tenant_id = ?")
        .params(application, tenant)
        .query(FLAG_STATE)
        .optional();
  }

  /** Sets or replaces (flag non-null) or clears (null) the flag of one application. */
  void setFlag(UUID application, String flag, Instant at) {
    jdbc.sql("UPDATE graph_applications SET flag = ?, flagged_at = ? WHERE id = ?")
        .params(flag, flag == null ? null : Timestamp.from(at), application)
        .update();
  }

  /**
   * Flags every unflagged application that came from the session.
   *
   * @return the ids and tenants of the applications flagged now
   */
  List<FlagState> flagSession(UUID session, String flag, Instant at) {
    return jdbc.sql(
            "UPDATE graph_applications SET flag = ?, flagged_at = ? WHERE session_id = ? AND flag IS NULL"
                + " RETURNING id, tenant_id, reference, flag, flagged_at")
        .params(flag, Timestamp.from(at), session)
        .query(FLAG_STATE)
        .list();
  }

  void insertFlagEvent(UUID application, UUID tenant, String action, String flag, String actor, String note, Instant at) {
    jdbc.sql(
            "INSERT INTO graph_flag_events (application_id, tenant_id, action, flag, actor, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(application, tenant, action, flag, actor, note, Timestamp.from(at))
        .update();
  }

  List<FlagEvent> flagEvents(UUID application) {
    return jdbc.sql("SELECT action, flag, actor, note, at FROM graph_flag_events WHERE application_id = ? ORDER BY at, id")
        .param(application)
        .query((rs, n) -> new FlagEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()))
        .list();
  }

  /** How many applications carrying this key are flagged, in every institution, leaving out {@code except}. */
  long flaggedWith(EntityKind kind, byte[] key, UUID except) {
    return flaggedWith(List.of(new Link(kind, key)), except)[0];
  }

  /** {@link #flaggedWith} of each of these links in one query, in their order. */
  long[] flaggedWith(List<Link> links, UUID except) {
    long[] counts = new long[links.size()];
    if (links.isEmpty()) {
      return counts;
    }
    List<Object> params = new ArrayList<>();
    String table = linkTable(links, params);
    params.add(except == null ? new UUID(0, 0) : except);
    jdbc.sql(
            """
            SELECT q.n, f.flagged FROM %s CROSS JOIN LATERAL (
              SELECT count(*) AS flagged FROM graph_links l JOIN graph_applications a ON a.id = l.application_id
              WHERE l.kind = q.kind AND l.key = q.key AND a.flag IS NOT NULL AND a.id <> ?) f
            """
                .formatted(table))
        .params(params)
        .query(rs -> {
          counts[rs.getInt(1)] = rs.getLong(2);
        });
    return counts;
  }

  /** The ids of the applications that carry this key, newest first. */
  List<UUID> applicationIdsWith(EntityKind kind, byte[] key, int limit) {
    return jdbc.sql("SELECT application_id FROM graph_links WHERE kind = ? AND key = ? ORDER BY received_at DESC LIMIT ?")
        .params(kind.code(), key, limit)
        .query(UUID.class)
        .list();
  }

  /** The faces of other applications that carry this key. */
  List<StoredFace> facesWith(EntityKind kind, byte[] key, UUID except) {
    return jdbc.sql(
            """
            SELECT f.application_id, f.tenant_id, f.identity_key, f.embedding
            FROM graph_links l JOIN graph_faces f ON f.application_id = l.application_id
            WHERE l.kind = ? AND l.key = ? AND l.application_id <> ?
            """)
        .params(kind.code(), key, except)
        .query(FACE)
        .list();
  }

  long faceCount() {
    return jdbc.sql("SELECT count(*) FROM graph_faces").query(Long.class).single();
  }

  /** Every stored face, streamed (the exact 1:N search and the index rebuild). */
  void eachFace(Consumer<StoredFace> sink) {
    jdbc.sql("SELECT application_id, tenant_id, identity_key, embedding FROM graph_faces")
        .query(rs -> {
          sink.accept(FACE.mapRow(rs, 0));
        });
  }

  /**
   * Applications of this identity since each of two times, and the institutions they came from:
   * {applications since a, institutions since a, applications since b, institutions since b}.
   */
  long[] identityActivity(byte[] identityKey, Instant a, Instant b) {
    Timestamp since = Timestamp.from(a);
    Timestamp sinceB = Timestamp.from(b);
    return jdbc.sql(
            """
            SELECT count(*) FILTER (WHERE received_at >= ?), count(DISTINCT tenant_id) FILTER (WHERE received_at >= ?),
                   count(*) FILTER (WHERE received_at >= ?), count(DISTINCT tenant_id) FILTER (WHERE received_at >= ?)
            FROM graph_applications WHERE identity_key = ? AND received_at >= ?
            """)
        .params(since, since, sinceB, sinceB, identityKey, a.isBefore(b) ? since : sinceB)
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
        .single();
  }
}
