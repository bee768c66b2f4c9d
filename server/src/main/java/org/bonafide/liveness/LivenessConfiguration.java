package org.bonafide.liveness;

import java.util.List;
import org.bonafide.biometrics.FaceEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's {@link LivenessAnalyzer}, on the shared face engine, with every detector bean (each
 * a {@code @Component} of this package with its settings record bound under {@code
 * bonafide.detectors.<id>} by the application's configuration-properties scan), in their order.
 */
@Configuration(proxyBeanMethods = false)
class LivenessConfiguration {
  @Bean
  LivenessAnalyzer livenessAnalyzer(FaceEngine engine, AnalysisSettings settings, List<LivenessDetector> detectors) {
    return new DefaultLivenessAnalyzer(engine, settings, detectors);
  }
}
