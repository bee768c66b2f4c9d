package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.bonafide.tenant.TenantService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** POST /v1/payments/assess and the tenant's versioned rules over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PaymentProtectionIT {
  private static final Path DATA_DIR = TestDataDirs.fresh("payment-protection");

  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) {
    registry.add("bonafide.data-dir", DATA_DIR::toString);
  }

  @LocalServerPort int port;

  @Autowired TenantService tenants;

  @Autowired JdbcClient jdbc;

  private String key(String name) {
    return tenants.issueKey(tenants.createTenant(name).id()).key();
  }

  private ApiClient.Reply post(String path, String key, String json) {
    return new ApiClient(port).post(path, key, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private ApiClient.Reply put(String key, String json) {
    return new ApiClient(port).put("/v1/payment-rules", key, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** A weekday afternoon in Hong Kong, recent enough to be accepted. */
  private static String afternoon() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.DAYS);
    Instant at = now;
    while (true) {
      java.time.ZonedDateTime local = at.atZone(java.time.ZoneId.of("Asia/Hong_Kong"));
      if (local.getDayOfWeek().getValue() <= 5 && !at.isAfter(Instant.now())) {
        return local.withHour(14).toInstant().toString();
      }
      at = at.minus(1, ChronoUnit.DAYS);
    }
  }

  private JsonNode assess(String key, String extra) {
    String body =
        "{\"payee\":[{\"kind\":\"bank-account\",\"value\":\"024:" + (100000000 + (int) (Math.random() * 800000000)) + "\"}],"
            + "\"amount\":800,\"currency\":\"HKD\",\"channel\":\"fps\",\"time\":\"" + afternoon() + "\"" + extra + "}";
    ApiClient.Reply reply = post("/v1/payments/assess", key, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  @Test
  void theLadderFromAllowToBlock() {
    String bank = key("payments ladder bank");
    JsonNode ordinary = assess(bank, "");
    assertThat(ordinary.path("outcome").asString()).isEqualTo("allow");
    assertThat(ordinary.path("rulesVersion").asInt()).isZero();

    JsonNode coached = assess(bank, ",\"newPayee\":true,\"onCall\":true,\"payer\":{\"ageBand\":\"65-plus\",\"balance\":1000}");
    assertThat(coached.path("outcome").asString()).isEqualTo("hold");
    assertThat(coached.path("reasons").toString()).contains("on-call");
    assertThat(coached.path("warning").path("zh-Hant").asString()).contains("暫停");

    JsonNode rising =
        assess(
            bank,
            ",\"amount\":9000,\"recentTransfers\":[{\"amount\":2000,\"time\":\"" + Instant.parse(afternoon()).minusSeconds(7200)
                + "\"},{\"amount\":5000,\"time\":\"" + Instant.parse(afternoon()).minusSeconds(3600) + "\"}]");
    assertThat(rising.path("outcome").asString()).isEqualTo("confirm");
    assertThat(rising.path("coolingOffMinutes").asInt()).isEqualTo(30);
    assertThat(rising.path("facts").path("transfers_24h").asInt()).isEqualTo(3);
    assertThat(rising.path("reasons").toString()).contains("rising-amounts");

    // a payee two institutions reported is blocked
    String mule = "024:987654321";
    post("/v1/reports", key("payments reporter 1"), "{\"kind\":\"bank-account\",\"value\":\"" + mule + "\",\"category\":\"mule-account\"}");
    post("/v1/reports", key("payments reporter 2"), "{\"kind\":\"bank-account\",\"value\":\"" + mule + "\"}");
    ApiClient.Reply blocked =
        post("/v1/payments/assess", bank, "{\"payee\":[{\"kind\":\"bank-account\",\"value\":\"" + mule + "\"}],\"amount\":500,\"currency\":\"HKD\"}");
    assertThat(blocked.json().path("outcome").asString()).as(blocked.body()).isEqualTo("block");
    assertThat(blocked.json().path("payee").get(0).path("risk").asString()).isEqualTo("high");
    assertThat(jdbc.sql("SELECT count(*) FROM payment_assessments").query(Long.class).single()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void rulesAreVersionedPerTenantAndEveryOutcomeNamesItsVersion() {
    String bank = key("payments rules bank");
    String other = key("payments rules other");
    String rules =
        "{\"coolingOffMinutes\":60,\"rules\":[{\"id\":\"any-fps-over-500\",\"when\":\"channel == 'fps' && amount > 500.0\","
            + "\"outcome\":\"confirm\",\"reason\":\"large-fps\"}]}";
    ApiClient.Reply stored = put(bank, rules);
    assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    assertThat(stored.json().path("version").asInt()).isEqualTo(1);
    JsonNode outcome = assess(bank, "");
    assertThat(outcome.path("outcome").asString()).isEqualTo("confirm");
    assertThat(outcome.path("coolingOffMinutes").asInt()).isEqualTo(60);
    assertThat(outcome.path("rulesVersion").asInt()).isEqualTo(1);
    assertThat(put(bank, rules.replace("500.0", "5000.0")).json().path("version").asInt()).isEqualTo(2);
    assertThat(assess(bank, "").path("outcome").asString()).isEqualTo("allow");
    assertThat(new ApiClient(port).get("/v1/payment-rules", bank).json().path("version").asInt()).isEqualTo(2);
    // another tenant keeps the built-in rules
    assertThat(assess(other, "").path("rulesVersion").asInt()).isZero();
    // a rule that does not compile stores nothing
    JsonNode refused =
        put(bank, "{\"rules\":[{\"id\":\"typo\",\"when\":\"amout > 1.0\",\"outcome\":\"block\",\"reason\":\"x\"}]}").problem(400, "validation-failed");
    assertThat(refused.path("rule").asString()).isEqualTo("typo");
    assertThat(new ApiClient(port).get("/v1/payment-rules", bank).json().path("version").asInt()).isEqualTo(2);
  }

  @Test
  void absurdOrMalformedTransfersAreRefused() {
    String bank = key("payments bad input bank");
    String payee = "\"payee\":[{\"kind\":\"phone\",\"value\":\"91234567\"}]";
    post("/v1/payments/assess", bank, "{" + payee + ",\"amount\":1e15,\"currency\":\"HKD\"}").problem(400, "validation-failed");
    post("/v1/payments/assess", bank, "{" + payee + ",\"amount\":-5,\"currency\":\"HKD\"}").problem(400, "validation-failed");
    post("/v1/payments/assess", bank, "{" + payee + ",\"amount\":5,\"currency\":\"dollars\"}").problem(400, "validation-failed");
    post("/v1/payments/assess", bank, "{" + payee + ",\"amount\":5,\"currency\":\"HKD\",\"channel\":\"pigeon\"}").problem(400, "validation-failed");
    post("/v1/payments/assess", bank, "{\"payee\":[],\"amount\":5,\"currency\":\"HKD\"}").problem(400, "validation-failed");
    post("/v1/payments/assess", bank, "{" + payee + ",\"amount\":5,\"currency\":\"HKD\",\"payer\":{\"ageBand\":\"ancient\"}}").problem(400, "validation-failed");
    post("/v1/payments/assess", bank, "{" + payee + ",\"amount\":5,\"currency\":\"HKD\",\"time\":\"1999-01-01T00:00:00Z\"}").problem(400, "validation-failed");
    post("/v1/payments/assess", bank, "{" + payee + ",\"amount\":\"lots\",\"currency\":\"HKD\"}").problem(400, "validation-failed");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 201; i++) {
      many.append(i == 0 ? "" : ",").append("{\"amount\":1,\"time\":\"").append(afternoon()).append("\"}");
    }
    post("/v1/payments/assess", bank, "{" + payee + ",\"amount\":5,\"currency\":\"HKD\",\"recentTransfers\":[" + many + "]}")
        .problem(400, "validation-failed");
  }
}
