/**
 * The HTTP conventions every module shares: errors as RFC 9457 {@code application/problem+json}
 * with a stable {@code code} from {@link org.bonafide.shared.ErrorCode}, rendered in one place for
 * {@link org.bonafide.shared.BonafideException}, Spring MVC's own exceptions and anything the
 * servlet container routes to its error page; the OpenAPI document ({@code /v3/api-docs},
 * browsable at {@code /swagger-ui}); and the capture page's address ({@code /capture/}) and
 * headers (its files are static resources; docs/capture.md).
 *
 * <p>Entry points: none to call. Modules throw {@code BonafideException}; this module turns it into
 * a response.
 */
package org.bonafide.web;
