package org.bonafide.session;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.InstantSource;
import org.bonafide.biometrics.AnalysisGate;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.document.DocumentAnalyzer;
import org.bonafide.identitygraph.IdentityGraph;
import org.bonafide.liveness.LivenessAnalyzer;
import org.bonafide.liveness.ReplayCheck;
import org.bonafide.storage.DeploymentSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the session module: the challenge key, policies, the token filter, analysis and sweeping. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
@EnableScheduling
class SessionConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SessionConfiguration.class);
  static final String CHALLENGE_KEY_SECRET = "session-challenge-hmac";

  @Bean
  ChallengeSigner challengeSigner(SessionProperties properties, DeploymentSecrets secrets) {
    String configured = properties.getChallengeKey();
    if (configured != null && !configured.isBlank()) {
      byte[] key = configured.getBytes(StandardCharsets.UTF_8);
      if (key.length < 32) {
        throw new IllegalStateException("bonafide.session.challenge-key must have at least 32 characters");
      }
      return new ChallengeSigner(key);
    }
    log.info(
        "No bonafide.session.challenge-key configured: challenges are signed with a key generated for this"
            + " deployment and kept in its database");
    return new ChallengeSigner(secrets.getOrCreate(CHALLENGE_KEY_SECRET));
  }

  @Bean
  SessionPolicies sessionPolicies(SessionProperties properties) {
    return new SessionPolicies(properties.getPolicies(), properties.getDefaultPolicy());
  }

  @Bean
  SessionService sessionService(
      SessionRepository repository,
      FaceEngine engine,
      ChallengeSigner signer,
      SessionPolicies policies,
      SessionProperties properties,
      InstantSource clock,
      TransactionTemplate transactions,
      AnalysisGate gate) {
    return new SessionService(
        repository, engine, signer, policies, properties, clock, new SecureRandom(), transactions, gate);
  }

  @Bean
  SessionAnalysis sessionAnalysis(
      SessionRepository repository,
      LivenessAnalyzer analyzer,
      SessionProperties properties,
      InstantSource clock,
      TransactionTemplate transactions,
      MeterRegistry meters,
      MediaFingerprintRepository fingerprints,
      ReplayCheck.Settings replay,
      SessionDocuments documents) {
    return new SessionAnalysis(
        repository, analyzer, properties, clock, transactions, meters, fingerprints, replay, documents);
  }

  @Bean
  SessionDocuments sessionDocuments(
      SessionService sessions,
      SessionRepository repository,
      SessionDocumentRepository documents,
      DocumentAnalyzer analyzer,
      FaceEngine engine,
      SessionProperties properties,
      InstantSource clock,
      TransactionTemplate transactions,
      JsonMapper json,
      DeploymentSecrets secrets,
      IdentityGraph graph,
      AnalysisGate gate) {
    return new SessionDocuments(
        sessions, repository, documents, analyzer, engine, properties, clock, transactions, json, secrets, graph, gate);
  }

  @Bean
  SessionSweeper sessionSweeper(SessionRepository repository, InstantSource clock) {
    return new SessionSweeper(repository, clock);
  }

  /** Before the API-key filter (which runs at the lowest precedence), on the API only. */
  @Bean
  FilterRegistrationBean<SessionTokenFilter> sessionTokenFilter(ObjectProvider<SessionRepository> repository) {
    FilterRegistrationBean<SessionTokenFilter> registration =
        new FilterRegistrationBean<>(new SessionTokenFilter(repository));
    registration.addUrlPatterns("/v1/*");
    registration.setName("sessionTokenFilter");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
    return registration;
  }

  @EventListener(ApplicationReadyEvent.class)
  void resume(ApplicationReadyEvent event) {
    event.getApplicationContext().getBean(SessionAnalysis.class).resumeSubmitted();
  }
}
