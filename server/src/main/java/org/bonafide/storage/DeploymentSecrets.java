package org.bonafide.storage;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.InstantSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Secrets a deployment generates for itself when the operator configured none (for example the key
 * that signs challenges), kept in the database so that every restart and every instance on the
 * same database uses the same one.
 */
@Component
public class DeploymentSecrets {
  private final JdbcClient jdbc;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();

  DeploymentSecrets(JdbcClient jdbc, InstantSource clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The secret of this name, made (32 random bytes) and stored on first use. */
  public byte[] getOrCreate(String name) {
    byte[] fresh = new byte[32];
    random.nextBytes(fresh);
    // concurrent first uses agree: only one insert wins, and everyone reads the winner
    jdbc.sql(
            "INSERT INTO deployment_secrets (name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")
        .params(name, fresh, Timestamp.from(clock.instant()))
        .update();
    return jdbc.sql("SELECT secret FROM deployment_secrets WHERE name = ?").param(name).query(byte[].class).single();
  }
}
