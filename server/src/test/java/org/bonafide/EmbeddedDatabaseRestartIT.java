package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bonafide.storage.DatabaseInfo;
import org.bonafide.tenant.IssuedApiKey;
import org.bonafide.tenant.Tenant;
import org.bonafide.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded PostgreSQL keeps its data across restarts of the service. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseRestartIT {
  private static final String BANNER = "Bonafide development API key";
  private static final Pattern KEY = Pattern.compile("bfk_[A-Za-z0-9_-]{43}");

  private static ConfigurableApplicationContext start(Path dataDir) {
    return new SpringApplicationBuilder(Application.class)
        .web(WebApplicationType.NONE)
        // arguments, not default properties: application.yml would override those
        .run("--bonafide.data-dir=" + dataDir, "--bonafide.db.url=");
  }

  @Test
  void dataSurvivesARestartAndTheDevelopmentKeyIsPrintedOnce(CapturedOutput output) {
    Path dataDir = TestDataDirs.fresh("restart");
    Tenant tenant;
    IssuedApiKey key;
    String developmentKey;

    try (ConfigurableApplicationContext first = start(dataDir)) {
      assertThat(first.getBean(DatabaseInfo.class).embedded()).isTrue();
      assertThat(countOf(output.getOut(), BANNER)).isEqualTo(1);
      Matcher printed = KEY.matcher(output.getOut());
      assertThat(printed.find()).as("a key is printed").isTrue();
      developmentKey = printed.group();

      TenantService tenants = first.getBean(TenantService.class);
      tenant = tenants.createTenant("Survives restarts");
      key = tenants.issueKey(tenant.id());
      JdbcClient jdbc = first.getBean(JdbcClient.class);
      // the library behind the embedded server turns these off by default; data must survive a crash
      assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
      assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
    }
    assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();

    try (ConfigurableApplicationContext second = start(dataDir)) {
      TenantService tenants = second.getBean(TenantService.class);
      assertThat(tenants.findTenant(tenant.id())).contains(tenant);
      assertThat(tenants.authenticate(key.key())).contains(tenant);
      assertThat(tenants.authenticate(developmentKey)).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("Development"));
      long tenantCount = second.getBean(JdbcClient.class).sql("SELECT count(*) FROM tenants").query(Long.class).single();
      assertThat(tenantCount).isEqualTo(2);
    }
    assertThat(countOf(output.getOut(), BANNER)).as("printed on the first start only").isEqualTo(1);
    assertThat(output.getAll()).doesNotContain(key.key());
  }

  private static int countOf(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      count++;
    }
    return count;
  }
}
