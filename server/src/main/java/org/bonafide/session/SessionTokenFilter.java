package org.bonafide.session;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bonafide.shared.TenantId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the capture page's and apps' session tokens, on the capture endpoints only, before
 * the API-key filter: the tenant goes on the request as for an API key, with the {@link
 * SessionCredential} beside it so the endpoint can check which session and which token it is. A
 * session token anywhere else, or an unknown one, is left to the API-key filter, which refuses it.
 */
final class SessionTokenFilter extends OncePerRequestFilter {
  private static final Pattern CAPTURE_PATH =
      Pattern.compile("/v1/sessions/[0-9a-fA-F-]{36}/(capture|preview|frames|submit|capture-status)");
  private static final String BEARER = "bearer ";

  private final ObjectProvider<SessionRepository> sessions;

  SessionTokenFilter(ObjectProvider<SessionRepository> sessions) {
    this.sessions = sessions;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null
        && authorization.length() > BEARER.length()
        && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)
        && CAPTURE_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches()) {
      String token = authorization.substring(BEARER.length()).trim();
      if (SessionTokens.isSessionToken(token)) {
        byte[] hash = SessionTokens.hash(token);
        sessions
            .getObject()
            .findByToken(hash)
            .ifPresent(
                session -> {
                  SessionCredential.Kind kind =
                      token.startsWith(SessionTokens.CAPTURE_PREFIX)
                          ? SessionCredential.Kind.CAPTURE
                          : SessionCredential.Kind.UPLOAD;
                  request.setAttribute(TenantId.REQUEST_ATTRIBUTE, session.getValue());
                  request.setAttribute(
                      SessionCredential.REQUEST_ATTRIBUTE, new SessionCredential(session.getKey(), kind));
                });
      }
    }
    chain.doFilter(request, response);
  }
}
