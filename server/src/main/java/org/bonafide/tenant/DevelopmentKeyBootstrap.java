package org.bonafide.tenant;

import java.io.PrintStream;
import java.util.Optional;
import org.bonafide.storage.DatabaseInfo;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a fresh development install usable at once: when the embedded database holds no tenant, it
 * creates a "Development" tenant and prints its API key once on standard output. The key is never
 * logged, so it is shown on that one start only; an external database never gets one (use the
 * {@code tenant create} command). {@code bonafide.development-key=false} turns it off.
 */
@Component
@ConditionalOnProperty(prefix = "bonafide", name = "development-key", havingValue = "true", matchIfMissing = true)
class DevelopmentKeyBootstrap implements ApplicationRunner {
  static final String BANNER_TITLE = "Bonafide development API key";

  private final TenantService tenants;
  private final DatabaseInfo database;
  private final TransactionTemplate transaction;
  private final PrintStream out;

  DevelopmentKeyBootstrap(TenantService tenants, DatabaseInfo database, TransactionTemplate transaction) {
    this.tenants = tenants;
    this.database = database;
    this.transaction = transaction;
    // standard output, not a logger: log files are kept and shipped; the key must not be
    this.out = System.out;
  }

  @Override
  public void run(ApplicationArguments args) {
    createIfEmpty().ifPresent(this::print);
  }

  Optional<IssuedApiKey> createIfEmpty() {
    if (!database.embedded()) {
      return Optional.empty();
    }
    return transaction.execute(
        status -> {
          if (tenants.countTenants() > 0) {
            return Optional.empty();
          }
          Tenant tenant = tenants.createTenant("Development");
          return Optional.of(tenants.issueKey(tenant.id()));
        });
  }

  private void print(IssuedApiKey key) {
    String rule = "=".repeat(78);
    // one println, so the block is not interleaved with log lines from other threads
    out.println(
        "\n"
            + rule
            + "\n  "
            + BANNER_TITLE
            + " (shown this once; it is stored only as a hash):\n\n      "
            + key.key()
            + "\n\n  Tenant \"Development\" "
            + key.tenantId()
            + ", embedded database in "
            + database.location()
            + "\n  Send it as:  Authorization: Bearer "
            + key.key()
            + "\n"
            + rule
            + "\n");
    out.flush();
  }
}
