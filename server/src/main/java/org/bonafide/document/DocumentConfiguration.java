package org.bonafide.document;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The document module's beans: one MRZ reader (Tesseract, native memory, closed at shutdown), the
 * page forensics with their documented defaults, the national identity validators and the analyzer
 * that runs them all ({@link ChipConfiguration} supplies the chip verifier).
 */
@Configuration(proxyBeanMethods = false)
class DocumentConfiguration {
  @Bean(destroyMethod = "close")
  MrzReader mrzReader() {
    return new MrzReader();
  }

  @Bean
  PageForensics pageForensics() {
    return new PageForensics(PageForensics.Settings.defaults());
  }

  @Bean
  NationalIds nationalIds() {
    return NationalIds.standard();
  }

  @Bean
  DocumentAnalyzer documentAnalyzer(
      MrzReader reader, PageForensics forensics, ChipVerifier chip, NationalIds nationalIds) {
    return new DefaultDocumentAnalyzer(reader, forensics, chip, nationalIds);
  }
}
