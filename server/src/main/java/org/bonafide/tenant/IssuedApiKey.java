package org.bonafide.tenant;

import java.time.Instant;
import java.util.UUID;
import org.bonafide.shared.TenantId;

/**
 * A newly issued API key. {@link #key()} is the secret itself: it exists only in this object and is
 * never stored, so the caller must hand it over now or lose it.
 *
 * @param id the key's id, to revoke it later
 * @param tenantId the tenant the key authenticates as
 * @param key the secret, {@code bfk_} followed by 43 base64url characters
 * @param prefix the key's first characters, safe to display
 * @param createdAt when it was issued
 */
public record IssuedApiKey(UUID id, TenantId tenantId, String key, String prefix, Instant createdAt) {
  @Override
  public String toString() {
    // keeps the secret out of logs and assertion messages
    return "IssuedApiKey[id=" + id + ", tenantId=" + tenantId + ", prefix=" + prefix + "]";
  }
}
