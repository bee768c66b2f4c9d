package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bonafide.storage.DatabaseInfo;
import org.bonafide.tenant.IssuedApiKey;
import org.bonafide.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With {@code bonafide.db.url} set the service uses that PostgreSQL and starts none of its own.
 * The "external" server here is a separate PostgreSQL process the test starts itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExternalDatabaseIT {
  @Test
  void usesTheConfiguredPostgresAndCreatesNoDevelopmentKey(CapturedOutput output) throws IOException {
    Path externalData = TestDataDirs.fresh("external-server");
    Path serviceData = TestDataDirs.fresh("external-client");
    try (EmbeddedPostgres external =
        EmbeddedPostgres.builder().setDataDirectory(externalData).setCleanDataDirectory(false).start()) {
      String url = "jdbc:postgresql://localhost:" + external.getPort() + "/postgres";

      try (ConfigurableApplicationContext service =
          new SpringApplicationBuilder(Application.class)
              .web(WebApplicationType.NONE)
              .run(
                  "--bonafide.data-dir=" + serviceData,
                  "--bonafide.db.url=" + url,
                  "--bonafide.db.user=postgres",
                  "--bonafide.db.password=")) {
        DatabaseInfo database = service.getBean(DatabaseInfo.class);
        assertThat(database.embedded()).isFalse();
        assertThat(database.location()).isEqualTo(url);
        TenantService tenants = service.getBean(TenantService.class);
        IssuedApiKey key = tenants.issueKey(tenants.createTenant("External").id());

        // the tenant landed in the external server, read here over a connection of our own
        long stored =
            JdbcClient.create(external.getPostgresDatabase())
                .sql("SELECT count(*) FROM tenants WHERE id = ?")
                .param(key.tenantId().value())
                .query(Long.class)
                .single();
        assertThat(stored).isEqualTo(1);
      }
    }
    assertThat(Files.exists(serviceData.resolve("postgres"))).as("no embedded server started").isFalse();
    assertThat(output.getOut()).doesNotContain("Bonafide development API key");
  }
}
