package org.bonafide.document;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's {@link ChipVerifier}, trusting the CSCAs configured under {@code bonafide.documents.chip}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChipProperties.class)
class ChipConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ChipConfiguration.class);

  @Bean
  ChipVerifier chipVerifier(ChipProperties properties) {
    CscaTrustStore trust;
    try {
      // An empty environment variable binds as an empty path, which would mean the working folder.
      Optional<java.nio.file.Path> folder = Optional.ofNullable(properties.getCscaFolder()).filter(p -> !p.toString().isBlank());
      trust = CscaTrustStore.load(folder, properties.getMasterLists());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("bonafide.documents.chip: " + e.getMessage(), e);
    }
    if (trust.size() == 0) {
      log.info(
          "No CSCA certificates configured (bonafide.documents.chip.csca-folder, master-lists): every chip will be"
              + " chip-certificate-untrusted");
    } else {
      log.info("Chip verification trusts {} CSCA certificates from {}", trust.size(), trust.sources());
    }
    return new ChipVerifier(trust);
  }
}
