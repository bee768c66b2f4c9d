package org.bonafide.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers that confine a page the service serves: its content security policy and permissions,
 * {@code X-Frame-Options: DENY} for browsers that predate {@code frame-ancestors} when the policy
 * forbids framing, no referrer, and revalidation on every load (the pages are small; a fix reaches
 * every visitor at once). {@link SecurityHeaders} adds {@code nosniff} to these as to every response.
 */
final class PageHeaders extends OncePerRequestFilter {
  private final String contentSecurityPolicy;
  private final String permissionsPolicy;
  private final boolean noFraming;

  PageHeaders(String contentSecurityPolicy, String permissionsPolicy) {
    this.contentSecurityPolicy = contentSecurityPolicy;
    this.permissionsPolicy = permissionsPolicy;
    this.noFraming = contentSecurityPolicy.contains("frame-ancestors 'none'");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    response.setHeader("Permissions-Policy", permissionsPolicy);
    response.setHeader("Referrer-Policy", "no-referrer");
    if (noFraming) {
      response.setHeader("X-Frame-Options", "DENY");
    }
    response.setHeader("Cache-Control", "no-cache");
    chain.doFilter(request, response);
  }
}
