package org.bonafide.biometrics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.bonafide.biometrics.FaceComparison.ComparedImage;
import org.bonafide.biometrics.FaceComparison.FaceEvidence;
import org.bonafide.biometrics.FaceComparison.ImageShape;
import org.bonafide.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code face_comparisons} table; every read is scoped to one tenant. */
@Repository
class FaceComparisonRepository {
  private final JdbcClient jdbc;
  private final JsonMapper json;

  FaceComparisonRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(TenantId tenant, FaceComparison c) {
    ComparedImage r = c.reference();
    ComparedImage p = c.probe();
    jdbc.sql(
            """
            INSERT INTO face_comparisons (
              id, tenant_id, created_at, score, threshold, match, multiple_faces,
              reference_sha256, reference_format, reference_width, reference_height,
              reference_faces_found, reference_face,
              probe_sha256, probe_format, probe_width, probe_height, probe_faces_found, probe_face)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb)
            """)
        .params(
            c.id(),
            tenant.value(),
            Timestamp.from(c.createdAt()),
            c.score(),
            c.threshold(),
            c.match(),
            c.multipleFaces(),
            r.sha256(),
            r.format(),
            r.width(),
            r.height(),
            r.facesFound(),
            json.writeValueAsString(r.face()),
            p.sha256(),
            p.format(),
            p.width(),
            p.height(),
            p.facesFound(),
            json.writeValueAsString(p.face()))
        .update();
  }

  Optional<FaceComparison> find(TenantId tenant, UUID id) {
    return jdbc.sql("SELECT * FROM face_comparisons WHERE id = ? AND tenant_id = ?")
        .params(id, tenant.value())
        .query(this::comparison)
        .optional();
  }

  private FaceComparison comparison(ResultSet rs, int row) throws SQLException {
    return new FaceComparison(
        rs.getObject("id", UUID.class),
        rs.getTimestamp("created_at").toInstant(),
        rs.getDouble("score"),
        rs.getDouble("threshold"),
        rs.getBoolean("match"),
        rs.getString("multiple_faces"),
        image(rs, "reference_"),
        image(rs, "probe_"));
  }

  private ComparedImage image(ResultSet rs, String prefix) throws SQLException {
    ImageShape shape =
        new ImageShape(
            rs.getString(prefix + "sha256"),
            rs.getString(prefix + "format"),
            rs.getInt(prefix + "width"),
            rs.getInt(prefix + "height"),
            rs.getInt(prefix + "faces_found"));
    return ComparedImage.of(shape, json.readValue(rs.getString(prefix + "face"), FaceEvidence.class));
  }
}
