package org.bonafide.liveness;

import org.bonafide.biometrics.FaceEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's {@link LivenessAnalyzer}, on the shared face engine, configured under {@code bonafide.detectors}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DetectorProperties.class)
class LivenessConfiguration {
  @Bean
  LivenessAnalyzer livenessAnalyzer(FaceEngine engine, DetectorProperties properties) {
    return LivenessAnalyzers.create(engine, properties);
  }
}
