package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFolderTest {
  @TempDir Path dir;

  private static final Challenge CHALLENGE =
      new Challenge(
          List.of(
              new PromptStep(Prompt.HOLD_STILL, 1000),
              new PromptStep(Prompt.TURN_LEFT, 2500),
              new PromptStep(Prompt.BLINK, 2500)),
          List.of(new ColourFlash("#ff0000", 500), new ColourFlash("#00ffff", 500)));

  private static Capture capture() {
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(48, 64), 0.8f);
    byte[] png = TestImages.gradientPng(48, 64);
    List<CapturedFrame> frames = new ArrayList<>();
    frames.add(new CapturedFrame(0, 0, null, null, jpeg));
    frames.add(new CapturedFrame(1, 83, Prompt.HOLD_STILL, "#ff0000", jpeg));
    frames.add(new CapturedFrame(2, 583, Prompt.HOLD_STILL, "#00ffff", png));
    frames.add(new CapturedFrame(3, 1400, Prompt.TURN_LEFT, null, jpeg));
    Map<String, Object> telemetry = new LinkedHashMap<>();
    telemetry.put("cameraLabel", "camera2 1, facing front");
    telemetry.put("width", 480);
    telemetry.put("height", 640);
    telemetry.put("frameRate", 12.5);
    telemetry.put("userAgent", "Mozilla/5.0 (Linux; Android 14)");
    return new Capture(CHALLENGE, frames, telemetry);
  }

  private static void assertSameSession(SessionFolder read, SessionFolder written) {
    assertThat(read.label()).isEqualTo(written.label());
    assertThat(read.attackType()).isEqualTo(written.attackType());
    assertThat(read.source()).isEqualTo(written.source());
    assertThat(read.capture().challenge()).isEqualTo(written.capture().challenge());
    assertThat(read.capture().telemetry()).isEqualTo(written.capture().telemetry());
    assertThat(read.capture().frames()).hasSameSizeAs(written.capture().frames());
    for (int i = 0; i < read.capture().frames().size(); i++) {
      CapturedFrame r = read.capture().frames().get(i);
      CapturedFrame w = written.capture().frames().get(i);
      assertThat(r.index()).isEqualTo(w.index());
      assertThat(r.timestampMs()).isEqualTo(w.timestampMs());
      assertThat(r.prompt()).isEqualTo(w.prompt());
      assertThat(r.screen()).isEqualTo(w.screen());
      assertThat(r.image()).isEqualTo(w.image());
    }
  }

  @Test
  void roundTripsAnAttackSessionThroughAFolder() {
    SessionFolder written = SessionFolder.attack(capture(), "replay-video", "made in a test");
    written.write(dir.resolve("s1"));

    SessionFolder read = SessionFolder.read(dir.resolve("s1"));

    assertSameSession(read, written);
    assertThat(read.reference()).isNull();
    assertThat(dir.resolve("s1/frame-00000.jpg")).exists();
    assertThat(dir.resolve("s1/frame-00002.png")).as("the extension follows the image format").exists();
  }

  @Test
  void roundTripsABonaFideSessionWithAReference() {
    byte[] photo = TestImages.photo(3);
    SessionFolder written = SessionFolder.bonaFide(capture(), null).withReference(photo);
    written.write(dir);

    SessionFolder read = SessionFolder.read(dir);

    assertSameSession(read, written);
    assertThat(read.reference()).isEqualTo(photo);
    assertThat(dir.resolve("reference.jpg")).exists();
  }

  @Test
  void writesTheDocumentedJson() throws IOException {
    SessionFolder.bonaFide(capture(), "test").write(dir);
    String json = Files.readString(dir.resolve("session.json"));
    assertThat(json)
        .contains("\"format\" : \"bonafide-session/1\"")
        .contains("\"label\" : \"bona_fide\"")
        .contains("\"prompt\" : \"hold_still\"")
        .contains("\"colour\" : \"#ff0000\"")
        .contains("\"screen\" : \"#00ffff\"")
        .contains("\"screen\" : null")
        .contains("\"cameraLabel\" : \"camera2 1, facing front\"")
        .doesNotContain("attack_type");
  }

  @Test
  void writesTheSameFilesIntoAZip() throws IOException {
    SessionFolder session = SessionFolder.attack(capture(), "replay-video", null).withReference(TestImages.photo(1));
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    session.writeZip(zip, "session-42");

    Path unzipped = dir.resolve("unzipped");
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        names.add(entry.getName());
        Path target = unzipped.resolve(entry.getName());
        Files.createDirectories(target.getParent());
        Files.write(target, in.readAllBytes());
      }
    }

    assertThat(names)
        .containsExactly(
            "session-42/session.json",
            "session-42/frame-00000.jpg",
            "session-42/frame-00001.jpg",
            "session-42/frame-00002.png",
            "session-42/frame-00003.jpg",
            "session-42/reference.jpg");
    assertSameSession(SessionFolder.read(unzipped.resolve("session-42")), session);
  }

  @Test
  void findsEverySessionFolderUnderARoot() {
    SessionFolder session = SessionFolder.bonaFide(capture(), null);
    session.write(dir.resolve("bona/a"));
    session.write(dir.resolve("bona/b"));
    session.write(dir.resolve("replay/deep/c"));

    assertThat(SessionFolder.findAll(dir))
        .containsExactly(dir.resolve("bona/a"), dir.resolve("bona/b"), dir.resolve("replay/deep/c"));
  }

  @Test
  void labelsAreBonaFideOrAttackAndOnlyAttacksHaveAType() {
    assertThatThrownBy(() -> new SessionFolder(capture(), "genuine", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SessionFolder(capture(), SessionFolder.BONA_FIDE, "replay-video", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- errors ---------------------------------------------------------------------------------

  /** Writes a valid session, then edits its session.json text. */
  private Path edited(String from, String to) throws IOException {
    SessionFolder.attack(capture(), "replay-video", null).write(dir);
    Path json = dir.resolve("session.json");
    String text = Files.readString(json);
    assertThat(text).as("the text to replace").contains(from);
    Files.writeString(json, text.replace(from, to));
    return json;
  }

  private void assertInvalid(ErrorCode code, String... fragments) {
    assertThatThrownBy(() -> SessionFolder.read(dir))
        .isInstanceOfSatisfying(BonafideException.class, e -> assertThat(e.errorCode()).isEqualTo(code))
        .hasMessageContaining(dir.resolve("session.json").toString())
        .hasMessageContainingAll(fragments);
  }

  @Test
  void refusesAnUnknownPrompt() throws IOException {
    edited("\"prompt\" : \"turn_left\"", "\"prompt\" : \"turn_around\"");
    assertInvalid(ErrorCode.VALIDATION_FAILED, "challenge.prompts[1].prompt", "turn_around", "hold_still, turn_left");
  }

  @Test
  void refusesAFrameWhoseFileIsMissing() throws IOException {
    SessionFolder.attack(capture(), "replay-video", null).write(dir);
    Files.delete(dir.resolve("frame-00002.png"));
    assertInvalid(ErrorCode.NOT_FOUND, "frames[2].file", "frame-00002.png");
  }

  @Test
  void refusesAColourNotWrittenInLowerCaseHex() throws IOException {
    edited("\"screen\" : \"#00ffff\"", "\"screen\" : \"#00FFFF\"");
    assertInvalid(ErrorCode.VALIDATION_FAILED, "frames[2].screen", "#rrggbb", "#00FFFF");
  }

  @Test
  void refusesAColourFlashShorterThanThePhotosensitivityLimit() throws IOException {
    edited("\"durationMs\" : 500", "\"durationMs\" : 200");
    assertInvalid(ErrorCode.VALIDATION_FAILED, "challenge.colours[0].durationMs", "334");
  }

  @Test
  void refusesAFileNameThatLeavesTheFolder() throws IOException {
    edited("\"file\" : \"frame-00001.jpg\"", "\"file\" : \"../frame-00001.jpg\"");
    assertInvalid(ErrorCode.VALIDATION_FAILED, "frames[1].file", "no folders");
  }

  @Test
  void refusesFramesOutOfOrderOrGoingBackInTime() throws IOException {
    edited("\"index\" : 3", "\"index\" : 4");
    assertInvalid(ErrorCode.VALIDATION_FAILED, "frames[3].index must be 3");
    edited("\"timestampMs\" : 1400", "\"timestampMs\" : 10");
    assertInvalid(ErrorCode.VALIDATION_FAILED, "frames[3].timestampMs", "back in time");
  }

  @Test
  void refusesAnotherFormatOrAnUnknownKey() throws IOException {
    edited("bonafide-session/1", "bonafide-session/9");
    assertInvalid(ErrorCode.VALIDATION_FAILED, "format must be \"bonafide-session/1\"");
    edited("\"label\" :", "\"lable\" :");
    assertInvalid(ErrorCode.VALIDATION_FAILED, "unknown key \"lable\"");
  }

  @Test
  void refusesAnAttackTypeOnABonaFideSession() throws IOException {
    edited("\"label\" : \"attack\"", "\"label\" : \"bona_fide\"");
    assertInvalid(ErrorCode.VALIDATION_FAILED, "attack_type is only allowed with label \"attack\"");
  }

  @Test
  void refusesJsonThatDoesNotParse() throws IOException {
    Files.writeString(dir.resolve("session.json"), "{\"format\": ", StandardCharsets.UTF_8);
    assertInvalid(ErrorCode.VALIDATION_FAILED, "not valid JSON");
  }

  @Test
  void aFolderWithoutSessionJsonIsNotFound() {
    assertThatThrownBy(() -> SessionFolder.read(dir))
        .isInstanceOfSatisfying(BonafideException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("has no session.json");
  }

  @Test
  void nullTelemetryValuesAreDropped() throws IOException {
    edited("\"width\" : 480", "\"width\" : null");
    assertThat(SessionFolder.read(dir).capture().telemetry()).doesNotContainKey("width").containsKey("height");
  }
}
