package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bonafide.Application;
import org.bonafide.tenant.Tenant;
import org.bonafide.tenant.TenantService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** {@code tenant create} on a real embedded PostgreSQL, as an operator would run it. */
class TenantCommandIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void forgetDataDir() {
    System.clearProperty("bonafide.data-dir");
  }

  private int run(String... args) {
    return Cli.run(
        args,
        new CommandContext(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            settings -> {
              throw new AssertionError("tenant create must not load the face models");
            },
            System::nanoTime,
            Application.class));
  }

  private JsonNode lastLine() {
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    return Json.MAPPER.readTree(lines[lines.length - 1]);
  }

  @Test
  void createsATenantWhoseKeyAuthenticates() throws IOException {
    Path root = Files.createDirectories(Path.of("target", "cli-data"));
    System.setProperty("bonafide.data-dir", Files.createTempDirectory(root, "tenant-").toString());

    assertThat(run("tenant", "create", "--name", "Bank of Tests")).isZero();
    JsonNode created = lastLine();
    String key = created.path("key").asString();
    assertThat(key).startsWith("bfk_");
    assertThat(created.path("name").asString()).isEqualTo("Bank of Tests");
    assertThat(key).startsWith(created.path("keyPrefix").asString());

    try (ConfigurableApplicationContext context = TenantCommand.openContext(Application.class)) {
      TenantService tenants = context.getBean(TenantService.class);
      assertThat(tenants.authenticate(key)).map(Tenant::name).contains("Bank of Tests");
      assertThat(tenants.authenticate(key + "x")).isEmpty();
      // the command turned the development key off: the only tenant is the one it created
      assertThat(tenants.countTenants()).isEqualTo(1);
    }
  }

  @Test
  void refusesACreateWithoutName() {
    assertThat(run("tenant", "create")).isEqualTo(Cli.BAD_INPUT);
    assertThat(lastLine().path("error").asString()).isEqualTo("validation-failed");
    assertThat(run("tenant", "delete")).isEqualTo(Cli.BAD_INPUT);
  }
}
