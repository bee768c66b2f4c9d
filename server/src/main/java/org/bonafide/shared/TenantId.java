package org.bonafide.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * The institution a request acts for. The API-key filter puts it on every authenticated request
 * under {@link #REQUEST_ATTRIBUTE}; controllers read it with
 * {@code @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant}, so no module needs to
 * depend on the one that authenticates.
 */
public record TenantId(UUID value) {
  /** Servlet request attribute holding the authenticated {@link TenantId}. */
  public static final String REQUEST_ATTRIBUTE = "org.bonafide.tenant";

  public TenantId {
    Objects.requireNonNull(value, "a tenant id needs a value");
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
