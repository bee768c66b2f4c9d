package org.bonafide.identitygraph;

import java.nio.file.Path;
import org.bonafide.storage.DeploymentSecrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** The identity graph's beans; its HMAC key is generated once per deployment and kept in the database. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphProperties.class)
class GraphConfiguration {
  static final String KEY_SECRET = "identity-graph-hmac";

  @Bean
  IdentifierKeys identifierKeys(DeploymentSecrets secrets) {
    return new IdentifierKeys(secrets.getOrCreate(KEY_SECRET));
  }

  @Bean
  Identifiers identifiers(GraphProperties properties) {
    return new Identifiers(properties.getDefaultPhoneRegion(), Identifiers.DEFAULT_SUBADDRESSING_DOMAINS, java.time.Clock.systemUTC());
  }

  /** The face index in the data folder; rebuilt from the database when they disagree. */
  @Bean(destroyMethod = "close")
  IndexedFaceSearch faceSearch(
      GraphRepository repository, GraphProperties properties, @Value("${bonafide.data-dir:data}") Path dataDir) {
    GraphProperties.FaceIndexSettings face = properties.getFaceIndex();
    return new IndexedFaceSearch(dataDir.resolve("face-index"), repository, face);
  }

  @Bean
  RingDetector ringDetector(GraphRepository repository) {
    return new RingDetector(repository);
  }

  @Bean
  RingCache ringCache(RingDetector detector, java.time.InstantSource clock) {
    return new RingCache(detector, clock);
  }

  @Bean
  IdentityGraph identityGraph(
      GraphRepository repository,
      Identifiers identifiers,
      IdentifierKeys keys,
      FaceSearch faces,
      GraphProperties properties,
      TransactionTemplate transactions,
      RingCache rings) {
    return new IdentityGraph(repository, identifiers, keys, faces, properties, transactions, rings);
  }
}
