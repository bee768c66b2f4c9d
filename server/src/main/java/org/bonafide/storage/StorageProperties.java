package org.bonafide.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Database settings.
 *
 * @param dataDir folder for everything the service keeps on disk ({@code bonafide.data-dir}); the
 *     embedded PostgreSQL lives in its {@code postgres} subfolder
 * @param db external database and embedded port
 */
@ConfigurationProperties("bonafide")
record StorageProperties(Path dataDir, Db db) {
  StorageProperties {
    dataDir = dataDir == null ? Path.of("data") : dataDir;
    db = db == null ? new Db(null, null, null, 0) : db;
  }

  /**
   * @param url JDBC URL of an external PostgreSQL ({@code jdbc:postgresql://...}); empty for the
   *     embedded one
   * @param user user for the external database
   * @param password password for the external database
   * @param embeddedPort port of the embedded PostgreSQL; 0 picks a free one
   */
  record Db(String url, String user, String password, int embeddedPort) {
    boolean external() {
      return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
      return "Db[url=" + url + ", user=" + user + ", password=" + (password == null ? "null" : "***")
          + ", embeddedPort=" + embeddedPort + "]";
    }
  }

  Path postgresDirectory() {
    return dataDir.resolve("postgres");
  }
}
