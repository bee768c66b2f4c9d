package org.bonafide.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link EmbeddedPostgresOrphanIT}: starts the embedded server on a folder,
 * stores a row, says so, and waits to be killed (as kill -9 kills a service).
 */
public final class OrphanedServerMaker {
  private OrphanedServerMaker() {}

  public static void main(String[] args) throws Exception {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
    try (Connection c = DriverManager.getConnection(server.jdbcUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE survivors (name text)");
      s.execute("INSERT INTO survivors VALUES ('written before the crash')");
    }
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
