package org.bonafide.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every response: {@code X-Content-Type-Options: nosniff} (API answers and evidence
 * images are never to be sniffed into something else); {@code Strict-Transport-Security} when the
 * request came over TLS, directly or through a proxy that says so with {@code X-Forwarded-Proto:
 * https} (browsers ignore the header on plain HTTP, so a forged one gains nothing). Swagger UI and
 * the OpenAPI document get {@link PageHeaders}, as the capture and check pages do, with a content
 * security policy that allows only this origin's scripts and no framing.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {
  static final String HSTS = "max-age=31536000; includeSubDomains";
  static final String SWAGGER_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'";

  @Bean
  FilterRegistrationBean<Filter> securityHeadersFilter() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter());
    registration.addUrlPatterns("/*");
    registration.setName("securityHeaders");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<PageHeaders> swaggerPageHeaders() {
    FilterRegistrationBean<PageHeaders> registration =
        new FilterRegistrationBean<>(new PageHeaders(SWAGGER_CSP, "camera=(), microphone=(), geolocation=()"));
    registration.addUrlPatterns("/swagger-ui/*", "/swagger-ui.html", "/v3/api-docs", "/v3/api-docs/*");
    registration.setName("swaggerPageHeaders");
    return registration;
  }

  static final class Filter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      response.setHeader("X-Content-Type-Options", "nosniff");
      if (request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"))) {
        response.setHeader("Strict-Transport-Security", HSTS);
      }
      chain.doFilter(request, response);
    }
  }
}
