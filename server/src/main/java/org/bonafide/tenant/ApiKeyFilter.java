package org.bonafide.tenant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Requires {@code Authorization: Bearer <api key>} and puts the key's tenant on the request. A
 * refusal goes through the MVC exception resolvers, so it is the same problem document every other
 * error is. A request that an earlier filter already authenticated (the session module's capture
 * tokens, on the capture endpoints only) passes unchanged.
 */
final class ApiKeyFilter extends OncePerRequestFilter {
  private final ObjectProvider<TenantService> tenants;
  private final ObjectProvider<HandlerExceptionResolver> resolver;

  /** Both are looked up on first use: filters are built before the rest of the context. */
  ApiKeyFilter(ObjectProvider<TenantService> tenants, ObjectProvider<HandlerExceptionResolver> resolver) {
    this.tenants = tenants;
    this.resolver = resolver;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getAttribute(TenantId.REQUEST_ATTRIBUTE) != null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<String> token = ApiKeys.bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (token.isEmpty()) {
      reject(request, response, "Send an API key as 'Authorization: Bearer <key>'.");
      return;
    }
    Optional<Tenant> tenant = tenants.getObject().authenticate(token.get());
    if (tenant.isEmpty()) {
      reject(request, response, "The API key is not valid, or it has been revoked.");
      return;
    }
    request.setAttribute(TenantId.REQUEST_ATTRIBUTE, tenant.get().id());
    chain.doFilter(request, response);
  }

  private void reject(HttpServletRequest request, HttpServletResponse response, String detail)
      throws IOException {
    ModelAndView handled =
        resolver
            .getObject()
            .resolveException(request, response, null, new BonafideException(ErrorCode.UNAUTHENTICATED, detail));
    if (handled == null) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, detail);
    }
  }
}
