package org.bonafide.scamintel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The scam-intelligence tables: indicators, reports, disputes and their audit trail. */
@Repository
class ScamRepository {
  /** Columns source, reporter, trust, reported_at. */
  private static final RowMapper<RiskAssessor.Report> REPORT =
      (rs, n) ->
          new RiskAssessor.Report(
              ReportSource.fromCode(rs.getString("source")).orElseThrow(),
              rs.getString("reporter"),
              rs.getDouble("trust"),
              rs.getTimestamp("reported_at").toInstant());

  /** Columns opened_at, resolved_at. */
  private static final RowMapper<RiskAssessor.Dispute> DISPUTE =
      (rs, n) ->
          new RiskAssessor.Dispute(
              rs.getTimestamp("opened_at").toInstant(),
              rs.getTimestamp("resolved_at") == null ? null : rs.getTimestamp("resolved_at").toInstant());

  private final JdbcClient jdbc;
  private final org.springframework.jdbc.core.JdbcTemplate template;
  private final JsonMapper json;

  ScamRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template, JsonMapper json) {
    this.jdbc = jdbc;
    this.template = template;
    this.json = json;
  }

  /**
   * Stores a batch of reports in a few statements: their indicators (created when new), then the
   * reports. Returns, per report, whether it was new (false: its reporter already filed that
   * reference).
   */
  boolean[] insertReports(List<Indicator> indicators, List<NewReport> reports, Instant now) {
    Timestamp at = Timestamp.from(now);
    template.batchUpdate(
        "INSERT INTO scam_indicators (id, kind, value, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, value) DO NOTHING",
        indicators.stream().distinct().map(i -> new Object[] {UUID.randomUUID(), i.kind().code(), i.value(), at}).toList());
    Map<Indicator, UUID> ids = new java.util.HashMap<>();
    String[] kinds = indicators.stream().map(i -> i.kind().code()).toArray(String[]::new);
    String[] values = indicators.stream().map(Indicator::value).toArray(String[]::new);
    template.query(
        "SELECT i.id, i.kind, i.value FROM scam_indicators i JOIN unnest(?::text[], ?::text[]) AS u(k, v)"
            + " ON i.kind = u.k AND i.value = u.v",
        rs -> {
          ids.put(new Indicator(IndicatorKind.fromCode(rs.getString(2)).orElseThrow(), rs.getString(3)), rs.getObject(1, UUID.class));
        },
        kinds,
        values);
    List<Object[]> rows = new java.util.ArrayList<>(reports.size());
    for (int i = 0; i < reports.size(); i++) {
      NewReport r = reports.get(i);
      rows.add(
          new Object[] {
            UUID.randomUUID(), ids.get(indicators.get(i)), r.tenant(), r.source().code(), r.reporter(), r.trust(), r.shared(),
            r.category(), r.reference(), Timestamp.from(r.reportedAt()), at
          });
    }
    int[] counts =
        template.batchUpdate(
            """
            INSERT INTO scam_reports (id, indicator_id, tenant_id, source, reporter, trust, shared, category, reference,
              reported_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source, reporter, reference) DO NOTHING
            """,
            rows);
    boolean[] created = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      created[i] = counts[i] == 1;
    }
    return created;
  }

  /** Shared indicators with at least one report that counts for everyone, for partner export; in id order from {@code after}. */
  List<Map<String, Object>> sharedIndicators(UUID after, int limit) {
    return jdbc.sql(
            "SELECT i.id, i.kind, i.value FROM scam_indicators i WHERE i.id > ?"
                + " AND EXISTS (SELECT 1 FROM scam_reports r WHERE r.indicator_id = i.id AND r.shared) ORDER BY i.id LIMIT ?")
        .params(after, limit)
        .query(
            (rs, n) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("id", rs.getObject(1, UUID.class));
              m.put("kind", rs.getString(2));
              m.put("value", rs.getString(3));
              return m;
            })
        .list();
  }

  /** A report to store. */
  record NewReport(
      UUID tenant, ReportSource source, String reporter, double trust, boolean shared, String category,
      String reference, Instant reportedAt) {}

  /** A stored dispute. */
  record StoredDispute(UUID id, UUID indicator, UUID tenant, String reason, String status, Instant openedAt, Instant resolvedAt) {}

  Optional<UUID> find(Indicator indicator) {
    return jdbc.sql("SELECT id FROM scam_indicators WHERE kind = ? AND value = ?")
        .params(indicator.kind().code(), indicator.value())
        .query(UUID.class)
        .optional();
  }

  /** The indicator of a reporter's report with this reference, if the reporter filed one. */
  Optional<UUID> reportedIndicator(ReportSource source, String reporter, String reference) {
    return jdbc.sql("SELECT indicator_id FROM scam_reports WHERE source = ? AND reporter = ? AND reference = ?")
        .params(source.code(), reporter, reference)
        .query(UUID.class)
        .optional();
  }

  /** The reports a viewer may count: shared ones, and the viewer's own private ones (none for the public). */
  List<RiskAssessor.Report> reports(UUID indicator, UUID viewer) {
    return jdbc.sql(
            "SELECT source, reporter, trust, reported_at FROM scam_reports WHERE indicator_id = ?"
                + " AND (shared OR tenant_id = ?) ORDER BY reported_at")
        .params(indicator, viewer)
        .query(REPORT)
        .list();
  }

  /** Report counts by category among the reports a viewer may count. */
  Map<String, Long> categories(UUID indicator, UUID viewer) {
    Map<String, Long> out = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT category, count(*) FROM scam_reports WHERE indicator_id = ? AND (shared OR tenant_id = ?)"
                + " AND category IS NOT NULL GROUP BY category ORDER BY count(*) DESC, category")
        .params(indicator, viewer)
        .query((rs, n) -> out.put(rs.getString(1), rs.getLong(2)))
        .list();
    return out;
  }

  List<RiskAssessor.Dispute> disputes(UUID indicator) {
    return jdbc.sql("SELECT opened_at, resolved_at FROM scam_disputes WHERE indicator_id = ? AND status <> 'rejected'")
        .param(indicator)
        .query(DISPUTE)
        .list();
  }

  /**
   * The shared reports of every indicator with an id in ({@code after}, {@code last}], by indicator:
   * one page of an export read in one query instead of one per indicator.
   */
  Map<UUID, List<RiskAssessor.Report>> sharedReportsBetween(UUID after, UUID last) {
    return byIndicator(
        "SELECT indicator_id, source, reporter, trust, reported_at FROM scam_reports"
            + " WHERE indicator_id > ? AND indicator_id <= ? AND shared ORDER BY indicator_id, reported_at",
        after,
        last,
        REPORT);
  }

  /** The disputes (not rejected) of every indicator with an id in ({@code after}, {@code last}], by indicator. */
  Map<UUID, List<RiskAssessor.Dispute>> disputesBetween(UUID after, UUID last) {
    return byIndicator(
        "SELECT indicator_id, opened_at, resolved_at FROM scam_disputes"
            + " WHERE indicator_id > ? AND indicator_id <= ? AND status <> 'rejected'",
        after,
        last,
        DISPUTE);
  }

  private <T> Map<UUID, List<T>> byIndicator(String sql, UUID after, UUID last, RowMapper<T> mapper) {
    Map<UUID, List<T>> out = new HashMap<>();
    jdbc.sql(sql)
        .params(after, last)
        .query(rs -> {
          out.computeIfAbsent(rs.getObject("indicator_id", UUID.class), k -> new ArrayList<>()).add(mapper.mapRow(rs, 0));
        });
    return out;
  }

  UUID insertDispute(UUID indicator, UUID tenant, String reason, Instant now) {
    UUID id = UUID.randomUUID();
    jdbc.sql("INSERT INTO scam_disputes (id, indicator_id, tenant_id, reason, status, opened_at) VALUES (?, ?, ?, ?, 'open', ?)")
        .params(id, indicator, tenant, reason, Timestamp.from(now))
        .update();
    return id;
  }

  Optional<StoredDispute> dispute(UUID id) {
    return jdbc.sql("SELECT id, indicator_id, tenant_id, reason, status, opened_at, resolved_at FROM scam_disputes WHERE id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new StoredDispute(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getObject(3, UUID.class),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getTimestamp(6).toInstant(),
                    rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
        .optional();
  }

  /** Resolves an open dispute; false when it was not open any more. */
  boolean resolveDispute(UUID id, String status, String actor, String resolution, Instant now) {
    return jdbc.sql(
                "UPDATE scam_disputes SET status = ?, resolved_at = ?, resolved_by = ?, resolution = ?"
                    + " WHERE id = ? AND status = 'open'")
            .params(status, Timestamp.from(now), actor, resolution, id)
            .update()
        == 1;
  }

  void audit(UUID indicator, String action, String actor, Map<String, Object> detail, Instant now) {
    jdbc.sql("INSERT INTO scam_audit (indicator_id, action, actor, detail, at) VALUES (?, ?, ?, ?::jsonb, ?)")
        .params(indicator, action, actor, json.writeValueAsString(detail), Timestamp.from(now))
        .update();
  }

  /** The audit trail of an indicator, oldest first. */
  List<Map<String, Object>> auditTrail(UUID indicator) {
    return jdbc.sql("SELECT action, actor, detail::text, at FROM scam_audit WHERE indicator_id = ? ORDER BY id")
        .param(indicator)
        .query(
            (rs, n) -> {
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put("action", rs.getString(1));
              entry.put("actor", rs.getString(2));
              entry.put("detail", json.readValue(rs.getString(3), Map.class));
              entry.put("at", rs.getTimestamp(4).toInstant());
              return entry;
            })
        .list();
  }
}
