package org.bonafide.tenant;

import java.time.Instant;
import org.bonafide.shared.TenantId;

/** An institution that calls the API; everything it stores is visible to it alone. */
public record Tenant(TenantId id, String name, Instant createdAt) {}
