package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.bonafide.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The packaged jar runs a command without starting the service and keeps stdout to one JSON line. */
class JarCommandIT {
  @TempDir Path dir;

  private record Result(int status, List<String> stdout, String stderr) {}

  private Result java(String... args) throws IOException, InterruptedException {
    Path jar = Path.of("target", "bonafide.jar");
    assertThat(jar).as("the repackaged jar (integration tests run after package)").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty() && rest.get(0).startsWith("-D")) {
      command.add(rest.remove(0));
    }
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(rest);
    Path stdout = dir.resolve("stdout");
    Path stderr = dir.resolve("stderr");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the command did not finish in 120 s");
    }
    return new Result(
        p.exitValue(), Files.readAllLines(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
  }

  @Test
  void compareRunsFromTheJarWithOneJsonLineOnStdout() throws Exception {
    Result r = java("compare", TestImages.photoPath(3).toString(), TestImages.photoPath(3).toString());
    assertThat(r.status()).as(r.stderr()).isZero();
    assertThat(r.stdout()).hasSize(1);
    JsonNode json = Json.MAPPER.readTree(r.stdout().get(0));
    assertThat(json.get("score").asDouble()).isGreaterThan(0.99);
    assertThat(json.get("match").asBoolean()).isTrue();
    assertThat(r.stderr()).contains("face models loaded").doesNotContain("Tomcat").doesNotContain("Started Application");
  }

  @Test
  void badInputExitsTwoWithTheErrorAsTheLastLine() throws Exception {
    Result r = java("eval", "pad", "--images", dir.toString(), "--labels", dir.resolve("none.csv").toString());
    assertThat(r.status()).isEqualTo(2);
    JsonNode json = Json.MAPPER.readTree(r.stdout().get(r.stdout().size() - 1));
    assertThat(json.get("error").asString()).isEqualTo("not-found");
  }

  @Test
  void decodesAVideoFromTheJarAndWritesAReplaySession() throws Exception {
    // FFmpeg's natives are loaded from the jar nested in the repackaged jar, into a fresh cache.
    Path video = TestVideos.write(
        dir.resolve("clip.mp4"), List.of(TestImages.crop(TestImages.SAMPLE3_MIDDLE), TestImages.crop(TestImages.SAMPLE1_MIDDLE)), 15, 25);
    Path out = dir.resolve("sessions");
    Result r =
        java(
            "-Dorg.bytedeco.javacpp.cachedir=" + dir.resolve("javacpp-cache"),
            "attack", "replay-video", "--video", video.toString(), "--out", out.toString(), "--seed", "5");
    assertThat(r.status()).as(r.stderr()).isZero();
    JsonNode json = Json.MAPPER.readTree(r.stdout().get(r.stdout().size() - 1));
    assertThat(json.get("frames").asInt()).isEqualTo(30);
    org.bonafide.liveness.SessionFolder session =
        org.bonafide.liveness.SessionFolder.read(Path.of(json.get("sessions").get(0).get("folder").asString()));
    assertThat(session.attackType()).isEqualTo("replay-video");
    assertThat(session.capture().frames()).hasSize(json.get("sessions").get(0).get("frames").asInt()).isNotEmpty();
  }
}
