package org.bonafide.tenant;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Puts the API-key filter in front of the versioned API and nothing else. */
@Configuration(proxyBeanMethods = false)
class TenantWebConfiguration {
  static final String API_PATTERN = "/v1/*";

  @Bean
  FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(
      ObjectProvider<TenantService> tenants,
      @Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> resolver,
      ObjectProvider<MeterRegistry> meters,
      @Value("${bonafide.api.failed-key-attempts-per-minute:20}") int failedPerMinute) {
    FilterRegistrationBean<ApiKeyFilter> registration =
        new FilterRegistrationBean<>(
            new ApiKeyFilter(tenants, resolver, meters, failedPerMinute, InstantSource.system()));
    registration.addUrlPatterns(API_PATTERN);
    registration.setName("apiKeyFilter");
    return registration;
  }
}
