package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bonafide.tenant.IssuedApiKey;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public check page in headless Chromium: a number two institutions reported shows as high
 * risk with the advice, in English and in Traditional Chinese; a message with a lookalike link is
 * flagged; and the page's endpoints are rate limited per address. Screenshots go to
 * {@code target/capture-screenshots/check-*.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicCheckPageBrowserIT extends RunningServiceTest {
  private void report(String kind, String value) {
    for (String bank : new String[] {"check page bank 1", "check page bank 2"}) {
      IssuedApiKey key = newTenantKey(bank);
      String body = "{\"kind\":\"" + kind + "\",\"value\":\"" + value + "\"}";
      ApiClient.Reply reply = api.post("/v1/reports", key.key(), "application/json", body.getBytes(StandardCharsets.UTF_8));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }
  }

  @Test
  @Order(1)
  void servesThePageWithoutALoginAndWithConfiningHeaders() {
    ApiClient.Reply page = api.get("/check/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("check.js", "check.css");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "connect-src 'self'");
    assertThat(page.header("Permissions-Policy")).contains("camera=()");
    assertThat(api.get("/check/check.js", null).status()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void aReportedNumberAndALureAreShownInBothLanguages() throws Exception {
    CapturePageBrowserIT.assumeBrowserPresent();
    report("phone", "+852 6123 4567");
    ChromeDriver driver = CapturePageBrowserIT.startChromium(390, 844, "--lang=en-GB");
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(50));
      driver.get("http://localhost:" + port + "/check/");
      wait.until(d -> d.findElement(By.id("title")).getText().equals("Check before you pay"));
      new Select(driver.findElement(By.id("kind"))).selectByValue("phone");
      driver.findElement(By.id("value")).sendKeys("6123 4567");
      driver.findElement(By.id("check-button")).click();
      wait.until(d -> d.findElement(By.id("result")).isDisplayed());
      assertThat(driver.findElement(By.id("risk")).getAttribute("data-risk")).isEqualTo("high");
      assertThat(driver.findElement(By.id("risk")).getText()).isEqualTo("High risk");
      assertThat(driver.findElement(By.id("advice")).getText()).startsWith("High risk: this phone number");
      CapturePageBrowserIT.screenshot(driver, "check-number-en");

      driver.findElement(By.id("language")).click();
      wait.until(d -> d.findElement(By.id("risk")).getText().equals("高風險"));
      assertThat(driver.findElement(By.id("advice")).getText()).startsWith("高風險：此電話號碼");
      assertThat(driver.findElement(By.id("title")).getText()).isEqualTo("付款前先查證");
      CapturePageBrowserIT.screenshot(driver, "check-number-zh");

      driver.findElement(By.id("message")).sendKeys("【HSBC】您的帳戶積分即將過期，請立即點擊 https://hsbc-hk-verify.top/r 兌換");
      driver.findElement(By.id("message-button")).click();
      wait.until(d -> d.findElement(By.id("details")).getText().contains("hsbc"));
      assertThat(driver.findElement(By.id("risk")).getAttribute("data-risk")).isIn("high", "medium");
      assertThat(driver.findElement(By.id("details")).getText()).contains("此連結模仿 hsbc.com.hk");
      CapturePageBrowserIT.screenshot(driver, "check-message-zh");

      driver.findElement(By.id("value")).clear();
      driver.findElement(By.id("value")).sendKeys("12");
      driver.findElement(By.id("check-button")).click();
      wait.until(d -> d.findElement(By.id("error")).isDisplayed());
      assertThat(driver.findElement(By.id("error")).getText()).contains("請檢查");
      assertThat(CapturePageBrowserIT.consoleErrors(driver)).allSatisfy(e -> assertThat(e).contains("400"));
    } finally {
      driver.quit();
    }
  }

  @Test
  @Order(3)
  void thePublicEndpointsAreRateLimitedAndSeeNoPrivateReport() {
    IssuedApiKey owner = newTenantKey("check page private");
    String body = "{\"kind\":\"phone\",\"value\":\"+852 6987 6543\",\"shared\":false}";
    assertThat(api.post("/v1/reports", owner.key(), "application/json", body.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
    byte[] check = "{\"kind\":\"phone\",\"value\":\"+852 6987 6543\"}".getBytes(StandardCharsets.UTF_8);
    ApiClient.Reply first = api.post("/public/checks", null, "application/json", check);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().path("risk").asString()).isEqualTo("no-record");
    ApiClient.Reply last = first;
    for (int i = 0; i < 40 && last.status() == 200; i++) {
      last = api.post("/public/checks", null, "application/json", check);
    }
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.json().path("code").asString()).isEqualTo("rate-limited");
    assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
  }
}
