package org.bonafide.scamintel;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The risk level of an indicator from its reports and disputes.
 *
 * <ul>
 *   <li>A report weighs its source's weight ({@link ReportSource#weight()} unless configured) times its trust (1 unless
 *       a feed declared less), halved every {@code halfLife} of age.
 *   <li>Reports are counted per reporter: one institution reporting a number ten times is one
 *       reporter, and only its heaviest report counts. The score is the sum over reporters.
 *   <li>{@link RiskLevel#HIGH}: a score of at least {@code highScore} with at least one verified
 *       report (police, an institution, a feed). Unverified (public) reports alone reach {@link
 *       RiskLevel#MEDIUM} at most, however many: a crowd can report a genuine number.
 *   <li>{@link RiskLevel#MEDIUM}: a score of at least {@code mediumScore}; {@link RiskLevel#LOW}:
 *       any report that still counts; {@link RiskLevel#NO_RECORD}: none.
 *   <li>A dispute that was cleared sets aside every report made before it was cleared (they stay in
 *       the audit trail); an open dispute changes nothing but is named.
 * </ul>
 */
public final class RiskAssessor {
  private final Duration halfLife;
  private final double highScore;
  private final double mediumScore;
  private final Map<ReportSource, Double> weights;

  /** The defaults: half-life 180 days, high from 1.5, medium from 0.75, each source's own weight. */
  public static RiskAssessor withDefaults() {
    return new RiskAssessor(Duration.ofDays(180), 1.5, 0.75);
  }

  public RiskAssessor(Duration halfLife, double highScore, double mediumScore) {
    this(halfLife, highScore, mediumScore, Map.of());
  }

  /**
   * @param weights a weight per source replacing {@link ReportSource#weight()} (sources left out
   *     keep theirs); each in (0, 10]
   * @throws IllegalArgumentException for a half-life that is not positive, levels not in the order
   *     0 &lt; medium &lt; high, or a weight out of range
   */
  public RiskAssessor(Duration halfLife, double highScore, double mediumScore, Map<ReportSource, Double> weights) {
    checkArgument(halfLife != null && !halfLife.isNegative() && !halfLife.isZero(), "halfLife must be positive");
    checkArgument(mediumScore > 0 && highScore > mediumScore, "0 < mediumScore < highScore");
    Map<ReportSource, Double> w = new java.util.EnumMap<>(ReportSource.class);
    for (ReportSource source : ReportSource.values()) {
      double weight = weights.getOrDefault(source, source.weight());
      checkArgument(weight > 0 && weight <= 10, "the weight of %s must be in (0, 10], not %s", source.code(), weight);
      w.put(source, weight);
    }
    this.halfLife = halfLife;
    this.highScore = highScore;
    this.mediumScore = mediumScore;
    this.weights = w;
  }

  /**
   * One report as the assessment sees it.
   *
   * @param reporter who reported (a tenant id, a feed's name, a public reporter's keyed hash):
   *     reports of one reporter are not independent
   * @param trust the trust a feed declared, in (0, 1]; 1 for other sources
   */
  public record Report(ReportSource source, String reporter, double trust, Instant reportedAt) {
    public Report {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(reporter, "reporter");
      Objects.requireNonNull(reportedAt, "reportedAt");
      checkArgument(trust > 0 && trust <= 1, "trust must be in (0, 1]");
    }
  }

  /** A dispute: open (clearedAt null) or cleared at a time. */
  public record Dispute(Instant openedAt, Instant clearedAt) {
    public Dispute {
      Objects.requireNonNull(openedAt, "openedAt");
    }
  }

  /**
   * The assessment: the level, the score behind it, and the reasons (codes with counts) to explain
   * it.
   */
  public record Risk(RiskLevel level, double score, Map<String, Object> reasons, Instant firstReported, Instant lastReported) {}

  public Risk assess(List<Report> reports, List<Dispute> disputes, Instant now) {
    Instant clearedUntil = null;
    boolean open = false;
    for (Dispute d : disputes) {
      if (d.clearedAt() == null) {
        open = true;
      } else if (clearedUntil == null || d.clearedAt().isAfter(clearedUntil)) {
        clearedUntil = d.clearedAt();
      }
    }
    Map<String, Double> byReporter = new HashMap<>();
    Map<ReportSource, Integer> reportersBySource = new LinkedHashMap<>();
    Map<String, ReportSource> sourceOf = new HashMap<>();
    boolean verified = false;
    int setAside = 0;
    Instant first = null;
    Instant last = null;
    for (Report r : reports) {
      if (clearedUntil != null && !r.reportedAt().isAfter(clearedUntil)) {
        setAside++;
        continue;
      }
      double ageDays = Math.max(0, Duration.between(r.reportedAt(), now).toMillis() / 86_400_000.0);
      double weight = weights.get(r.source()) * r.trust() * Math.pow(0.5, ageDays / (halfLife.toMillis() / 86_400_000.0));
      String key = r.source().code() + "|" + r.reporter();
      byReporter.merge(key, weight, Math::max);
      sourceOf.put(key, r.source());
      verified |= r.source().verified();
      first = first == null || r.reportedAt().isBefore(first) ? r.reportedAt() : first;
      last = last == null || r.reportedAt().isAfter(last) ? r.reportedAt() : last;
    }
    double score = 0;
    for (Map.Entry<String, Double> e : byReporter.entrySet()) {
      score += e.getValue();
      reportersBySource.merge(sourceOf.get(e.getKey()), 1, Integer::sum);
    }
    RiskLevel level;
    if (byReporter.isEmpty()) {
      level = RiskLevel.NO_RECORD;
    } else if (score >= highScore && verified) {
      level = RiskLevel.HIGH;
    } else if (score >= mediumScore) {
      level = RiskLevel.MEDIUM;
    } else {
      level = RiskLevel.LOW;
    }
    Map<String, Object> reasons = new LinkedHashMap<>();
    for (ReportSource s : ReportSource.values()) {
      Integer n = reportersBySource.get(s);
      if (n != null) {
        reasons.put("reported-by-" + s.code(), n);
      }
    }
    if (last != null && Duration.between(last, now).toDays() < 30) {
      reasons.put("reported-recently", true);
    }
    if (open) {
      reasons.put("disputed", true);
    }
    if (setAside > 0) {
      reasons.put("cleared-reports", setAside);
    }
    return new Risk(level, Math.round(score * 1000) / 1000.0, reasons, first, last);
  }
}
