package org.bonafide.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the capture page (static files under {@code static/capture/}) at {@code /capture/}, the
 * address session capture URLs point to, with headers that confine it: scripts, styles and calls
 * only from this origin, the camera for this origin only, no referrer (the capture token travels in
 * the URL fragment, which browsers never send, and must not leak through anything else), and no
 * framing by other sites.
 */
@Configuration(proxyBeanMethods = false)
class CapturePageConfiguration implements WebMvcConfigurer {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
          + " media-src 'self' blob: mediastream:; connect-src 'self'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/capture/").setViewName("forward:/capture/index.html");
    registry.addRedirectViewController("/capture", "/capture/");
  }

  @Bean
  FilterRegistrationBean<PageHeaders> capturePageHeaders() {
    FilterRegistrationBean<PageHeaders> registration =
        new FilterRegistrationBean<>(new PageHeaders(CONTENT_SECURITY_POLICY, "camera=(self), microphone=(), geolocation=()"));
    registration.addUrlPatterns("/capture", "/capture/*");
    registration.setName("capturePageHeaders");
    return registration;
  }
}
