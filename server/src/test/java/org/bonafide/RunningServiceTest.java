package org.bonafide;

import java.nio.file.Path;
import org.bonafide.tenant.IssuedApiKey;
import org.bonafide.tenant.Tenant;
import org.bonafide.tenant.TenantService;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real service on a random port, with an embedded PostgreSQL in a fresh data directory. Every
 * integration test class that extends this shares one running service (Spring's context cache),
 * so the models and the database start once per build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClock.Configuration.class)
abstract class RunningServiceTest {
  private static final Path DATA_DIR = TestDataDirs.fresh("service");

  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) {
    registry.add("bonafide.data-dir", DATA_DIR::toString);
    // the test clock stands still, so a per-minute limit would never refill: every test class
    // shares this service and its address; ApiKeyFilterTest tests the throttle itself
    registry.add("bonafide.api.failed-key-attempts-per-minute", () -> "1000000");
  }

  @LocalServerPort int port;

  @Autowired TenantService tenants;

  @Autowired TestClock clock;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  /** A new tenant and a key for it; tests use their own tenants, so they cannot see each other. */
  IssuedApiKey newTenantKey(String name) {
    Tenant tenant = tenants.createTenant(name);
    return tenants.issueKey(tenant.id());
  }
}
