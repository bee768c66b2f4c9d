package org.bonafide.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers that confine a page the service serves to the public: its content security policy
 * and permissions, no referrer, no content sniffing, and revalidation on every load (the pages are
 * small; a fix reaches every visitor at once).
 */
final class PageHeaders extends OncePerRequestFilter {
  private final String contentSecurityPolicy;
  private final String permissionsPolicy;

  PageHeaders(String contentSecurityPolicy, String permissionsPolicy) {
    this.contentSecurityPolicy = contentSecurityPolicy;
    this.permissionsPolicy = permissionsPolicy;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    response.setHeader("Permissions-Policy", permissionsPolicy);
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-cache");
    chain.doFilter(request, response);
  }
}
