package org.bonafide.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
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
  FilterRegistrationBean<CapturePageHeaders> capturePageHeaders() {
    FilterRegistrationBean<CapturePageHeaders> registration = new FilterRegistrationBean<>(new CapturePageHeaders());
    registration.addUrlPatterns("/capture", "/capture/*");
    registration.setName("capturePageHeaders");
    return registration;
  }

  static final class CapturePageHeaders extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      response.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
      response.setHeader("Referrer-Policy", "no-referrer");
      response.setHeader("X-Content-Type-Options", "nosniff");
      // the page is small; revalidating every time means a fix reaches applicants at once
      response.setHeader("Cache-Control", "no-cache");
      chain.doFilter(request, response);
    }
  }
}
