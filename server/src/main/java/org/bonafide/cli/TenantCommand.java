package org.bonafide.cli;

import java.util.List;
import java.util.Set;
import org.bonafide.tenant.IssuedApiKey;
import org.bonafide.tenant.Tenant;
import org.bonafide.tenant.TenantService;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tenant create --name NAME}: creates a tenant (an institution) and its first API key in the
 * configured database, the way an operator of an external PostgreSQL gets a first key. The key is
 * printed once, in the JSON result, and stored only as a hash.
 *
 * <p>It opens the same database the service would ({@code BONAFIDE_DB_URL}, or the embedded one in
 * {@code BONAFIDE_DATA_DIR}) and applies pending migrations. The embedded database can be opened by
 * one process at a time: stop the service first, or use an external database.
 *
 * <p>Public for {@code eval rings}, which opens the service's database as this command does.
 */
public final class TenantCommand {
  static final Set<String> OPTIONS = Set.of("name");

  private TenantCommand() {}

  static ObjectNode run(List<String> rest, CommandContext ctx) {
    if (rest.isEmpty() || !rest.get(0).equals("create")) {
      throw Args.usage("tenant needs an action: tenant create --name NAME.");
    }
    Args args = Args.parse("tenant create", rest.subList(1, rest.size()), OPTIONS);
    args.expectPositionals(0, "no positional arguments");
    String name = args.required("name", "NAME (the institution's name, for people)");
    ctx.err().println("[bonafide] opening the database");
    try (ConfigurableApplicationContext context = openContext(ctx.application())) {
      TenantService tenants = context.getBean(TenantService.class);
      Tenant tenant = tenants.createTenant(name);
      IssuedApiKey key = tenants.issueKey(tenant.id());
      ctx.err().println("[bonafide] tenant created; the key below is shown this once");
      ObjectNode out = Json.object();
      out.put("tenantId", tenant.id().value().toString());
      out.put("name", tenant.name());
      out.put("createdAt", tenant.createdAt().toString());
      out.put("keyId", key.id().toString());
      out.put("keyPrefix", key.prefix());
      out.put("key", key.key());
      return out;
    }
  }

  /**
   * The service's context without its web server, models loaded lazily, no development key;
   * {@code arguments} ({@code --name=value}) outrank the configuration files, as on a command line.
   */
  public static ConfigurableApplicationContext openContext(Class<?> application, String... arguments) {
    if (application == null) {
      throw new IllegalStateException("commands that open the database need the service's application class");
    }
    return new SpringApplicationBuilder(application)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .properties("bonafide.development-key=false", "logging.level.root=WARN")
        .run(arguments);
  }
}
