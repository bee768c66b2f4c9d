package org.bonafide.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the public check page (static files under {@code static/check/}) at {@code /check/}: no
 * login, scripts, styles and calls from this origin only, no camera, no referrer, no framing.
 */
@Configuration(proxyBeanMethods = false)
class CheckPageConfiguration implements WebMvcConfigurer {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/check/").setViewName("forward:/check/index.html");
    registry.addRedirectViewController("/check", "/check/");
  }

  @Bean
  FilterRegistrationBean<PageHeaders> checkPageHeaders() {
    FilterRegistrationBean<PageHeaders> registration =
        new FilterRegistrationBean<>(new PageHeaders(CONTENT_SECURITY_POLICY, "camera=(), microphone=(), geolocation=()"));
    registration.addUrlPatterns("/check", "/check/*");
    registration.setName("checkPageHeaders");
    return registration;
  }
}
