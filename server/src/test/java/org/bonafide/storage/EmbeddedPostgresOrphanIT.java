package org.bonafide.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * After the service is killed (SIGKILL, as kill -9), its embedded PostgreSQL lives on as an orphan;
 * the next start stops it and serves the same data. It used to fail on every restart ("lock file
 * postmaster.pid already exists") until someone killed the orphan by hand. A server that a live
 * process serves is never touched.
 */
class EmbeddedPostgresOrphanIT {
  @Test
  void aRestartAfterAKillStopsTheOrphanAndKeepsTheData() throws Exception {
    Path dir = Files.createTempDirectory("orphan-pg").resolve("postgres");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanedServerMaker.class.getName(), dir.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    boolean ready = false;
    while ((line = out.readLine()) != null) {
      if (line.equals("ready")) {
        ready = true;
        break;
      }
    }
    assertThat(ready).as("the child started its server").isTrue();
    long orphan = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the server outlives its service").contains(true);

    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir, 0)) {
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).as("the orphan was stopped").isFalse();
      try (Connection c = DriverManager.getConnection(server.jdbcUrl());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT name FROM survivors")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("written before the crash");
      }
      // a live owner's server is left alone: a second start on the folder fails and this one serves on
      assertThatThrownBy(() -> EmbeddedPostgresServer.start(dir, 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another Bonafide process");
      try (Connection c = DriverManager.getConnection(server.jdbcUrl());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM survivors")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(1);
      }
    }
    assertThat(EmbeddedPostgresServer.ownerLockFile(dir)).exists();
  }
}
