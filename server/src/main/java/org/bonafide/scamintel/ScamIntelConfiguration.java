package org.bonafide.scamintel;

import java.time.InstantSource;
import org.bonafide.identitygraph.Identifiers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** The scam-intelligence beans. */
@Configuration(proxyBeanMethods = false)
class ScamIntelConfiguration {
  @Bean
  Indicators indicators(Identifiers identifiers) {
    return new Indicators(identifiers);
  }

  @Bean
  ScamIntelligence scamIntelligence(
      ScamRepository repository, Indicators indicators, InstantSource clock, TransactionTemplate transactions) {
    return new ScamIntelligence(
        repository,
        indicators,
        RiskAssessor.withDefaults(),
        Warnings.load(),
        new Lookalikes(Lookalikes.DEFAULT_PROTECTED),
        MessageModel.shipped(),
        clock,
        transactions);
  }
}
