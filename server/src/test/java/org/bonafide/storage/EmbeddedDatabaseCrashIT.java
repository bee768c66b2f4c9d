package org.bonafide.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.bonafide.Application;
import org.bonafide.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded PostgreSQL killed under a running service (SIGKILL): requests meanwhile get 503
 * database-unavailable with Retry-After, never a 500, and the service starts the server again on
 * the same port and data, after which the same requests succeed. It used to answer 500 after 30 s
 * forever.
 */
@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDatabaseCrashIT {
  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) throws Exception {
    Path dir = java.nio.file.Files.createTempDirectory("crash-pg");
    registry.add("bonafide.data-dir", dir::toString);
    registry.add("bonafide.db.url", () -> "");
    registry.add("bonafide.db.pool.connection-timeout", () -> "2000");
  }

  @LocalServerPort int port;

  @Autowired EmbeddedPostgresServer server;

  @Autowired TenantService tenants;

  private HttpResponse<String> get(String key) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/sessions/" + java.util.UUID.randomUUID()))
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(60))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aKilledDatabaseIsStartedAgainAndRequestsMeanwhileGet503() throws Exception {
    String key = tenants.issueKey(tenants.createTenant("crash").id()).key();
    assertThat(get(key).statusCode()).isEqualTo(404); // authenticated, no such session
    long pid = server.serverPid();
    assertThat(pid).isPositive();
    new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();

    boolean saw503 = false;
    boolean back = false;
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline && !back) {
      HttpResponse<String> reply = get(key);
      assertThat(reply.statusCode()).as(reply.body()).isIn(404, 503);
      if (reply.statusCode() == 503) {
        saw503 = true;
        assertThat(reply.body()).contains("database-unavailable");
        assertThat(reply.headers().firstValue("Retry-After")).isPresent();
      } else {
        back = true;
      }
      Thread.sleep(200);
    }
    assertThat(back).as("the database is back").isTrue();
    assertThat(server.serverPid()).isNotEqualTo(pid);
    System.out.println("[crash] 503 seen while the database was down: " + saw503);
  }
}
