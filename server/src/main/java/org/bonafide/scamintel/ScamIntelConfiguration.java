package org.bonafide.scamintel;

import java.time.InstantSource;
import org.bonafide.identitygraph.Identifiers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** The scam-intelligence beans. */
@Configuration(proxyBeanMethods = false)
class ScamIntelConfiguration {
  /** The customer texts, loaded and checked once. */
  @Bean
  Warnings warnings() {
    return Warnings.load();
  }

  @Bean
  Indicators indicators(Identifiers identifiers) {
    return new Indicators(identifiers);
  }

  /**
   * Payment protection. Local time (night, weekend) is read in {@code bonafide.payments.time-zone}
   * unless a request names its own; {@code bonafide.payments.holidays} lists the public holidays
   * (ISO dates; the default holds Hong Kong's fixed-date ones for 2026 and 2027: lunar holidays
   * move and must be added by the deployment).
   */
  @Bean
  PaymentProtection paymentProtection(
      ScamIntelligence intelligence,
      Warnings warnings,
      org.springframework.jdbc.core.simple.JdbcClient jdbc,
      tools.jackson.databind.json.JsonMapper json,
      InstantSource clock,
      @org.springframework.beans.factory.annotation.Value("${bonafide.payments.time-zone:Asia/Hong_Kong}") String zone,
      @org.springframework.beans.factory.annotation.Value(
              "${bonafide.payments.holidays:2026-01-01,2026-05-01,2026-07-01,2026-10-01,2026-12-25,2026-12-26,"
                  + "2027-01-01,2027-05-01,2027-07-01,2027-10-01,2027-12-25,2027-12-26}")
          java.util.List<String> holidays) {
    java.util.Set<java.time.LocalDate> dates = new java.util.HashSet<>();
    for (String h : holidays) {
      if (!h.isBlank()) {
        dates.add(java.time.LocalDate.parse(h.strip()));
      }
    }
    return new PaymentProtection(intelligence, jdbc, json, warnings, clock, java.time.ZoneId.of(zone), dates);
  }

  /**
   * The domains lookalike links are compared with: {@code bonafide.scamintel.protected-domains}
   * (comma-separated) replaces the built-in list, and an entry {@code +defaults} keeps it too.
   */
  static java.util.List<String> protectedDomains(java.util.List<String> configured) {
    java.util.List<String> domains = new java.util.ArrayList<>();
    boolean keepDefaults = configured == null || configured.stream().allMatch(String::isBlank);
    if (configured != null) {
      for (String d : configured) {
        if (d.strip().equals("+defaults")) {
          keepDefaults = true;
        } else if (!d.isBlank()) {
          domains.add(d.strip().toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    if (keepDefaults) {
      domains.addAll(Lookalikes.DEFAULT_PROTECTED);
    }
    return domains;
  }

  @Bean
  PublicRateLimiter publicRateLimiter(
      InstantSource clock, @org.springframework.beans.factory.annotation.Value("${bonafide.public.checks-per-minute:30}") int perMinute) {
    return new PublicRateLimiter(perMinute, clock);
  }

  /**
   * How reports add up to a risk level: {@code bonafide.scamintel.risk.half-life} (a report's weight
   * halves with each, default 180 days), {@code high-score} (1.5) and {@code medium-score} (0.75),
   * and {@code police-weight}, {@code institution-weight}, {@code feed-weight}, {@code public-weight}
   * (2, 1, 1, 0.25). High always needs a verified report, whatever the weights.
   */
  @Bean
  RiskAssessor riskAssessor(
      @org.springframework.beans.factory.annotation.Value("${bonafide.scamintel.risk.half-life:180d}") java.time.Duration halfLife,
      @org.springframework.beans.factory.annotation.Value("${bonafide.scamintel.risk.high-score:1.5}") double high,
      @org.springframework.beans.factory.annotation.Value("${bonafide.scamintel.risk.medium-score:0.75}") double medium,
      @org.springframework.beans.factory.annotation.Value("${bonafide.scamintel.risk.police-weight:2.0}") double police,
      @org.springframework.beans.factory.annotation.Value("${bonafide.scamintel.risk.institution-weight:1.0}") double institution,
      @org.springframework.beans.factory.annotation.Value("${bonafide.scamintel.risk.feed-weight:1.0}") double feed,
      @org.springframework.beans.factory.annotation.Value("${bonafide.scamintel.risk.public-weight:0.25}") double anyone) {
    return new RiskAssessor(
        halfLife,
        high,
        medium,
        java.util.Map.of(
            ReportSource.POLICE, police,
            ReportSource.INSTITUTION, institution,
            ReportSource.FEED, feed,
            ReportSource.PUBLIC, anyone));
  }

  @Bean
  ScamIntelligence scamIntelligence(
      RiskAssessor assessor,
      ScamRepository repository,
      Indicators indicators,
      Warnings warnings,
      org.bonafide.identitygraph.IdentityGraph graph,
      InstantSource clock,
      TransactionTemplate transactions,
      @org.springframework.beans.factory.annotation.Value("${bonafide.scamintel.protected-domains:}") java.util.List<String> protectedDomains) {
    return new ScamIntelligence(
        repository,
        indicators,
        assessor,
        warnings,
        new Lookalikes(protectedDomains(protectedDomains)),
        MessageModel.shipped(),
        graph,
        clock,
        transactions);
  }
}
