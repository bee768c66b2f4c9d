package org.bonafide.scamintel;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports, checks and disputes of scam indicators.
 *
 * <p>A check answers, for each indicator, its risk as the asking tenant may see it (shared
 * reports, and the tenant's own private ones; the public sees shared reports only), the reasons,
 * report categories, and a warning for the customer in English and Traditional Chinese. A link is
 * also judged by its host and the domains above it down to the registrable one: a report of {@code
 * evil.example} marks every link on it and on its subdomains.
 */
public class ScamIntelligence {
  /** Indicators one check may carry. */
  public static final int MAX_CHECKS = 100;

  private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z-]{0,39}");
  private static final int MAX_REFERENCE = 200;
  private static final int MAX_REASON = 2000;
  /** How far in the future a report's time may lie (clock skew). */
  private static final Duration SKEW = Duration.ofMinutes(5);

  private final ScamRepository repository;
  private final Indicators indicators;
  private final RiskAssessor assessor;
  private final Warnings warnings;
  private final Lookalikes lookalikes;
  private final MessageModel messages;
  private final org.bonafide.identitygraph.IdentityGraph graph;
  private final InstantSource clock;
  private final TransactionTemplate transactions;

  ScamIntelligence(
      ScamRepository repository,
      Indicators indicators,
      RiskAssessor assessor,
      Warnings warnings,
      Lookalikes lookalikes,
      MessageModel messages,
      org.bonafide.identitygraph.IdentityGraph graph,
      InstantSource clock,
      TransactionTemplate transactions) {
    this.graph = graph;
    this.lookalikes = lookalikes;
    this.messages = messages;
    this.repository = repository;
    this.indicators = indicators;
    this.assessor = assessor;
    this.warnings = warnings;
    this.clock = clock;
    this.transactions = transactions;
  }

  /** One indicator to check, as sent: its kind's code and the raw value. */
  public record CheckItem(String kind, String value) {}

  /** A report as a tenant sends it. */
  public record ReportInput(String kind, String value, String category, String reference, Boolean shared, Instant reportedAt) {}

  /**
   * Checks indicators for a tenant, or for the public when {@code viewer} is null.
   *
   * @throws BonafideException {@code validation-failed} naming the first bad item's index
   */
  public List<Map<String, Object>> check(TenantId viewer, List<CheckItem> items) {
    if (items == null || items.isEmpty()) {
      throw invalid("indicators", "A check carries at least one indicator.", Map.of());
    }
    if (items.size() > MAX_CHECKS) {
      throw invalid("indicators", "A check carries at most " + MAX_CHECKS + " indicators; split the batch.", Map.of("limit", MAX_CHECKS));
    }
    List<Indicator> parsed = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      parsed.add(parse(items.get(i) == null ? null : items.get(i).kind(), items.get(i) == null ? null : items.get(i).value(), i));
    }
    Instant now = clock.instant();
    UUID tenant = viewer == null ? null : viewer.value();
    List<Map<String, Object>> out = new ArrayList<>(parsed.size());
    for (int i = 0; i < parsed.size(); i++) {
      out.add(result(i, parsed.get(i), tenant, now, false));
    }
    return out;
  }

  /** @param userInfo whether the link as written carried a name before {@code @} (for its lookalike findings) */
  private Map<String, Object> result(int index, Indicator indicator, UUID tenant, Instant now, boolean userInfo) {
    Lookup own = lookup(indicator, tenant, now);
    RiskLevel level = own.risk().level();
    List<Map<String, Object>> related = new ArrayList<>();
    for (Indicator other : relatedOf(indicator)) {
      Lookup l = lookup(other, tenant, now);
      if (l.risk().level() != RiskLevel.NO_RECORD) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", other.kind());
        r.put("value", other.value());
        r.put("risk", l.risk().level());
        r.put("reasons", l.risk().reasons());
        related.add(r);
        if (l.risk().level().ordinal() < level.ordinal()) {
          level = l.risk().level();
        }
      }
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("index", index);
    view.put("kind", indicator.kind());
    view.put("value", indicator.value());
    view.put("risk", level);
    view.put("score", own.risk().score());
    view.put("reasons", own.risk().reasons());
    view.put("categories", own.categories());
    view.put("firstReported", own.risk().firstReported());
    view.put("lastReported", own.risk().lastReported());
    if (!related.isEmpty()) {
      view.put("related", related);
    }
    // medium only for what the identity graph links it to: its warning says so, not "reported"
    boolean linkedOnly = false;
    Optional<org.bonafide.identitygraph.IdentityGraph.Trace> trace = trace(tenant, indicator);
    if (trace.isPresent()) {
      org.bonafide.identitygraph.IdentityGraph.Trace t = trace.get();
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("applications", t.applications());
      g.put("institutions", t.institutions());
      g.put("applicationsInRings", t.applicationsInRings());
      g.put("flaggedApplications", t.flaggedApplications());
      g.put("yourApplications", t.yourApplications());
      g.put("yourApplicationIds", t.yourApplicationIds());
      view.put("identityGraph", g);
      // opened or registered by an application of a fraud ring, or by one found bad later (its
      // session failed, its institution flagged it): suspicious before anyone reports it
      Map<String, Object> reasons = new LinkedHashMap<>(own.risk().reasons());
      if (t.applicationsInRings() > 0) {
        reasons.put("opened-by-ring-application", t.applicationsInRings());
      }
      if (t.flaggedApplications() > 0) {
        reasons.put("opened-by-flagged-application", t.flaggedApplications());
      }
      view.put("reasons", reasons);
      if ((t.applicationsInRings() > 0 || t.flaggedApplications() > 0) && level.ordinal() > RiskLevel.MEDIUM.ordinal()) {
        level = RiskLevel.MEDIUM;
        view.put("risk", level);
        linkedOnly = true;
      }
    }
    if (indicator.kind() == IndicatorKind.URL || indicator.kind() == IndicatorKind.DOMAIN) {
      String url = indicator.kind() == IndicatorKind.URL ? indicator.value() : "http://" + indicator.value() + "/";
      Lookalikes.Finding finding = lookalikes.examine(url, userInfo);
      view.put("lookalike", Map.of("score", finding.score(), "reasons", finding.reasons()));
    }
    view.put("warning", linkedOnly ? warnings.linked(indicator.kind()) : warnings.text(level, indicator.kind()));
    return view;
  }

  /**
   * The identity graph's trace of a bank account, phone or email (a payment proxy by its phone or
   * email), as the viewer may see it.
   */
  private Optional<org.bonafide.identitygraph.IdentityGraph.Trace> trace(UUID viewer, Indicator indicator) {
    org.bonafide.identitygraph.EntityKind kind;
    String value = indicator.value();
    switch (indicator.kind()) {
      case BANK_ACCOUNT -> kind = org.bonafide.identitygraph.EntityKind.BANK_ACCOUNT;
      case PHONE -> kind = org.bonafide.identitygraph.EntityKind.PHONE;
      case EMAIL -> kind = org.bonafide.identitygraph.EntityKind.EMAIL;
      case PAYMENT_PROXY -> {
        if (value.startsWith("phone:")) {
          kind = org.bonafide.identitygraph.EntityKind.PHONE;
        } else if (value.startsWith("email:")) {
          kind = org.bonafide.identitygraph.EntityKind.EMAIL;
        } else {
          return Optional.empty();
        }
        value = value.substring(value.indexOf(':') + 1);
      }
      default -> {
        return Optional.empty();
      }
    }
    return graph.trace(viewer == null ? null : new TenantId(viewer), kind, value);
  }

  /** Longest message assessed, in characters. */
  public static final int MAX_MESSAGE = 5000;

  /** Links and numbers looked up per message; the rest are ignored. */
  private static final int MAX_EXTRACTED = 20;

  /**
   * Assesses an SMS or chat message: the model's probability that it is a lure and the features
   * that drove it, and every link and phone number in it checked (links also for lookalikes). The
   * level is {@code high} when the message names a high-risk indicator, or reads as a lure and
   * carries a link that imitates a brand; {@code medium} when it reads as a lure, names a
   * medium-risk indicator or carries a lookalike link; {@code low} otherwise.
   */
  public Map<String, Object> assessMessage(TenantId viewer, String text) {
    if (text == null || text.isBlank()) {
      throw invalid("text", "A message to assess has text.", Map.of());
    }
    if (text.length() > MAX_MESSAGE) {
      throw invalid("text", "A message has at most " + MAX_MESSAGE + " characters.", Map.of("limit", MAX_MESSAGE));
    }
    Instant now = clock.instant();
    UUID tenant = viewer == null ? null : viewer.value();
    MessageModel.Score score = messages.score(text);
    List<Map<String, Object>> links = new ArrayList<>();
    List<Map<String, Object>> phones = new ArrayList<>();
    RiskLevel worst = RiskLevel.NO_RECORD;
    double lookalike = 0;
    java.util.regex.Matcher url = MessageFeatures.URL.matcher(text);
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (url.find() && links.size() < MAX_EXTRACTED) {
      Indicators.Parsed parsed = indicators.parse(IndicatorKind.URL, url.group());
      if (!parsed.isAccepted() || !seen.add(parsed.indicator().toString())) {
        continue;
      }
      Map<String, Object> result = result(links.size(), parsed.indicator(), tenant, now, Lookalikes.hasUserInfo(url.group()));
      lookalike = Math.max(lookalike, ((Number) ((Map<?, ?>) result.get("lookalike")).get("score")).doubleValue());
      worst = worse(worst, (RiskLevel) result.get("risk"));
      links.add(result);
    }
    java.util.regex.Matcher phone = MessageFeatures.PHONE.matcher(text);
    while (phone.find() && phones.size() < MAX_EXTRACTED) {
      Indicators.Parsed parsed = indicators.parse(IndicatorKind.PHONE, phone.group());
      if (!parsed.isAccepted() || !seen.add(parsed.indicator().toString())) {
        continue;
      }
      Map<String, Object> result = result(phones.size(), parsed.indicator(), tenant, now, false);
      worst = worse(worst, (RiskLevel) result.get("risk"));
      phones.add(result);
    }
    RiskLevel level;
    if (worst == RiskLevel.HIGH || score.scam() && lookalike >= 0.75) {
      level = RiskLevel.HIGH;
    } else if (score.scam() || worst == RiskLevel.MEDIUM || lookalike >= 0.75) {
      level = RiskLevel.MEDIUM;
    } else {
      level = RiskLevel.LOW;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("risk", level);
    view.put("probability", Math.round(score.probability() * 1000) / 1000.0);
    view.put("lure", score.scam());
    view.put("threshold", messages.threshold());
    view.put("drivers", score.drivers());
    view.put("links", links);
    view.put("phones", phones);
    view.put("warning", warnings.message(level));
    return view;
  }

  private static RiskLevel worse(RiskLevel a, RiskLevel b) {
    return a.ordinal() <= b.ordinal() ? a : b;
  }

  private record Lookup(RiskAssessor.Risk risk, Map<String, Long> categories) {}

  private Lookup lookup(Indicator indicator, UUID tenant, Instant now) {
    Optional<UUID> id = repository.find(indicator);
    if (id.isEmpty()) {
      return new Lookup(assessor.assess(List.of(), List.of(), now), Map.of());
    }
    return new Lookup(
        assessor.assess(repository.reports(id.get(), tenant), repository.disputes(id.get()), now),
        repository.categories(id.get(), tenant));
  }

  /** What else a check of this indicator looks up: a link's host, and the domains above a link's or a domain's host. */
  private static List<Indicator> relatedOf(Indicator indicator) {
    List<Indicator> out = new ArrayList<>();
    String host =
        switch (indicator.kind()) {
          case URL -> Indicators.hostOf(indicator.value());
          case DOMAIN -> indicator.value();
          default -> null;
        };
    if (host == null || host.startsWith("[")) {
      return out;
    }
    if (indicator.kind() == IndicatorKind.URL) {
      out.add(new Indicator(Indicators.numericIpv4(host).isPresent() ? IndicatorKind.IP : IndicatorKind.DOMAIN, host));
    }
    for (String parent : Indicators.parentDomains(host)) {
      out.add(new Indicator(IndicatorKind.DOMAIN, parent));
    }
    return out;
  }

  /**
   * Files a tenant's report (source {@code institution}). The same reference again is answered with
   * the stored report; by default the reference is the indicator itself, so a tenant that reports a
   * number twice files one report.
   *
   * @return {@code created} and the indicator's risk as the tenant now sees it
   */
  public Map<String, Object> report(TenantId tenant, ReportInput input) {
    if (input == null) {
      throw invalid("kind", "The body is a report object.", Map.of());
    }
    Indicator indicator = parse(input.kind(), input.value(), -1);
    String category = input.category();
    if (category != null && !CATEGORY.matcher(category).matches()) {
      throw invalid("category", "category is lower-case words joined by hyphens (impersonation, investment, mule-account ...).", Map.of());
    }
    String reference = input.reference() == null ? indicator.toString() : input.reference().strip();
    if (reference.isEmpty() || reference.length() > MAX_REFERENCE) {
      throw invalid("reference", "reference has 1 to " + MAX_REFERENCE + " characters.", Map.of());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Instant reportedAt = input.reportedAt() == null ? now : input.reportedAt().truncatedTo(ChronoUnit.MICROS);
    if (reportedAt.isAfter(now.plus(SKEW)) || reportedAt.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
      throw invalid("reportedAt", "reportedAt lies between 2000 and now.", Map.of());
    }
    boolean shared = input.shared() == null || input.shared();
    String reporter = tenant.value().toString();
    boolean created =
        transactions.execute(
            status -> {
              Optional<UUID> earlier = repository.reportedIndicator(ReportSource.INSTITUTION, reporter, reference);
              if (earlier.isPresent()) {
                if (!earlier.get().equals(repository.find(indicator).orElse(null))) {
                  throw new BonafideException(
                      ErrorCode.REPORT_CONFLICT,
                      "You already filed a report with reference '" + reference + "' for another indicator.",
                      Map.of("reference", reference));
                }
                return false;
              }
              // one report through the feeds' path: the indicator is created when new
              repository.insertReports(
                  List.of(indicator),
                  List.of(
                      new ScamRepository.NewReport(
                          tenant.value(), ReportSource.INSTITUTION, reporter, 1.0, shared, category, reference, reportedAt)),
                  now);
              UUID id = repository.find(indicator).orElseThrow();
              Map<String, Object> detail = new LinkedHashMap<>();
              detail.put("source", ReportSource.INSTITUTION.code());
              detail.put("shared", shared);
              detail.put("reference", reference);
              repository.audit(id, "report-filed", "tenant:" + reporter, detail, now);
              return true;
            });
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("created", created);
    view.put("reference", reference);
    view.put("shared", shared);
    view.put("check", result(0, indicator, tenant.value(), now, false));
    return view;
  }

  /** Rows a feed import keeps in one batch (one transaction). */
  private static final int IMPORT_BATCH = 500;

  /** Rejections an import summary lists; the rest are counted. */
  public static final int MAX_LISTED_REJECTIONS = 100;

  /**
   * What an import did.
   *
   * @param rows data rows read
   * @param imported reports stored
   * @param duplicates rows whose reporter had already filed their reference (by default the
   *     indicator itself, so a feed imported twice adds nothing)
   * @param rejected rows that are not reports
   * @param rejections the first {@value #MAX_LISTED_REJECTIONS} of them, with line and reason
   */
  public record ImportSummary(long rows, long imported, long duplicates, long rejected, List<FeedRows.Rejected> rejections) {}

  /**
   * Imports a feed of reports from one reporter: a tenant's ({@code institution}, its id the
   * reporter), or an operator's feed ({@code police}, {@code feed} or {@code public}, named by
   * {@code reporter}). A row's {@code trust} (0 to 1] replaces {@code defaultTrust}; only feeds
   * declare trust below 1.
   *
   * @param progress told the number of rows read after every batch
   */
  public ImportSummary importFeed(
      java.io.Reader in,
      FeedRows.Format format,
      ReportSource source,
      String reporter,
      TenantId tenant,
      boolean shared,
      double defaultTrust,
      java.util.function.LongConsumer progress) {
    if (reporter == null || reporter.isBlank() || reporter.length() > MAX_REFERENCE) {
      throw invalid("reporter", "A feed names its reporter (1 to " + MAX_REFERENCE + " characters).", Map.of());
    }
    if (!(defaultTrust > 0 && defaultTrust <= 1)) {
      throw invalid("trust", "trust lies in (0, 1].", Map.of());
    }
    long[] counts = new long[4]; // rows, imported, duplicates, rejected
    List<FeedRows.Rejected> listed = new ArrayList<>();
    List<Indicator> batchIndicators = new ArrayList<>();
    List<ScamRepository.NewReport> batch = new ArrayList<>();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    java.util.function.Consumer<FeedRows.Rejected> reject =
        r -> {
          counts[3]++;
          if (listed.size() < MAX_LISTED_REJECTIONS) {
            listed.add(r);
          }
        };
    Runnable flush =
        () -> {
          if (batch.isEmpty()) {
            return;
          }
          boolean[] created = transactions.execute(status -> repository.insertReports(batchIndicators, batch, now));
          for (boolean c : created) {
            counts[c ? 1 : 2]++;
          }
          batch.clear();
          batchIndicators.clear();
          progress.accept(counts[0]);
        };
    FeedRows.read(
        in,
        format,
        row -> {
          counts[0]++;
          IndicatorKind kind = IndicatorKind.fromCode(row.kind()).orElse(null);
          if (kind == null) {
            reject.accept(new FeedRows.Rejected(row.line(), "kind", "is not a kind: " + kinds()));
            return;
          }
          Indicators.Parsed parsed = indicators.parse(kind, row.value());
          if (!parsed.isAccepted()) {
            reject.accept(new FeedRows.Rejected(row.line(), "value", "not a usable " + kind.code() + ": " + parsed.refusal()));
            return;
          }
          if (row.category() != null && !CATEGORY.matcher(row.category()).matches()) {
            reject.accept(new FeedRows.Rejected(row.line(), "category", "is lower-case words joined by hyphens"));
            return;
          }
          String reference = row.reference() == null ? parsed.indicator().toString() : row.reference();
          if (reference.length() > MAX_REFERENCE) {
            reject.accept(new FeedRows.Rejected(row.line(), "reference", "is longer than " + MAX_REFERENCE + " characters"));
            return;
          }
          Instant reportedAt = row.reportedAt() == null ? now : row.reportedAt().truncatedTo(ChronoUnit.MICROS);
          if (reportedAt.isAfter(now.plus(SKEW)) || reportedAt.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
            reject.accept(new FeedRows.Rejected(row.line(), "reportedAt", "lies outside 2000 to now"));
            return;
          }
          double trust = row.trust() == null ? defaultTrust : row.trust();
          if (!(trust > 0 && trust <= 1)) {
            reject.accept(new FeedRows.Rejected(row.line(), "trust", "lies outside (0, 1]"));
            return;
          }
          batchIndicators.add(parsed.indicator());
          batch.add(
              new ScamRepository.NewReport(
                  tenant == null ? null : tenant.value(), source, reporter, trust, shared, row.category(), reference, reportedAt));
          if (batch.size() >= IMPORT_BATCH) {
            flush.run();
          }
        },
        r -> {
          // a row the reader could not even split counts as read, and as rejected
          counts[0]++;
          reject.accept(r);
        });
    flush.run();
    return new ImportSummary(counts[0], counts[1], counts[2], counts[3], List.copyOf(listed));
  }

  /**
   * The shared indicators and their risk as every institution sees it (shared reports only), for
   * partners: no reporter, no private report. Pages in id order: pass the last id seen.
   */
  public List<Map<String, Object>> export(UUID after, int limit) {
    if (limit < 1 || limit > 10_000) {
      throw invalid("limit", "limit lies between 1 and 10000.", Map.of());
    }
    Instant now = clock.instant();
    UUID from = after == null ? new UUID(0, 0) : after;
    List<Map<String, Object>> page = repository.sharedIndicators(from, limit);
    if (page.isEmpty()) {
      return List.of();
    }
    UUID last = (UUID) page.get(page.size() - 1).get("id");
    Map<UUID, List<RiskAssessor.Report>> reports = repository.sharedReportsBetween(from, last);
    Map<UUID, List<RiskAssessor.Dispute>> disputes = repository.disputesBetween(from, last);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row : page) {
      UUID id = (UUID) row.get("id");
      RiskAssessor.Risk risk = assessor.assess(reports.getOrDefault(id, List.of()), disputes.getOrDefault(id, List.of()), now);
      Map<String, Object> m = new LinkedHashMap<>(row);
      m.put("risk", risk.level());
      m.put("score", risk.score());
      m.put("reasons", risk.reasons());
      m.put("firstReported", risk.firstReported());
      m.put("lastReported", risk.lastReported());
      out.add(m);
    }
    return out;
  }

  /**
   * Opens a dispute of an indicator (a tenant's, or the public's when {@code tenant} is null) that
   * the disputing party can see reported: shared reports, or the tenant's own private ones.
   */
  public Map<String, Object> dispute(TenantId tenant, String kind, String value, String reason) {
    Indicator indicator = parse(kind, value, -1);
    if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
      throw invalid("reason", "A dispute says why, in 1 to " + MAX_REASON + " characters.", Map.of());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    // Only what the disputing party can see may be disputed: another institution's private reports
    // are neither revealed (the answer is the same as for an indicator nobody reported) nor touched.
    UUID viewer = tenant == null ? null : tenant.value();
    UUID indicatorId =
        repository.find(indicator)
            .filter(id -> !repository.reports(id, viewer).isEmpty())
            .orElseThrow(() -> new BonafideException(ErrorCode.NOT_FOUND, "Nothing you can see is reported about this indicator; there is nothing to dispute."));
    UUID id =
        transactions.execute(
            status -> {
              UUID dispute = repository.insertDispute(indicatorId, tenant == null ? null : tenant.value(), reason.strip(), now);
              repository.audit(indicatorId, "dispute-opened", actor(tenant), Map.of("dispute", dispute.toString()), now);
              return dispute;
            });
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", id);
    view.put("kind", indicator.kind());
    view.put("value", indicator.value());
    view.put("status", "open");
    return view;
  }

  /**
   * Resolves an open dispute: {@code cleared} sets aside every report made until now; otherwise the
   * dispute is rejected and the reports stand. Written to the audit trail with the actor.
   */
  public Map<String, Object> resolve(UUID disputeId, boolean cleared, String actor, String note) {
    if (actor == null || actor.isBlank()) {
      throw invalid("actor", "A resolution names who made it.", Map.of());
    }
    ScamRepository.StoredDispute dispute =
        repository.dispute(disputeId).orElseThrow(() -> new BonafideException(ErrorCode.NOT_FOUND, "No such dispute."));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String status = cleared ? "cleared" : "rejected";
    transactions.executeWithoutResult(
        s -> {
          if (!repository.resolveDispute(disputeId, status, actor, note, now)) {
            throw new BonafideException(ErrorCode.DISPUTE_RESOLVED, "This dispute was already resolved.");
          }
          Map<String, Object> detail = new LinkedHashMap<>();
          detail.put("dispute", disputeId.toString());
          if (note != null) {
            detail.put("note", note);
          }
          repository.audit(dispute.indicator(), "dispute-" + status, actor, detail, now);
        });
    return Map.of("id", disputeId, "status", status);
  }

  /** An indicator's audit trail: reports filed, disputes opened and resolved. */
  public List<Map<String, Object>> auditTrail(String kind, String value) {
    Indicator indicator = parse(kind, value, -1);
    return repository.find(indicator).map(repository::auditTrail).orElse(List.of());
  }

  private static String actor(TenantId tenant) {
    return tenant == null ? "public" : "tenant:" + tenant.value();
  }

  private Indicator parse(String kindCode, String value, int index) {
    Map<String, Object> where = index < 0 ? Map.of() : Map.of("index", index);
    if (kindCode == null) {
      throw invalid("kind", "Each indicator has a kind: " + kinds() + ".", where);
    }
    IndicatorKind kind =
        IndicatorKind.fromCode(kindCode).orElseThrow(() -> invalid("kind", "Unknown kind '" + kindCode + "'; kinds are " + kinds() + ".", where));
    Indicators.Parsed parsed = indicators.parse(kind, value);
    if (!parsed.isAccepted()) {
      Map<String, Object> props = new LinkedHashMap<>(where);
      props.put("kind", kind.code());
      throw invalid("value", "Not a usable " + kind.code() + ": " + parsed.refusal() + ".", props);
    }
    return parsed.indicator();
  }

  private static String kinds() {
    List<String> codes = new ArrayList<>();
    for (IndicatorKind k : IndicatorKind.values()) {
      codes.add(k.code());
    }
    return String.join(", ", codes);
  }

  private static BonafideException invalid(String field, String detail, Map<String, Object> properties) {
    Map<String, Object> props = new LinkedHashMap<>(properties);
    props.put("field", field);
    return new BonafideException(ErrorCode.VALIDATION_FAILED, detail, props);
  }
}
