package org.bonafide.tenant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
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
      @Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> resolver) {
    FilterRegistrationBean<ApiKeyFilter> registration =
        new FilterRegistrationBean<>(new ApiKeyFilter(tenants, resolver));
    registration.addUrlPatterns(API_PATTERN);
    registration.setName("apiKeyFilter");
    return registration;
  }
}
