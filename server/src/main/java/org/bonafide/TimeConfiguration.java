package org.bonafide;

import java.time.InstantSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock every module reads, so tests can replace it instead of sleeping. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {
  @Bean
  InstantSource instantSource() {
    return InstantSource.system();
  }
}
