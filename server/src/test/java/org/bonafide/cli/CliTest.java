package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The command-line contract for bad input, checked before any model is loaded. */
class CliTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Input errors must be found before the (slow) models load; loading them fails the test. */
  private static final Function<FaceEngineSettings, FaceEngine> NO_MODELS =
      settings -> {
        throw new AssertionError("the models were loaded although the input is invalid");
      };

  private int run(Function<FaceEngineSettings, FaceEngine> engines, String... args) {
    return Cli.run(
        args,
        new CommandContext(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            engines,
            System::nanoTime));
  }

  private int run(String... args) {
    return run(NO_MODELS, args);
  }

  private JsonNode json() {
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).as("standard output holds exactly the one JSON line").hasSize(1);
    return Json.MAPPER.readTree(lines[0]);
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private Path image(String name) throws IOException {
    return Files.write(dir.resolve(name), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
  }

  @Test
  void handlesCommandsButNotSpringOptions() {
    assertThat(Cli.handles(new String[] {"compare"})).isTrue();
    assertThat(Cli.handles(new String[] {"--server.port=0"})).isFalse();
    assertThat(Cli.handles(new String[0])).isFalse();
  }

  @Test
  void anUnknownCommandExitsTwoWithAJsonErrorAndUsage() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(json().get("error").asString()).isEqualTo("validation-failed");
    assertThat(json().get("detail").asString()).contains("unknown command 'frobnicate'");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
  }

  @Test
  void helpListsTheCommands() {
    assertThat(run("help")).isZero();
    assertThat(json().get("commands").toString()).contains("eval face-pairs").contains("eval pad");
  }

  @Test
  void trainBlendDetectorSaysWhatToInstallWhenThePythonHasNoTorch() throws IOException {
    Path faces = Files.createDirectories(dir.resolve("faces"));
    assertThat(
            run(
                "train", "blend-detector", "--faces", faces.toString(), "--out", dir.resolve("m.onnx").toString(),
                "--python", dir.resolve("no-such-python").toString()))
        .isEqualTo(1);
    assertThat(json().get("detail").asString()).contains("torch").contains("--python");
  }

  @Test
  void blendCommandsNeedAFacesFolderBeforeLoadingModels() {
    assertThat(run("eval", "blend", "--faces", dir.resolve("missing").toString())).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("does not exist");
    out.reset();
    assertThat(run("train", "blend-detector", "--out", "m.onnx")).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("--faces");
  }

  @Test
  void evalNeedsAKnownKind() {
    assertThat(run("eval")).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("face-pairs, pad, sessions, attacks, deepfake, landmarks, mrz, mrz-text, rings, messages, urls or blend");
    out.reset();
    assertThat(run("eval", "speed")).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("unknown eval kind 'speed'");
  }

  @Test
  void compareNeedsTwoExistingImages() throws IOException {
    assertThat(run("compare", "a.jpg")).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("two image files");
    out.reset();
    Path a = image("a.jpg");
    assertThat(run("compare", a.toString(), dir.resolve("missing.jpg").toString())).isEqualTo(2);
    assertThat(json().get("error").asString()).isEqualTo("not-found");
    assertThat(json().get("detail").asString()).contains("missing.jpg does not exist");
  }

  @Test
  void compareRefusesAThresholdOutsideTheCosineRange() throws IOException {
    Path a = image("a.jpg");
    assertThat(run("compare", a.toString(), a.toString(), "--threshold", "2")).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("--threshold must lie in");
  }

  @Test
  void facePairsNeedsExactlyOneOfPairsAndIdentities() throws IOException {
    Path csv = write("pairs.csv", "image_a,image_b,same\na.jpg,a.jpg,1\n");
    assertThat(run("eval", "face-pairs", "--images", dir.toString())).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("exactly one of --pairs");
    out.reset();
    assertThat(
            run("eval", "face-pairs", "--images", dir.toString(), "--pairs", csv.toString(), "--identities", csv.toString()))
        .isEqualTo(2);
  }

  @Test
  void facePairsRefusesABadHeaderNamingTheExpectedOne() throws IOException {
    Path csv = write("pairs.csv", "a,b,same\nx.jpg,y.jpg,1\n");
    assertThat(run("eval", "face-pairs", "--images", dir.toString(), "--pairs", csv.toString())).isEqualTo(2);
    assertThat(json().get("error").asString()).isEqualTo("validation-failed");
    assertThat(json().get("detail").asString()).contains("image_a,image_b,same");
  }

  @Test
  void facePairsRefusesABadSameValue() throws IOException {
    image("a.jpg");
    Path csv = write("pairs.csv", "image_a,image_b,same\na.jpg,a.jpg,Yes\na.jpg,a.jpg,maybe\n");
    assertThat(run("eval", "face-pairs", "--images", dir.toString(), "--pairs", csv.toString())).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("line 3: same must be 1/0, yes/no or true/false");
  }

  @Test
  void facePairsListsMissingImagesBeforeLoadingModels() throws IOException {
    image("a.jpg");
    Path csv = write("ids.csv", "image,identity\na.jpg,1\nb.jpg,1\nc.jpg,2\n");
    assertThat(run("eval", "face-pairs", "--images", dir.toString(), "--identities", csv.toString())).isEqualTo(2);
    assertThat(json().get("error").asString()).isEqualTo("not-found");
    assertThat(json().get("detail").asString()).contains("2 of the 3 images").contains("b.jpg, c.jpg");
  }

  @Test
  void identitiesRefuseAnImageListedTwice() throws IOException {
    Path csv = write("ids.csv", "image,identity\na.jpg,1\nb.jpg,1\na.jpg,2\n");
    assertThat(run("eval", "face-pairs", "--images", dir.toString(), "--identities", csv.toString())).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("line 4: image a.jpg is already listed on line 2");
  }

  @Test
  void aMissingImagesFolderIsNotFound() throws IOException {
    Path csv = write("ids.csv", "image,identity\na.jpg,1\n");
    assertThat(
            run("eval", "face-pairs", "--images", dir.resolve("nope").toString(), "--identities", csv.toString()))
        .isEqualTo(2);
    assertThat(json().get("error").asString()).isEqualTo("not-found");
  }

  @Test
  void padRefusesAnUnknownLabelAndATypedBonaFide() throws IOException {
    Path csv = write("labels.csv", "image,label\na.jpg,bona_fide\nb.jpg,fake\n");
    assertThat(run("eval", "pad", "--images", dir.toString(), "--labels", csv.toString())).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("line 3: label must be bona_fide or attack, was 'fake'");
    out.reset();
    Path typed = write("typed.csv", "image,label,attack_type\na.jpg,bona_fide,print\n");
    assertThat(run("eval", "pad", "--images", dir.toString(), "--labels", typed.toString())).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("attack_type is for attack rows");
  }

  @Test
  void padRefusesAThresholdOutsideTheUnitInterval() throws IOException {
    image("a.jpg");
    Path csv = write("labels.csv", "image,label\na.jpg,attack\n");
    assertThat(run("eval", "pad", "--images", dir.toString(), "--labels", csv.toString(), "--threshold", "-0.1"))
        .isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("--threshold must lie in [0.0, 1.0]");
  }

  @Test
  void aFailureOfBonafideItselfExitsOne() throws IOException {
    Path a = image("a.jpg");
    int status =
        run(
            settings -> {
              throw new IllegalStateException("Face model fr_detect.onnx is missing from the classpath");
            },
            "compare",
            a.toString(),
            a.toString());
    assertThat(status).isEqualTo(1);
    assertThat(json().get("error").asString()).isEqualTo("internal-error");
    assertThat(json().get("detail").asString()).contains("fr_detect.onnx");
  }

  @Test
  void helpListsTheSessionCommands() {
    assertThat(run("help")).isZero();
    assertThat(json().get("commands").toString())
        .contains("eval sessions")
        .contains("attack replay-video")
        .contains("simulate bona-fide-session")
        .contains("simulate deepfake-videos");
  }

  @Test
  void attackAndSimulateNeedAKind() {
    assertThat(run("attack")).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("attack needs a kind: replay-video");
    out.reset();
    assertThat(run("simulate", "bona-fide")).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("simulate needs a kind: bona-fide-session");
  }

  @Test
  void aMissingVideoIsReportedBeforeTheModelsLoad() {
    String video = dir.resolve("missing.mp4").toString();
    assertThat(run("attack", "replay-video", "--video", video, "--out", dir.resolve("out").toString())).isEqualTo(2);
    assertThat(json().get("error").asString()).isEqualTo("not-found");
    assertThat(json().get("detail").asString()).contains(video).contains("does not exist");
    out.reset();
    assertThat(run("simulate", "bona-fide-session", "--video", video, "--out", dir.toString())).isEqualTo(2);
    assertThat(json().get("error").asString()).isEqualTo("not-found");
  }

  @Test
  void aFileThatIsNotAVideoIsReportedBeforeTheModelsLoad() throws IOException {
    Path notVideo = write("notes.mp4", "plain text, not a video\n".repeat(40));
    assertThat(run("attack", "replay-video", "--video", notVideo.toString(), "--out", dir.resolve("out").toString()))
        .isEqualTo(2);
    assertThat(json().get("error").asString()).isEqualTo("validation-failed");
    assertThat(json().get("detail").asString()).contains(notVideo.toString());
  }

  @Test
  void evalSessionsRefusesAFolderWithoutSessionsOrWithABrokenOneBeforeTheModelsLoad() throws IOException {
    assertThat(run("eval", "sessions", "--dir", dir.toString())).isEqualTo(2);
    assertThat(json().get("error").asString()).isEqualTo("not-found");
    assertThat(json().get("detail").asString()).contains("No session folder");

    Files.createDirectories(dir.resolve("s1"));
    write("s1/session.json", "{\"format\": \"bonafide-session/1\", \"challenge\": {\"prompts\": []}, \"frames\": []}");
    out.reset();
    assertThat(run("eval", "sessions", "--dir", dir.toString())).isEqualTo(2);
    assertThat(json().get("detail").asString()).contains("s1").contains("challenge.prompts must be a non-empty array");
  }
}
