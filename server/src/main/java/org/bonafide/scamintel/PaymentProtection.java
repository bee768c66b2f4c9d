package org.bonafide.scamintel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores a proposed transfer before it leaves: the payee's indicators are checked, the transfer's
 * facts computed (amount, timing, recent transfers, share of the balance, the payer's age band,
 * whether the payer is on a call), and the tenant's rules (CEL, versioned; the built-in ones as
 * version 0 until the tenant sets its own) put it on the ladder allow, warn, confirm (with a
 * cooling-off delay), hold for a call-back, or block. Every outcome records the rules' version.
 */
public class PaymentProtection {
  /** Largest amount accepted: anything above is a client's error, not a payment. */
  public static final double MAX_AMOUNT = 1e12;

  static final int MAX_RECENT = 200;
  static final int MAX_PAYEE_INDICATORS = 10;
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  static final Set<String> CHANNELS = Set.of("fps", "bank-transfer", "card", "wallet", "crypto", "cash", "cheque", "other");
  static final Set<String> AGE_BANDS = Set.of("under-30", "30-49", "50-64", "65-plus", "unknown");

  private final ScamIntelligence intelligence;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Warnings warnings;
  private final InstantSource clock;
  private final ZoneId zone;
  private final Set<LocalDate> holidays;
  private final PaymentRules builtIn;
  private final Map<String, PaymentRules> compiled = new ConcurrentHashMap<>();

  PaymentProtection(
      ScamIntelligence intelligence,
      JdbcClient jdbc,
      JsonMapper json,
      Warnings warnings,
      InstantSource clock,
      ZoneId zone,
      Set<LocalDate> holidays) {
    this.intelligence = intelligence;
    this.jdbc = jdbc;
    this.json = json;
    this.warnings = warnings;
    this.clock = clock;
    this.zone = zone;
    this.holidays = Set.copyOf(holidays);
    this.builtIn = builtInRules(json);
  }

  /** A rule set as a tenant sends it. */
  public record RuleSetInput(Integer coolingOffMinutes, List<PaymentRules.Rule> rules) {}

  /** The payer, as far as the institution tells. */
  public record Payer(String ageBand, Double balance) {}

  /** An earlier transfer by the payer. */
  public record Transfer(Double amount, Instant time, Boolean newPayee) {}

  /** A proposed transfer. */
  public record PaymentInput(
      Payer payer,
      List<ScamIntelligence.CheckItem> payee,
      Double amount,
      String currency,
      String channel,
      Instant time,
      String timeZone,
      Boolean newPayee,
      List<Transfer> recentTransfers,
      Boolean onCall,
      Boolean screenSharing) {}

  static PaymentRules builtInRules(JsonMapper json) {
    try (InputStream in = PaymentProtection.class.getResourceAsStream("/scamintel/payment-rules.json")) {
      if (in == null) {
        throw new IllegalStateException("/scamintel/payment-rules.json is missing from the build");
      }
      JsonNode node = json.readTree(in);
      return PaymentRules.compile(0, node.path("coolingOffMinutes").asInt(30), rulesOf(json, node.path("rules")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<PaymentRules.Rule> rulesOf(JsonMapper json, JsonNode array) {
    List<PaymentRules.Rule> rules = new ArrayList<>();
    for (JsonNode r : array) {
      rules.add(json.treeToValue(r, PaymentRules.Rule.class));
    }
    return rules;
  }

  /** The tenant's current rules: its latest version, or the built-in ones. */
  public PaymentRules rules(TenantId tenant) {
    Optional<Integer> latest =
        jdbc.sql("SELECT max(version) FROM payment_rules WHERE tenant_id = ?").param(tenant.value()).query(Integer.class).optional();
    if (latest.isEmpty() || latest.get() == null) {
      return builtIn;
    }
    int version = latest.get();
    return compiled.computeIfAbsent(
        tenant.value() + "/" + version,
        k -> {
          String text =
              jdbc.sql("SELECT rules::text FROM payment_rules WHERE tenant_id = ? AND version = ?")
                  .params(tenant.value(), version)
                  .query(String.class)
                  .single();
          JsonNode node = json.readTree(text);
          return PaymentRules.compile(version, node.path("coolingOffMinutes").asInt(), rulesOf(json, node.path("rules")));
        });
  }

  /** Stores a new version of the tenant's rules, after compiling every one of them. */
  public Map<String, Object> putRules(TenantId tenant, RuleSetInput input) {
    if (input == null) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The body is {coolingOffMinutes, rules}.", Map.of("field", "rules"));
    }
    int cooling = input.coolingOffMinutes() == null ? builtIn.coolingOffMinutes() : input.coolingOffMinutes();
    PaymentRules.compile(1, cooling, input.rules());
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("coolingOffMinutes", cooling);
    stored.put("rules", input.rules());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    // the next version; two concurrent writers collide on the primary key and one retries
    int version =
        jdbc.sql(
                "INSERT INTO payment_rules (tenant_id, version, rules, created_at)"
                    + " SELECT ?, coalesce(max(version), 0) + 1, ?::jsonb, ? FROM payment_rules WHERE tenant_id = ?"
                    + " RETURNING version")
            .params(tenant.value(), json.writeValueAsString(stored), Timestamp.from(now), tenant.value())
            .query(Integer.class)
            .single();
    return Map.of("version", version, "rules", input.rules().size(), "coolingOffMinutes", cooling);
  }

  /** Assesses a proposed transfer for the tenant. */
  public Map<String, Object> assess(TenantId tenant, PaymentInput in) {
    if (in == null) {
      throw invalid("amount", "The body is a payment object.");
    }
    Facts computed = facts(tenant, in);
    Map<String, Object> facts = computed.facts();
    List<Map<String, Object>> payee = computed.payee();
    PaymentRules rules = rules(tenant);
    PaymentRules.Decision decision = rules.evaluate(facts);
    Set<String> reasons = new LinkedHashSet<>();
    decision.fired().forEach(f -> reasons.add(f.reason()));
    UUID id = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    jdbc.sql(
            "INSERT INTO payment_assessments (id, tenant_id, outcome, reasons, facts, rules_version, created_at)"
                + " VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)")
        .params(
            id, tenant.value(), decision.outcome().code(), json.writeValueAsString(decision.fired()),
            json.writeValueAsString(facts), rules.version(), Timestamp.from(now))
        .update();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", id);
    view.put("outcome", decision.outcome());
    if (decision.outcome() == PaymentRules.Outcome.CONFIRM) {
      view.put("coolingOffMinutes", rules.coolingOffMinutes());
    }
    view.put("reasons", reasons);
    view.put("fired", decision.fired());
    if (!decision.errors().isEmpty()) {
      view.put("ruleErrors", decision.errors());
    }
    view.put("rulesVersion", rules.version());
    view.put("facts", facts);
    view.put("payee", payee);
    view.put("warning", warnings.payment(decision.outcome(), rules.coolingOffMinutes()));
    return view;
  }

  /** The facts the rules see, and the payee's check results they were drawn from. */
  private record Facts(Map<String, Object> facts, List<Map<String, Object>> payee) {}

  private Facts facts(TenantId tenant, PaymentInput in) {
    double amount = amount(in.amount(), "amount");
    String currency = in.currency() == null ? "" : in.currency().strip().toUpperCase(java.util.Locale.ROOT);
    if (!CURRENCY.matcher(currency).matches()) {
      throw invalid("currency", "currency is an ISO 4217 code (HKD, USD, ...).");
    }
    String channel = in.channel() == null ? "other" : in.channel().strip().toLowerCase(java.util.Locale.ROOT);
    if (!CHANNELS.contains(channel)) {
      throw invalid("channel", "channel is one of " + String.join(", ", new java.util.TreeSet<>(CHANNELS)) + ".");
    }
    Instant now = clock.instant();
    Instant time = in.time() == null ? now : in.time();
    if (time.isAfter(now.plus(Duration.ofDays(1))) || time.isBefore(now.minus(Duration.ofDays(30)))) {
      throw invalid("time", "time lies within the last 30 days (or is left out for now).");
    }
    ZoneId local;
    try {
      local = in.timeZone() == null ? zone : ZoneId.of(in.timeZone());
    } catch (DateTimeException e) {
      throw invalid("timeZone", "timeZone is an IANA zone (Asia/Hong_Kong).");
    }
    List<ScamIntelligence.CheckItem> payeeItems = in.payee() == null ? List.of() : in.payee();
    if (payeeItems.isEmpty() || payeeItems.size() > MAX_PAYEE_INDICATORS) {
      throw invalid("payee", "payee lists 1 to " + MAX_PAYEE_INDICATORS + " indicators (its account, FPS id, phone ...).");
    }
    List<Map<String, Object>> payee = intelligence.check(tenant, payeeItems);
    RiskLevel payeeRisk = RiskLevel.NO_RECORD;
    for (Map<String, Object> p : payee) {
      RiskLevel r = (RiskLevel) p.get("risk");
      if (r.ordinal() < payeeRisk.ordinal()) {
        payeeRisk = r;
      }
    }
    boolean newPayee = Boolean.TRUE.equals(in.newPayee());
    List<Transfer> recent = in.recentTransfers() == null ? List.of() : in.recentTransfers();
    if (recent.size() > MAX_RECENT) {
      throw invalid("recentTransfers", "recentTransfers lists at most " + MAX_RECENT + " transfers (the last 24 hours matter).");
    }
    List<Transfer> day = new ArrayList<>();
    for (int i = 0; i < recent.size(); i++) {
      Transfer t = recent.get(i);
      if (t == null || t.time() == null) {
        throw invalid("recentTransfers", "recentTransfers[" + i + "] has amount and time.");
      }
      amount(t.amount(), "recentTransfers[" + i + "].amount");
      if (!t.time().isAfter(time.minus(Duration.ofHours(24))) || t.time().isAfter(time)) {
        continue;
      }
      day.add(t);
    }
    day.sort(Comparator.comparing(Transfer::time));
    double amount24h = amount;
    long newPayees = newPayee ? 1 : 0;
    for (Transfer t : day) {
      amount24h += t.amount();
      newPayees += Boolean.TRUE.equals(t.newPayee()) ? 1 : 0;
    }
    boolean rising =
        day.size() >= 2
            && day.get(day.size() - 2).amount() < day.get(day.size() - 1).amount()
            && day.get(day.size() - 1).amount() < amount;
    Payer payer = in.payer() == null ? new Payer(null, null) : in.payer();
    String ageBand = payer.ageBand() == null ? "unknown" : payer.ageBand().strip().toLowerCase(java.util.Locale.ROOT);
    if (!AGE_BANDS.contains(ageBand)) {
      throw invalid("payer.ageBand", "payer.ageBand is one of " + String.join(", ", new java.util.TreeSet<>(AGE_BANDS)) + ".");
    }
    double balanceShare = 0;
    if (payer.balance() != null) {
      if (!Double.isFinite(payer.balance()) || payer.balance() < 0 || payer.balance() > MAX_AMOUNT) {
        throw invalid("payer.balance", "payer.balance is a number from 0 to " + (long) MAX_AMOUNT + ".");
      }
      balanceShare = payer.balance() == 0 ? 1 : Math.min(1, amount / payer.balance());
    }
    ZonedDateTime at = time.atZone(local);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("amount", amount);
    facts.put("currency", currency);
    facts.put("channel", channel);
    facts.put("payee_risk", payeeRisk.code());
    facts.put("payee_reported", payeeRisk != RiskLevel.NO_RECORD);
    facts.put("new_payee", newPayee);
    facts.put("transfers_24h", (long) day.size() + 1);
    facts.put("new_payees_24h", newPayees);
    facts.put("amount_24h", amount24h);
    facts.put("rising_amounts", rising);
    facts.put("balance_share", Math.round(balanceShare * 1000) / 1000.0);
    facts.put("night", at.getHour() < 6 || at.getHour() >= 23);
    facts.put("weekend", at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY);
    facts.put("holiday", holidays.contains(at.toLocalDate()));
    facts.put("local_hour", (long) at.getHour());
    facts.put("age_band", ageBand);
    facts.put("older_payer", ageBand.equals("65-plus"));
    facts.put("on_call", Boolean.TRUE.equals(in.onCall()));
    facts.put("screen_sharing", Boolean.TRUE.equals(in.screenSharing()));
    return new Facts(facts, payee);
  }

  private static double amount(Double value, String field) {
    if (value == null || !Double.isFinite(value) || value <= 0 || value > MAX_AMOUNT) {
      throw invalid(field, field + " is a positive number up to " + (long) MAX_AMOUNT + ".");
    }
    return value;
  }

  private static BonafideException invalid(String field, String detail) {
    return new BonafideException(ErrorCode.VALIDATION_FAILED, detail, Map.of("field", field));
  }
}
