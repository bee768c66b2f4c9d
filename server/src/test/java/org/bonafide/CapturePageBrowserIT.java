package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.bonafide.tenant.IssuedApiKey;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The capture page in headless Chromium, with Chromium's fake camera playing a video made from a
 * real face photo ({@link FakeCameraVideo}). The page goes through the whole flow (start by
 * keyboard, camera, alignment, colour flashes, prompts, upload, result) and the session must end
 * analysed and failed: a fixed video cannot answer a challenge drawn after it was recorded.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them);
 * without them the browser tests are skipped. Screenshots of every step are written to
 * {@code target/capture-screenshots/}.
 */
class CapturePageBrowserIT extends RunningServiceTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "capture-screenshots").toAbsolutePath();
  private static final Path WORK = Path.of("target", "capture-browser").toAbsolutePath();

  private static Path video;

  @Test
  void servesTheCapturePageWithHeadersThatConfineIt() {
    ApiClient.Reply page = api.get("/capture/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("capture.js", "strings.js", "capture.css");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "connect-src 'self'");
    assertThat(page.header("Permissions-Policy")).contains("camera=(self)");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    for (String file : List.of("capture.js", "strings.js", "capture.css")) {
      assertThat(api.get("/capture/" + file, null).status()).as(file).isEqualTo(200);
    }
    // no API key: the page is public, the capture token in its URL fragment is the credential
    assertThat(api.get("/capture", null).status()).isEqualTo(302);
  }

  @Test
  void fixedVideoCannotAnswerTheChallengeAtDesktopWidth() throws Exception {
    runFixedVideoThroughCapture("desktop", 1280, 800);
  }

  @Test
  void fixedVideoCannotAnswerTheChallengeAtPhoneWidth() throws Exception {
    runFixedVideoThroughCapture("phone", 390, 844);
  }

  @Test
  void explainsAnIncompleteLinkAndAnAlreadyUsedLink() throws Exception {
    assumeBrowserPresent();
    IssuedApiKey key = newTenantKey("capture-page-links");
    JsonNode session =
        api.post("/v1/sessions", key.key(), "application/json", "{}".getBytes(StandardCharsets.UTF_8)).json();
    String id = session.path("id").asString();
    String fragment = URI.create(session.path("captureUrl").asString()).getRawFragment();
    // the link was opened before, somewhere else: the token is spent
    ApiClient.Reply redeemed = api.post("/v1/sessions/" + id + "/capture", session.path("captureToken").asString(),
        "application/json", new byte[0]);
    assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(200);

    ChromeDriver driver = startChromium(fakeCameraVideo(), 1280, 800);
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(50));
      driver.get("http://localhost:" + port + "/capture/#session=" + id);
      wait.until(d -> "message".equals(screen(d)));
      assertThat(text(driver, "message-text")).isEqualTo(strings(driver, "linkInvalid"));

      driver.get("about:blank");
      driver.get("http://localhost:" + port + "/capture/#" + fragment);
      wait.until(d -> "start".equals(screen(d)));
      driver.findElement(By.id("start-button")).click();
      wait.until(d -> "message".equals(screen(d)) && !text(d, "message-text").equals(strings(d, "cameraAsk"))
          && !text(d, "message-title").equals(strings(d, "connecting")));
      assertThat(text(driver, "message-text")).isEqualTo(strings(driver, "linkUsed"));
      screenshot(driver, "link-used");
    } finally {
      driver.quit();
    }
  }

  private void runFixedVideoThroughCapture(String label, int width, int height) throws Exception {
    assumeBrowserPresent();
    IssuedApiKey key = newTenantKey("capture-page-" + label);
    String request = "{\"applicantReference\":\"browser-" + label + "\",\"policy\":\"standard\",\"record\":false}";
    ApiClient.Reply created =
        api.post("/v1/sessions", key.key(), "application/json", request.getBytes(StandardCharsets.UTF_8));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode session = created.json();
    String id = session.path("id").asString();
    URI captureUrl = URI.create(session.path("captureUrl").asString());
    assertThat(captureUrl.getPath()).isEqualTo("/capture/");
    assertThat(captureUrl.getFragment()).contains("session=" + id, "token=");

    // the service's configured base may differ from the test's random port: keep path and fragment
    String url = "http://localhost:" + port + "/capture/#" + captureUrl.getRawFragment();
    String outcome = driveCapture(url, label, width, height);
    assertThat(outcome).as("outcome shown on the page").isEqualTo("failed");

    JsonNode result = api.get("/v1/sessions/" + id, key.key()).json();
    assertThat(result.path("state").asString()).as(result.toString()).isEqualTo("analysed");
    assertThat(result.path("outcome").asString()).as(result.toString()).isEqualTo("failed");
    // every frame the page captured arrived, at 10-15 fps over the whole challenge
    JsonNode upload = result.path("upload");
    int frames = upload.path("frameCount").asInt();
    assertThat(upload.path("framesReceived").asInt()).as(upload.toString()).isEqualTo(frames);
    int challengeMs = 0;
    for (JsonNode step : result.path("challenge").path("prompts")) {
      challengeMs += step.path("durationMs").asInt();
    }
    assertThat(frames).as("frames for a %d ms challenge", challengeMs).isBetween(challengeMs * 9 / 1000, challengeMs * 16 / 1000 + 30);
    JsonNode telemetry = result.path("telemetry");
    assertThat(telemetry.path("cameraLabel").asString()).as(telemetry.toString()).isNotBlank();
    assertThat(telemetry.path("trackSettings").path("width").asInt()).isEqualTo(FakeCameraVideo.WIDTH);
    assertThat(telemetry.path("userAgent").asString()).contains("Chrome");
    // a real browser's canvas frames and telemetry fit together: none of the device or encoding
    // signals fires (the fake camera's label does, as it should)
    JsonNode injection = null;
    for (JsonNode check : result.path("checks")) {
      if ("injection".equals(check.path("id").asString())) {
        injection = check;
      }
    }
    assertThat(injection).as(result.toString()).isNotNull();
    assertThat(injection.path("details").path("signals").toString())
        .as(injection.toString())
        .doesNotContain("emulator", "device-inconsistent", "jpeg-traits-mismatch");
    assertThat(injection.path("details").path("jpegEncodings").asInt()).as(injection.toString()).isEqualTo(1);
    System.out.printf(
        "[capture-page %s] %d frames for a %d ms challenge; outcome %s, reasons %s; injection %s%n",
        label, frames, challengeMs, result.path("outcome").asString(), result.path("reasons"), injection.path("details"));
  }

  static void assumeBrowserPresent() {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Browser test skipped: it needs Debian's chromium and chromium-driver (/usr/bin/chromium and"
            + " /usr/bin/chromedriver); install them with: apt-get install -y chromium chromium-driver");
  }

  /**
   * Opens the capture URL in headless Chromium with the fake camera, goes through the flow with the
   * keyboard, saves a screenshot of each step as {@code <label>-<n>-<step>.png}, and returns the
   * outcome the end screen shows ({@code passed}, {@code failed}, {@code retry} or
   * {@code pending}).
   */
  static String driveCapture(String url, String label, int width, int height) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    ChromeDriver driver = startChromium(fakeCameraVideo(), width, height);
    try {
      driver.get(url);
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(50));
      wait.until(d -> "start".equals(screen(d)));
      assertThat(activeId(driver)).as("focus on the start screen's heading").isEqualTo("start-title");

      // keyboard only: the first Tab reaches Start, Enter presses it
      new Actions(driver).sendKeys(Keys.TAB).perform();
      assertThat(activeId(driver)).isEqualTo("start-button");
      screenshot(driver, label + "-1-start");
      new Actions(driver).sendKeys(Keys.ENTER).perform();

      wait.until(d -> "stage".equals(screen(d)) && "align".equals(attribute(d, "screen-stage", "phase")));
      // wait for the first answer of the live feedback, so the screenshot shows it
      wait.until(d -> !text(d, "feedback").isEmpty() && !text(d, "feedback").equals(strings(d, "feedbackChecking")));
      screenshot(driver, label + "-2-alignment");

      WebDriverWait challenge = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(40));
      challenge.until(d -> Boolean.TRUE.equals(js(d, "return document.body.classList.contains('flashing')")));
      screenshot(driver, label + "-3-colour-flash");
      assertThat(attribute(driver, "screen-stage", "prompt")).isEqualTo("hold_still");

      challenge.until(
          d -> {
            String prompt = attribute(d, "screen-stage", "prompt");
            return prompt != null && !prompt.isEmpty() && !prompt.equals("hold_still");
          });
      assertThat(js(driver, "return document.body.classList.contains('flashing')"))
          .as("the colours stop with hold_still")
          .isEqualTo(Boolean.FALSE);
      screenshot(driver, label + "-4-prompt-" + attribute(driver, "screen-stage", "prompt"));

      challenge.until(d -> "upload".equals(screen(d)) || "end".equals(screen(d)) || "message".equals(screen(d)));
      if ("upload".equals(screen(driver))) {
        screenshot(driver, label + "-5-upload");
      }
      new WebDriverWait(driver, Duration.ofSeconds(240), Duration.ofMillis(200))
          .until(d -> "end".equals(screen(d)) || "message".equals(screen(d)));
      screenshot(driver, label + "-6-end");
      assertThat(screen(driver)).as("end screen, not an error: %s", text(driver, "message-text")).isEqualTo("end");
      assertThat(activeId(driver)).as("focus moves to the result").isEqualTo("end-title");
      assertThat(text(driver, "end-title")).isNotBlank();
      assertThat(consoleErrors(driver)).as("browser console errors").isEmpty();
      return attribute(driver, "screen-end", "outcome");
    } finally {
      driver.quit();
    }
  }

  static ChromeDriver startChromium(Path video, int width, int height) throws IOException {
    return startChromium(
        width,
        height,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        "--use-file-for-fake-video-capture=" + video);
  }

  /** Headless Chromium with a fresh profile and a viewport of exactly {@code width} x {@code height}. */
  static ChromeDriver startChromium(int width, int height, String... moreArguments) throws IOException {
    Files.createDirectories(WORK);
    Path profile = Files.createTempDirectory(WORK, "profile-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    options.addArguments(moreArguments);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    // the window size includes a headless window's frame: set the page's viewport exactly
    boolean phone = width < 600;
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", phone));
    if (phone) {
      driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    }
    return driver;
  }

  /** The fake camera's video, written once per test run. */
  static synchronized Path fakeCameraVideo() throws IOException {
    if (video == null) {
      Path written = FakeCameraVideo.write(WORK.resolve("face.y4m"));
      // this run's screenshots only: a step's file name carries the prompt drawn, which varies
      Files.createDirectories(SCREENSHOTS);
      try (var old = Files.newDirectoryStream(SCREENSHOTS, "*.png")) {
        for (Path file : old) {
          Files.delete(file);
        }
      }
      // the picture the camera shows, to look at beside the screenshots
      ImageIO.write(
          FakeCameraVideo.frame(FakeCameraVideo.sourceRegion(), 0), "png", SCREENSHOTS.resolve("0-camera-frame.png").toFile());
      video = written;
    }
    return video;
  }

  static void screenshot(ChromeDriver driver, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> consoleErrors(ChromeDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        // Chromium asks for a favicon the service does not have
        .filter(message -> !message.contains("favicon.ico"))
        .toList();
  }

  private static Object js(WebDriver driver, String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static String screen(WebDriver driver) {
    return attribute(driver, "app", "screen");
  }

  private static String attribute(WebDriver driver, String id, String data) {
    return driver.findElement(By.id(id)).getDomAttribute("data-" + data);
  }

  private static String text(WebDriver driver, String id) {
    return driver.findElement(By.id(id)).getText();
  }

  private static String strings(WebDriver driver, String key) {
    return String.valueOf(js(driver, "return window.BONAFIDE_STRINGS['" + key + "']"));
  }

  private static String activeId(WebDriver driver) {
    return String.valueOf(js(driver, "return document.activeElement && document.activeElement.id"));
  }
}
