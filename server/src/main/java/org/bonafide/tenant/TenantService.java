package org.bonafide.tenant;

import static com.google.common.base.Preconditions.checkArgument;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates tenants and issues, checks and revokes their API keys. */
@Service
public class TenantService {
  private static final int MAX_NAME_LENGTH = 200;

  private final JdbcClient jdbc;
  private final InstantSource clock;
  private final SecureRandom random;

  TenantService(JdbcClient jdbc, InstantSource clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.random = new SecureRandom();
  }

  /** Creates a tenant; {@code name} is for people (1 to 200 characters), not unique. */
  @Transactional
  public Tenant createTenant(String name) {
    checkArgument(name != null && !name.isBlank(), "a tenant needs a name");
    String trimmed = name.strip();
    checkArgument(
        trimmed.length() <= MAX_NAME_LENGTH,
        "a tenant name has at most %s characters, was %s",
        MAX_NAME_LENGTH,
        trimmed.length());
    Tenant tenant = new Tenant(new TenantId(UUID.randomUUID()), trimmed, now());
    jdbc.sql("INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)")
        .params(tenant.id().value(), tenant.name(), Timestamp.from(tenant.createdAt()))
        .update();
    return tenant;
  }

  /**
   * Issues a new key for a tenant. The returned object holds the only copy of the secret.
   *
   * @throws BonafideException {@code not-found} when the tenant does not exist
   */
  @Transactional
  public IssuedApiKey issueKey(TenantId tenantId) {
    if (findTenant(tenantId).isEmpty()) {
      throw new BonafideException(
          ErrorCode.NOT_FOUND, "No tenant " + tenantId + " exists.", Map.of("tenantId", tenantId.toString()));
    }
    String key = ApiKeys.generate(random);
    IssuedApiKey issued =
        new IssuedApiKey(UUID.randomUUID(), tenantId, key, ApiKeys.displayPrefix(key), now());
    jdbc.sql(
            "INSERT INTO api_keys (id, tenant_id, key_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?)")
        .params(
            issued.id(),
            tenantId.value(),
            ApiKeys.hash(key),
            issued.prefix(),
            Timestamp.from(issued.createdAt()))
        .update();
    return issued;
  }

  /** The tenant a key belongs to, unless the key is malformed, unknown or revoked. */
  public Optional<Tenant> authenticate(String apiKey) {
    if (!ApiKeys.wellFormed(apiKey)) {
      return Optional.empty();
    }
    // Looked up by hash through a unique index: the comparison happens on SHA-256 values of
    // 256-bit secrets, so its timing tells an attacker nothing about any key.
    return jdbc.sql(
            "SELECT t.id, t.name, t.created_at FROM api_keys k JOIN tenants t ON t.id = k.tenant_id"
                + " WHERE k.key_hash = ? AND k.revoked_at IS NULL")
        .param(ApiKeys.hash(apiKey))
        .query(TenantService::tenant)
        .optional();
  }

  public Optional<Tenant> findTenant(TenantId id) {
    return jdbc.sql("SELECT id, name, created_at FROM tenants WHERE id = ?")
        .param(id.value())
        .query(TenantService::tenant)
        .optional();
  }

  /**
   * Revokes one of a tenant's keys; later calls with it get {@code 401}.
   *
   * @return false when the tenant has no such key, or it was already revoked
   */
  @Transactional
  public boolean revokeKey(TenantId tenantId, UUID keyId) {
    return jdbc.sql(
                "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL")
            .params(Timestamp.from(now()), keyId, tenantId.value())
            .update()
        == 1;
  }

  /** How many tenants exist (all of them; for operators and the first-start bootstrap). */
  public long countTenants() {
    return jdbc.sql("SELECT count(*) FROM tenants").query(Long.class).single();
  }

  /** PostgreSQL keeps microseconds; truncating here makes what we return equal what we stored. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static Tenant tenant(ResultSet rs, int row) throws SQLException {
    return new Tenant(
        new TenantId(rs.getObject("id", UUID.class)),
        rs.getString("name"),
        rs.getTimestamp("created_at").toInstant());
  }
}
