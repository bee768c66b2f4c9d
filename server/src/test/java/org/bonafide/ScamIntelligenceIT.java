package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.bonafide.scamintel.ScamIntelligence;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Reports, checks and disputes of scam indicators over HTTP, across tenants. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScamIntelligenceIT {
  private static final Path DATA_DIR = TestDataDirs.fresh("scam-intelligence");
  // one stream for the class: each test method runs on a new instance
  private static final Random random = new Random(77);

  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) {
    registry.add("bonafide.data-dir", DATA_DIR::toString);
  }

  @LocalServerPort int port;

  @Autowired TenantService tenants;

  @Autowired ScamIntelligence intelligence;

  @Autowired JdbcClient jdbc;

  private String key(String name) {
    return tenants.issueKey(tenants.createTenant(name).id()).key();
  }

  /** A Hong Kong mobile number nobody else in this class uses, written as a person would. */
  private static String phone() {
    return String.format("912%d %04d", random.nextInt(10), random.nextInt(10_000));
  }

  private ApiClient.Reply post(String path, String key, String json) {
    return new ApiClient(port).post(path, key, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode check(String key, String kind, String value) {
    ApiClient.Reply reply = post("/v1/checks", key, "{\"indicators\":[{\"kind\":\"" + kind + "\",\"value\":\"" + value + "\"}]}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("results").get(0);
  }

  @Test
  void reportsFromIndependentInstitutionsRaiseTheRiskAndTheWarningIsInBothLanguages() {
    String bankA = key("intel bank a");
    String bankB = key("intel bank b");
    String number = phone();
    JsonNode before = check(bankB, "phone", number);
    assertThat(before.path("risk").asString()).isEqualTo("no-record");
    assertThat(before.path("warning").path("en").asString()).contains("does not mean it is safe");
    assertThat(before.path("warning").path("zh-Hant").asString()).contains("不代表安全");

    ApiClient.Reply filed = post("/v1/reports", bankA, "{\"kind\":\"phone\",\"value\":\"+852 " + number + "\",\"category\":\"impersonation\"}");
    assertThat(filed.status()).as(filed.body()).isEqualTo(201);
    JsonNode once = check(bankB, "phone", number);
    assertThat(once.path("risk").asString()).isEqualTo("medium");
    assertThat(once.path("value").asString()).startsWith("+852");
    assertThat(once.path("categories").path("impersonation").asInt()).isEqualTo(1);
    assertThat(once.path("reasons").path("reported-by-institution").asInt()).isEqualTo(1);

    // the same bank again adds nothing; a second bank makes it high
    ApiClient.Reply again = post("/v1/reports", bankA, "{\"kind\":\"phone\",\"value\":\"" + number + "\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(check(bankB, "phone", number).path("risk").asString()).isEqualTo("medium");
    assertThat(post("/v1/reports", bankB, "{\"kind\":\"phone\",\"value\":\"" + number + "\"}").status()).isEqualTo(201);
    JsonNode high = check(bankA, "phone", number);
    assertThat(high.path("risk").asString()).isEqualTo("high");
    assertThat(high.path("warning").path("en").asString()).startsWith("High risk: this phone number");
    assertThat(high.path("warning").path("zh-Hant").asString()).startsWith("高風險：此電話號碼");
    // another tenant's identity never shows: counts only
    assertThat(high.toString()).doesNotContain("intel bank");
  }

  @Test
  void aPrivateReportCountsOnlyForItsTenantAndNotForThePublic() {
    String owner = key("intel private owner");
    String other = key("intel private other");
    String number = phone();
    ApiClient.Reply filed = post("/v1/reports", owner, "{\"kind\":\"phone\",\"value\":\"" + number + "\",\"shared\":false}");
    assertThat(filed.status()).as(filed.body()).isEqualTo(201);
    assertThat(check(owner, "phone", number).path("risk").asString()).isEqualTo("medium");
    assertThat(check(other, "phone", number).path("risk").asString()).isEqualTo("no-record");
    assertThat(intelligence.check(null, List.of(new ScamIntelligence.CheckItem("phone", number))).get(0).get("risk").toString())
        .isEqualTo("NO_RECORD");
  }

  @Test
  void aLinkIsJudgedByItsDomainWhateverTheSpelling() {
    String bank = key("intel link bank");
    String domain = "pay-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    assertThat(post("/v1/reports", bank, "{\"kind\":\"domain\",\"value\":\"" + domain + "\",\"category\":\"phishing\"}").status()).isEqualTo(201);
    JsonNode link = check(bank, "url", "hxxps://login." + domain.replace(".", "[.]") + "/verify?id=1#top");
    assertThat(link.path("value").asString()).isEqualTo("https://login." + domain + "/verify?id=1");
    assertThat(link.path("risk").asString()).isEqualTo("medium");
    assertThat(link.path("related").toString()).contains(domain);
    assertThat(link.path("warning").path("en").asString()).contains("this link");
  }

  @Test
  void aClearedDisputeSetsTheReportsAsideAndEveryStepIsAudited() {
    String reporter = key("intel dispute reporter");
    String owner = key("intel dispute owner");
    String number = phone();
    post("/v1/reports", reporter, "{\"kind\":\"phone\",\"value\":\"" + number + "\"}");
    ApiClient.Reply opened = post("/v1/disputes", owner, "{\"kind\":\"phone\",\"value\":\"" + number + "\",\"reason\":\"our customer's own number\"}");
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    assertThat(check(owner, "phone", number).path("reasons").path("disputed").asBoolean()).isTrue();
    UUID dispute = UUID.fromString(opened.json().path("id").asString());
    intelligence.resolve(dispute, true, "operator:test", "confirmed with the carrier");
    JsonNode cleared = check(owner, "phone", number);
    assertThat(cleared.path("risk").asString()).isEqualTo("no-record");
    assertThat(cleared.path("reasons").path("cleared-reports").asInt()).isEqualTo(1);
    assertThatThrownBy(() -> intelligence.resolve(dispute, false, "operator:test", null))
        .isInstanceOfSatisfying(BonafideException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DISPUTE_RESOLVED));
    List<Map<String, Object>> trail = intelligence.auditTrail("phone", number);
    assertThat(trail).extracting(e -> e.get("action")).containsExactly("report-filed", "dispute-opened", "dispute-cleared");
    assertThat(trail.get(2).get("actor")).isEqualTo("operator:test");
  }

  /**
   * A private report stays private under a dispute: another institution disputing the number gets
   * the same 404 as for a number nobody reported (it used to get 201, which revealed the report and
   * marked the reporter's own check disputed); the reporter may dispute its own.
   */
  @Test
  void aDisputeMayOnlyConcernReportsTheDisputingPartyCanSee() {
    String reporter = key("intel private reporter");
    String other = key("intel private other");
    String number = phone();
    String nobodys = phone();
    ApiClient.Reply reported =
        new ApiClient(port).post("/v1/reports", reporter, "application/json",
            ("{\"kind\":\"phone\",\"value\":\"" + number + "\",\"shared\":false}").getBytes(StandardCharsets.UTF_8));
    assertThat(reported.status()).as(reported.body()).isEqualTo(201);
    long disputes = jdbc.sql("SELECT count(*) FROM scam_disputes").query(Long.class).single();
    JsonNode hidden =
        post("/v1/disputes", other, "{\"kind\":\"phone\",\"value\":\"" + number + "\",\"reason\":\"ours\"}").problem(404, "not-found");
    JsonNode unreported =
        post("/v1/disputes", other, "{\"kind\":\"phone\",\"value\":\"" + nobodys + "\",\"reason\":\"ours\"}").problem(404, "not-found");
    assertThat(hidden.path("detail").asString()).isEqualTo(unreported.path("detail").asString());
    assertThat(jdbc.sql("SELECT count(*) FROM scam_disputes").query(Long.class).single()).isEqualTo(disputes);
    JsonNode mine = check(reporter, "phone", number);
    assertThat(mine.path("risk").asString()).isNotEqualTo("no-record");
    assertThat(mine.path("reasons").path("disputed").asBoolean()).isFalse();
    // the reporter can
    ApiClient.Reply own = post("/v1/disputes", reporter, "{\"kind\":\"phone\",\"value\":\"" + number + "\",\"reason\":\"our customer's\"}");
    assertThat(own.status()).as(own.body()).isEqualTo(201);
  }

  @Test
  void aMessageIsScoredAndItsLinksAndNumbersChecked() {
    String bank = key("intel message bank");
    String number = phone();
    post("/v1/reports", bank, "{\"kind\":\"phone\",\"value\":\"" + number + "\"}");
    post("/v1/reports", key("intel message bank 2"), "{\"kind\":\"phone\",\"value\":\"" + number + "\"}");
    String lure = "【HSBC】您的帳戶積分即將過期，請立即點擊 https://hsbc-hk-verify.top/r 兌換，或致電客服 " + number;
    ApiClient.Reply reply = post("/v1/messages/assess", bank, "{\"text\":\"" + lure + "\"}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode assessed = reply.json();
    assertThat(assessed.path("risk").asString()).isEqualTo("high");
    assertThat(assessed.path("lure").asBoolean()).isTrue();
    assertThat(assessed.path("drivers").size()).isPositive();
    assertThat(assessed.path("links").get(0).path("lookalike").path("reasons").has("brand-in-domain")).isTrue();
    assertThat(assessed.path("phones").get(0).path("risk").asString()).isEqualTo("high");
    assertThat(assessed.path("warning").path("zh-Hant").asString()).startsWith("高風險");

    JsonNode chat = post("/v1/messages/assess", bank, "{\"text\":\"今晚七點喺旺角站等，唔該\"}").json();
    assertThat(chat.path("risk").asString()).isEqualTo("low");
    assertThat(chat.path("links").size()).isZero();

    // a lookalike link is named in a plain check too
    JsonNode link = check(bank, "url", "https://hsbс.com.hk/login");
    assertThat(link.path("lookalike").path("reasons").has("confusable")).isTrue();

    post("/v1/messages/assess", bank, "{\"text\":\"\"}").problem(400, "validation-failed");
    post("/v1/messages/assess", bank, "{\"text\":\"" + "a".repeat(ScamIntelligence.MAX_MESSAGE + 1) + "\"}").problem(400, "validation-failed");
  }

  private ApiClient.Reply feed(String key, String type, String body, boolean shared) {
    return new ApiClient(port).post("/v1/reports/import?shared=" + shared, key, type, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFeedIsImportedWithItsBadRowsListedAndImportingItAgainAddsNothing() {
    String bank = key("intel feed bank");
    String partner = key("intel feed partner");
    String a = phone();
    String b = phone();
    String csv =
        "kind,value,category,reportedAt\n"
            + "phone,\"" + a + "\",impersonation,2026-11-01T10:00:00Z\n"
            + "bank-account,\"004: 123-456789-001\",mule-account,\n"
            + "phone,not a number,,\n"
            + "fax,123,,\n"
            + "url,hxxps://pay-hk[.]top/x,phishing,yesterday\n"
            + "url,hxxps://pay-hk[.]top/x,phishing,\n";
    ApiClient.Reply first = feed(bank, "text/csv", csv, true);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    JsonNode summary = first.json();
    assertThat(summary.path("rows").asInt()).isEqualTo(6);
    assertThat(summary.path("imported").asInt()).isEqualTo(3);
    assertThat(summary.path("rejected").asInt()).isEqualTo(3);
    assertThat(summary.path("rejections").toString()).contains("\"line\":4", "\"line\":5", "\"line\":6", "reportedAt");
    assertThat(check(partner, "phone", a).path("categories").path("impersonation").asInt()).isEqualTo(1);
    JsonNode again = feed(bank, "text/csv", csv, true).json();
    assertThat(again.path("imported").asInt()).isZero();
    assertThat(again.path("duplicates").asInt()).isEqualTo(3);

    JsonNode lines =
        feed(bank, "application/x-ndjson", "{\"kind\":\"phone\",\"value\":\"" + b + "\"}\nnot json\n[1]\n", false).json();
    assertThat(lines.path("imported").asInt()).isEqualTo(1);
    assertThat(lines.path("rejected").asInt()).isEqualTo(2);
    // the private import stays private, and the export shows only what is shared, without reporters
    assertThat(check(partner, "phone", b).path("risk").asString()).isEqualTo("no-record");
    String exported = new ApiClient(port).get("/v1/indicators/export?limit=10000", partner).body();
    assertThat(exported).contains("pay-hk.top").doesNotContain(b.replace(" ", "")).doesNotContain("intel feed");

    feed(bank, "text/plain", csv, true).problem(415, "unsupported-media-type");
    feed(bank, "text/csv", "number,value\n1,2\n", true).problem(400, "validation-failed");
    feed(bank, "text/csv", "", true).problem(400, "validation-failed");
  }

  @Autowired org.bonafide.identitygraph.IdentityGraph graph;

  @Test
  void aMuleAccountOpenedByARingIsSuspiciousAndPointsBackToTheApplicationThatNamedIt() {
    List<org.bonafide.tenant.Tenant> banks =
        List.of(tenants.createTenant("intel ring bank 1"), tenants.createTenant("intel ring bank 2"), tenants.createTenant("intel ring bank 3"));
    float[] fraudster = new float[512];
    for (int i = 0; i < fraudster.length; i++) {
      fraudster[i] = (float) random.nextGaussian();
    }
    String account = "388:" + (100000000 + random.nextInt(800000000));
    String device = UUID.randomUUID().toString().replace("-", "");
    int stolen = 1000000 + random.nextInt(8000000);
    // three stolen identities, one face and one phone, at three institutions: a ring
    for (int i = 0; i < 9; i++) {
      float[] face = fraudster.clone();
      face[i] += 0.05f;
      java.util.Map<org.bonafide.identitygraph.EntityKind, List<String>> ids = new java.util.EnumMap<>(org.bonafide.identitygraph.EntityKind.class);
      ids.put(org.bonafide.identitygraph.EntityKind.DOCUMENT_NUMBER, List.of("HKG:M" + stolen + (i % 3)));
      ids.put(org.bonafide.identitygraph.EntityKind.DEVICE, List.of(device));
      if (i == 0) {
        ids.put(org.bonafide.identitygraph.EntityKind.BANK_ACCOUNT, List.of(account));
      }
      graph.record(
          banks.get(i % 3).id(),
          new org.bonafide.identitygraph.GraphApplication(
              "LOAN-RING-" + i, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), ids, face));
    }
    String bankKey = tenants.issueKey(banks.get(0).id()).key();
    JsonNode mine = check(bankKey, "bank-account", account);
    assertThat(mine.path("identityGraph").path("applications").asInt()).isEqualTo(1);
    assertThat(mine.path("identityGraph").path("yourApplications").toString()).contains("LOAN-RING-0");
    // another institution sees the ring's mark on the account, not the reference
    JsonNode other = check(key("intel ring outsider"), "bank-account", account);
    assertThat(other.path("identityGraph").path("yourApplications").size()).isZero();
    assertThat(other.toString()).doesNotContain("LOAN-RING");
    assertThat(other.path("identityGraph").path("applicationsInRings").asInt()).isEqualTo(1);
    assertThat(other.path("risk").asString()).isEqualTo("medium");
    assertThat(mine.path("identityGraph").path("applicationsInRings").asInt()).isEqualTo(1);
    assertThat(mine.path("risk").asString()).isEqualTo("medium");
  }

  @Test
  void anAccountOpenedByAnApplicationFlaggedLaterIsRaisedForEveryInstitutionAndTheFlagIsAudited() {
    String lender = key("intel flag lender");
    String bank = key("intel flag bank");
    String number = String.valueOf(100000000 + random.nextInt(800000000));
    String account = "004:" + number;
    ApiClient.Reply recorded =
        post(
            "/v1/applications",
            lender,
            "{\"reference\":\"LOAN-FLAG-1\",\"name\":\"Chan Tai Man\",\"birthDate\":\"1980-02-03\","
                + "\"bankAccounts\":[{\"bankCode\":\"004\",\"number\":\"" + number + "\"}]}");
    assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
    String id = recorded.json().path("id").asString();
    JsonNode before = check(bank, "bank-account", account);
    assertThat(before.path("risk").asString()).isEqualTo("no-record");
    assertThat(before.path("identityGraph").path("flaggedApplications").asInt()).isZero();

    // the lender finds the account was a mule account
    ApiClient api = new ApiClient(port);
    ApiClient.Reply flagged =
        api.put("/v1/applications/" + id + "/flag", lender, "application/json",
            "{\"flag\":\"mule-account\",\"note\":\"received scam proceeds, case 42\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(flagged.status()).as(flagged.body()).isEqualTo(200);
    assertThat(flagged.json().path("flag").asString()).isEqualTo("mule-account");

    // every institution, and the public, now see the account raised, but not by whom or why
    JsonNode after = check(bank, "bank-account", account);
    assertThat(after.path("risk").asString()).isEqualTo("medium");
    assertThat(after.path("reasons").path("opened-by-flagged-application").asInt()).isEqualTo(1);
    // nobody reported it: the customer is told it is linked to fraud, not that it was reported
    assertThat(after.path("warning").path("en").asString()).contains("linked to accounts or applications found to be fraudulent");
    assertThat(after.path("warning").path("zh-Hant").asString()).contains("有關連");
    assertThat(after.toString()).doesNotContain("LOAN-FLAG-1").doesNotContain("case 42").doesNotContain(id);
    ApiClient.Reply publicCheck =
        post("/public/checks", null, "{\"kind\":\"bank-account\",\"value\":\"" + account + "\"}");
    assertThat(publicCheck.status()).as(publicCheck.body()).isEqualTo(200);
    assertThat(publicCheck.json().path("risk").asString()).isEqualTo("medium");
    JsonNode mine = check(lender, "bank-account", account);
    assertThat(mine.path("identityGraph").path("yourApplications").toString()).contains("LOAN-FLAG-1");
    // the id to flag it by comes with the reference
    assertThat(mine.path("identityGraph").path("yourApplicationIds").get(0).asString()).isEqualTo(id);
    assertThat(after.path("identityGraph").path("yourApplicationIds").size()).isZero();

    // another institution can neither read nor change the flag
    api.get("/v1/applications/" + id + "/flag", bank).problem(404, "not-found");
    api.put("/v1/applications/" + id + "/flag", bank, "application/json", "{\"flag\":\"confirmed-fraud\"}".getBytes(StandardCharsets.UTF_8))
        .problem(404, "not-found");
    api.delete("/v1/applications/" + id + "/flag", bank).problem(404, "not-found");
    // bad flags and notes are refused and change nothing
    api.put("/v1/applications/" + id + "/flag", lender, "application/json", "{\"flag\":\"suspicious\"}".getBytes(StandardCharsets.UTF_8))
        .problem(400, "validation-failed");
    api.put("/v1/applications/" + id + "/flag", lender, "application/json",
            ("{\"flag\":\"confirmed-fraud\",\"note\":\"" + "x".repeat(501) + "\"}").getBytes(StandardCharsets.UTF_8))
        .problem(400, "validation-failed");
    api.get("/v1/applications/not-a-uuid/flag", lender).problem(404, "not-found");
    assertThat(api.get("/v1/applications/" + id + "/flag", lender).json().path("flag").asString()).isEqualTo("mule-account");

    // cleared on review: the account is back to no record, and the history keeps both steps
    ApiClient.Reply cleared = api.delete("/v1/applications/" + id + "/flag?note=reviewed", lender);
    assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
    JsonNode history = cleared.json().path("history");
    assertThat(history.size()).isEqualTo(2);
    assertThat(history.get(0).path("action").asString()).isEqualTo("flagged");
    assertThat(history.get(0).path("note").asString()).isEqualTo("received scam proceeds, case 42");
    assertThat(history.get(1).path("action").asString()).isEqualTo("cleared");
    assertThat(history.get(1).path("by").asString()).isEqualTo("tenant");
    assertThat(check(bank, "bank-account", account).path("risk").asString()).isEqualTo("no-record");
  }

  @Test
  void badInputIsRefusedClearlyAndStoresNothing() {
    String bank = key("intel bad input bank");
    long before = jdbc.sql("SELECT count(*) FROM scam_reports").query(Long.class).single();
    post("/v1/checks", bank, "{\"indicators\":[{\"kind\":\"phone\",\"value\":\"91234567\"},{\"kind\":\"fax\",\"value\":\"1\"}]}")
        .problem(400, "validation-failed");
    JsonNode problem =
        post("/v1/checks", bank, "{\"indicators\":[{\"kind\":\"phone\",\"value\":\"91234567\"},{\"kind\":\"phone\",\"value\":\"12\"}]}")
            .problem(400, "validation-failed");
    assertThat(problem.path("index").asInt()).isEqualTo(1);
    assertThat(problem.path("detail").asString()).doesNotContain("12\"");
    post("/v1/checks", bank, "{\"indicators\":[]}").problem(400, "validation-failed");
    StringBuilder huge = new StringBuilder("{\"indicators\":[");
    for (int i = 0; i < ScamIntelligence.MAX_CHECKS + 1; i++) {
      huge.append(i == 0 ? "" : ",").append("{\"kind\":\"phone\",\"value\":\"91234567\"}");
    }
    post("/v1/checks", bank, huge.append("]}").toString()).problem(400, "validation-failed");
    post("/v1/checks", bank, "not json").problem(400, "validation-failed");
    post("/v1/reports", bank, "{\"kind\":\"url\",\"value\":\"javascript:alert(1)\"}").problem(400, "validation-failed");
    post("/v1/reports", bank, "{\"kind\":\"phone\",\"value\":\"91234567\",\"category\":\"DROP TABLE\"}").problem(400, "validation-failed");
    post("/v1/reports", bank, "{\"kind\":\"phone\",\"value\":\"91234567\",\"reportedAt\":\"2999-01-01T00:00:00Z\"}").problem(400, "validation-failed");
    post("/v1/disputes", bank, "{\"kind\":\"phone\",\"value\":\"" + phone() + "\",\"reason\":\"never reported\"}").problem(404, "not-found");
    assertThat(jdbc.sql("SELECT count(*) FROM scam_reports").query(Long.class).single()).isEqualTo(before);
    // one reference, two indicators: a conflict, and the first report stays
    String first = phone();
    assertThat(post("/v1/reports", bank, "{\"kind\":\"phone\",\"value\":\"" + first + "\",\"reference\":\"CASE-1\"}").status()).isEqualTo(201);
    post("/v1/reports", bank, "{\"kind\":\"phone\",\"value\":\"" + phone() + "\",\"reference\":\"CASE-1\"}").problem(409, "report-conflict");
    assertThat(check(bank, "phone", first).path("risk").asString()).isEqualTo("medium");
    new ApiClient(port).post("/v1/checks", null, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).problem(401, "unauthenticated");
  }

  private long count(String table) {
    return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
  }

  /**
   * A NUL character or a lone UTF-16 surrogate anywhere a client sends text is a 400 {@code
   * invalid-text} that names the field, on every route that stores text, and nothing is stored; a
   * feed lists such rows among its rejections. Before, PostgreSQL's refusal of 0x00 was a 500 and a
   * lone surrogate was stored as "?", so "SURR-\ud800" collided with "SURR-?".
   */
  @Test
  void nulCharactersAndLoneSurrogatesAreRefusedOnEveryRouteAndNothingIsStored() {
    String bank = key("intel hostile text");
    ApiClient api = new ApiClient(port);
    long applications = count("graph_applications");
    for (String bad : List.of("\\u0000", "\\ud800", "\\udfff", "\\udc00\\ud800")) {
      JsonNode problem =
          post("/v1/applications", bank, "{\"reference\":\"SURR-" + bad + "\",\"phones\":[\"9123 4567\"]}").problem(400, "invalid-text");
      assertThat(problem.path("field").asString()).isEqualTo("reference");
      post("/v1/applications", bank, "{\"reference\":\"T-1\",\"name\":\"Chan" + bad + "\"}").problem(400, "invalid-text");
      post("/v1/applications", bank, "{\"reference\":\"T-1\",\"addresses\":[\"Flat 1\",\"x" + bad + "\"]}")
          .problem(400, "invalid-text");
    }
    assertThat(count("graph_applications")).isEqualTo(applications);
    // a real question mark and a well-formed pair (an emoji) are text
    ApiClient.Reply question = post("/v1/applications", bank, "{\"reference\":\"SURR-?\",\"phones\":[\"9123 4567\"]}");
    assertThat(question.status()).as(question.body()).isEqualTo(201);
    ApiClient.Reply emoji = post("/v1/applications", bank, "{\"reference\":\"SURR-\\ud83d\\ude00\",\"phones\":[\"9123 4567\"]}");
    assertThat(emoji.status()).as(emoji.body()).isEqualTo(201);
    String id = question.json().path("id").asString();

    // flags: the body's note and the query's note
    long flagEvents = count("graph_flag_events");
    JsonNode note =
        api.put("/v1/applications/" + id + "/flag", bank, "application/json",
                "{\"flag\":\"mule-account\",\"note\":\"a\\u0000b\"}".getBytes(StandardCharsets.UTF_8))
            .problem(400, "invalid-text");
    assertThat(note.path("field").asString()).isEqualTo("note");
    api.delete("/v1/applications/" + id + "/flag?note=%00", bank).problem(400, "invalid-text");
    assertThat(count("graph_flag_events")).isEqualTo(flagEvents);

    // reports and disputes
    long reports = count("scam_reports");
    long disputes = count("scam_disputes");
    String number = phone();
    post("/v1/reports", bank, "{\"kind\":\"phone\",\"value\":\"" + number + "\",\"reference\":\"C\\u0000\"}").problem(400, "invalid-text");
    post("/v1/reports", bank, "{\"kind\":\"phone\",\"value\":\"" + number + "\",\"category\":\"\\ud800\"}").problem(400, "invalid-text");
    post("/v1/disputes", bank, "{\"kind\":\"phone\",\"value\":\"" + number + "\",\"reason\":\"mine\\u0000\"}").problem(400, "invalid-text");
    post("/v1/checks", bank, "{\"indicators\":[{\"kind\":\"phone\",\"value\":\"9\\u00001\"}]}").problem(400, "invalid-text");
    assertThat(count("scam_reports")).isEqualTo(reports);
    assertThat(count("scam_disputes")).isEqualTo(disputes);

    // a feed keeps its good rows and lists the bad ones
    String good = phone();
    ApiClient.Reply csv = feed(bank, "text/csv", "kind,value,reference\nphone," + good + ",OK-1\nphone," + phone() + ",BAD\u0000\n", true);
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.json().path("imported").asInt()).isEqualTo(1);
    assertThat(csv.json().path("rejected").asInt()).isEqualTo(1);
    assertThat(csv.json().path("rejections").get(0).toString()).contains("reference").contains("NUL");
    ApiClient.Reply lines =
        feed(bank, "application/x-ndjson", "{\"kind\":\"phone\",\"value\":\"" + phone() + "\",\"reference\":\"S-\\ud800\"}\n", true);
    assertThat(lines.status()).as(lines.body()).isEqualTo(200);
    assertThat(lines.json().path("rejected").asInt()).isEqualTo(1);
    assertThat(lines.json().path("rejections").get(0).toString()).contains("surrogate");
    assertThat(count("scam_reports")).isEqualTo(reports + 1);
  }
}
