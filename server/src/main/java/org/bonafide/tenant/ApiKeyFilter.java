package org.bonafide.tenant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import io.micrometer.core.instrument.MeterRegistry;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.RateLimiter;
import org.bonafide.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>Failed attempts (no key, or a key that is not valid) are counted per client address: past
 * {@code failedPerMinute} of them a minute the address gets {@code 429 rate-limited} with {@code
 * Retry-After} before any key it sends is looked up, so guessing keys costs the database nothing.
 * Every failure is counted in {@code bonafide.api.key.failures} (tag {@code reason}: missing,
 * invalid, throttled), and logged at WARN, at most once a minute per address.
 */
final class ApiKeyFilter extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

  private final ObjectProvider<TenantService> tenants;
  private final ObjectProvider<HandlerExceptionResolver> resolver;
  private final ObjectProvider<MeterRegistry> meters;
  private final RateLimiter failures;
  private final RateLimiter logged;

  /** The providers are looked up on first use: filters are built before the rest of the context. */
  ApiKeyFilter(
      ObjectProvider<TenantService> tenants,
      ObjectProvider<HandlerExceptionResolver> resolver,
      ObjectProvider<MeterRegistry> meters,
      int failedPerMinute,
      InstantSource clock) {
    this.tenants = tenants;
    this.resolver = resolver;
    this.meters = meters;
    this.failures = new RateLimiter(failedPerMinute, clock);
    this.logged = new RateLimiter(1, clock);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getAttribute(TenantId.REQUEST_ATTRIBUTE) != null) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    long wait = failures.waitSeconds(address);
    if (wait > 0) {
      failed(address, "throttled");
      refuse(
          request,
          response,
          new BonafideException(
              ErrorCode.RATE_LIMITED,
              "Too many failed API-key attempts from this address; try again in " + wait + " seconds.",
              Map.of(BonafideException.RETRY_AFTER_SECONDS, wait)));
      return;
    }
    Optional<String> token = ApiKeys.bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (token.isEmpty()) {
      failures.tryAcquire(address);
      failed(address, "missing");
      reject(request, response, "Send an API key as 'Authorization: Bearer <key>'.");
      return;
    }
    Optional<Tenant> tenant;
    try {
      tenant = tenants.getObject().authenticate(token.get());
    } catch (RuntimeException e) {
      // the database out of reach: the same problem document (503) any request gets for it
      refuse(request, response, e);
      return;
    }
    if (tenant.isEmpty()) {
      failures.tryAcquire(address);
      failed(address, "invalid");
      reject(request, response, "The API key is not valid, or it has been revoked.");
      return;
    }
    request.setAttribute(TenantId.REQUEST_ATTRIBUTE, tenant.get().id());
    chain.doFilter(request, response);
  }

  private void failed(String address, String reason) {
    MeterRegistry registry = meters.getIfAvailable();
    if (registry != null) {
      registry.counter("bonafide.api.key.failures", "reason", reason).increment();
    }
    if (logged.tryAcquire(address) == 0) {
      log.warn("API-key authentication failed from {} ({}); further failures from it are counted, not logged, for a minute",
          address, reason);
    }
  }

  private void reject(HttpServletRequest request, HttpServletResponse response, String detail)
      throws IOException {
    refuse(request, response, new BonafideException(ErrorCode.UNAUTHENTICATED, detail));
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, Exception refusal)
      throws IOException {
    ModelAndView handled = resolver.getObject().resolveException(request, response, null, refusal);
    if (handled == null) {
      if (!(refusal instanceof BonafideException known)) {
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The service cannot answer now.");
        return;
      }
      if (known.errorCode() == ErrorCode.UNAUTHENTICATED) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      }
      response.sendError(known.errorCode().status(), known.getMessage());
    }
  }
}
