package org.bonafide.session;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bonafide.liveness.FrameFingerprint;
import org.bonafide.liveness.MediaFingerprints;
import org.bonafide.liveness.ReplayCheck;
import org.bonafide.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code media_fingerprints} table: every analysed session's fingerprints of whole frames
 * ({@code kind} 0) and of face boxes ({@code kind} 1), all tenants.
 */
@Repository
class MediaFingerprintRepository {
  private final JdbcClient jdbc;

  MediaFingerprintRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Frames of earlier sessions (any tenant's) that match these fingerprints: candidates that share
   * a coarse band, confirmed by a fine distance of at most {@code maxFineDistance}; among face
   * boxes when {@code face}, else among whole frames.
   */
  List<ReplayCheck.Sighting> sightings(
      UUID session, TenantId tenant, List<FrameFingerprint> fingerprints, boolean face, int maxFineDistance) {
    if (fingerprints.isEmpty()) {
      return List.of();
    }
    Integer[] indices = new Integer[fingerprints.size()];
    Integer[][] bands = new Integer[4][fingerprints.size()];
    Map<Integer, FrameFingerprint> byIndex = new HashMap<>();
    for (int i = 0; i < fingerprints.size(); i++) {
      FrameFingerprint f = fingerprints.get(i);
      indices[i] = f.frameIndex();
      for (int b = 0; b < 4; b++) {
        bands[b][i] = f.band(b);
      }
      byIndex.put(f.frameIndex(), f);
    }
    List<ReplayCheck.Sighting> sightings = new ArrayList<>();
    jdbc.sql(
            """
            WITH probe AS (
              SELECT * FROM unnest(?::integer[], ?::integer[], ?::integer[], ?::integer[], ?::integer[])
                AS p(frame_index, band0, band1, band2, band3))
            SELECT p.frame_index AS probe_index, f.session_id, f.tenant_id, f.fine, f.created_at
            FROM probe p
            JOIN media_fingerprints f
              ON f.band0 = p.band0 OR f.band1 = p.band1 OR f.band2 = p.band2 OR f.band3 = p.band3
            WHERE f.session_id <> ? AND f.kind = ?
            """)
        .params(indices, bands[0], bands[1], bands[2], bands[3], session, kind(face))
        .query(
            (rs, n) -> {
              FrameFingerprint probe = byIndex.get(rs.getInt("probe_index"));
              int distance = probe.fineDistance(longs(rs.getBytes("fine")));
              if (distance <= maxFineDistance) {
                UUID institution = rs.getObject("tenant_id", UUID.class);
                sightings.add(
                    new ReplayCheck.Sighting(
                        probe.frameIndex(),
                        rs.getObject("session_id", UUID.class),
                        institution,
                        institution.equals(tenant.value()),
                        rs.getTimestamp("created_at").toInstant(),
                        distance,
                        face));
              }
              return null;
            })
        .list();
    return sightings;
  }

  /** Keeps a session's fingerprints of whole frames and of face boxes for later sessions. */
  void record(UUID session, TenantId tenant, MediaFingerprints fingerprints, Instant now) {
    record(session, tenant, fingerprints.frames(), false, now);
    record(session, tenant, fingerprints.faces(), true, now);
  }

  private void record(UUID session, TenantId tenant, List<FrameFingerprint> fingerprints, boolean face, Instant now) {
    for (FrameFingerprint f : fingerprints) {
      jdbc.sql(
              """
              INSERT INTO media_fingerprints (session_id, kind, frame_index, tenant_id, coarse, band0, band1, band2,
                band3, fine, created_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT (session_id, kind, frame_index) DO NOTHING
              """)
          .params(
              session,
              kind(face),
              f.frameIndex(),
              tenant.value(),
              f.coarse(),
              f.band(0),
              f.band(1),
              f.band(2),
              f.band(3),
              bytes(f.fine()),
              Timestamp.from(now))
          .update();
    }
  }

  private static short kind(boolean face) {
    return (short) (face ? 1 : 0);
  }

  private static byte[] bytes(long[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    for (long v : values) {
      buffer.putLong(v);
    }
    return buffer.array();
  }

  private static long[] longs(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new long[] {buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong()};
  }
}
