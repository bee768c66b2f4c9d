package org.bonafide.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.liveness.Capture;
import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.CheckResult;
import org.bonafide.liveness.ColourFlash;
import org.bonafide.liveness.FrameFingerprint;
import org.bonafide.liveness.LivenessAnalyzer;
import org.bonafide.liveness.LivenessReport;
import org.bonafide.liveness.MediaFingerprints;
import org.bonafide.liveness.Outcome;
import org.bonafide.liveness.Prompt;
import org.bonafide.liveness.PromptStep;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;



/**
 * {@code eval attacks} on a fake analyzer: the kinds that need no face engine (replay-session,
 * virtual-camera) are built from made bona fide sessions, and the fake decides each outcome from
 * what the attack kit leaves in the telemetry, so every expected figure is known.
 */
class AttacksEvalTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** The camera label the kit's virtual camera reports. */
  private static final String VIRTUAL_CAMERA = "OBS Virtual Camera";

  /**
   * A virtual camera's sessions (its label in the telemetry) fail on the injection check with score
   * 0.1; every other session gets the outcome and score its telemetry names (replay-session keeps
   * the source's telemetry, so a replay of a passing bona fide session passes too).
   */
  private static final LivenessAnalyzer FAKE =
      (capture, reference) -> {
        if (VIRTUAL_CAMERA.equals(capture.telemetry().get("cameraLabel"))) {
          return new LivenessReport(
              Outcome.FAILED,
              List.of("virtual-camera"),
              List.of(
                  new CheckResult("injection", false, 0.1, "virtual-camera", List.of(), Map.of()),
                  new CheckResult("blink", true, 0.9, null, List.of(), Map.of())),
              List.of(),
              capture.frames().size(),
              5,
              Map.of(),
              fingerprints(capture));
        }
        Outcome outcome = Outcome.valueOf((String) capture.telemetry().get("fake-outcome"));
        double score = Double.parseDouble((String) capture.telemetry().get("fake-score"));
        boolean passed = outcome == Outcome.PASSED;
        return new LivenessReport(
            outcome,
            passed ? List.of() : List.of("colour-response-mismatch"),
            List.of(
                new CheckResult("colour-response", passed, score, passed ? null : "colour-response-mismatch", List.of(), Map.of()),
                new CheckResult("blink", true, 0.95, null, List.of(), Map.of())),
            List.of(),
            capture.frames().size(),
            5,
            Map.of(),
            fingerprints(capture));
      };

  /** The frames' fingerprints, as the real analyzer hands them to the replay check. */
  private static MediaFingerprints fingerprints(Capture capture) {
    return new MediaFingerprints(
        capture.frames().stream().map(f -> FrameFingerprint.of(f.index(), f.image())).filter(Objects::nonNull).toList(),
        List.of());
  }

  private void bonaFide(String name, Outcome outcome, double score) {
    Challenge challenge =
        new Challenge(
            List.of(new PromptStep(Prompt.HOLD_STILL, 2500), new PromptStep(Prompt.BLINK, 2500)),
            List.of(new ColourFlash("#ff0000", 500), new ColourFlash("#00ff00", 500)));
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(48, 64), 0.8f);
    List<CapturedFrame> frames =
        List.of(
            new CapturedFrame(0, 0, Prompt.HOLD_STILL, "#ff0000", jpeg),
            new CapturedFrame(1, 400, Prompt.HOLD_STILL, "#ff0000", jpeg),
            new CapturedFrame(2, 800, Prompt.HOLD_STILL, "#00ff00", jpeg));
    Capture capture =
        new Capture(challenge, frames, Map.of("fake-outcome", outcome.name(), "fake-score", Double.toString(score)));
    SessionFolder.bonaFide(capture, "simulated bona fide (test): " + name).write(dir.resolve("bona").resolve(name));
  }

  private JsonNode run(String... args) {
    CommandContext ctx =
        new CommandContext(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            settings -> null, // neither these kinds nor the fake analyzer need a face engine
            System::nanoTime);
    return Json.MAPPER.valueToTree(
        AttacksEval.run(Args.parse("eval attacks", List.of(args), AttacksEval.OPTIONS), ctx, engine -> FAKE));
  }

  @Test
  void anAttackCaughtOnlyByTheReplayCheckWouldHavePassedWithoutIt() {
    CheckResult replay = new CheckResult("replay", false, 0.0, "media-seen-before", List.of(), Map.of());
    CheckResult blink = new CheckResult("blink", true, 0.9, null, List.of(), Map.of());
    CheckResult dark = new CheckResult("quality", false, 0.4, "too-dark", List.of(), Map.of());
    CheckResult colour = new CheckResult("colour-response", false, 0.1, "colour-response-flat", List.of(), Map.of());
    LivenessReport onlyReplay = new LivenessReport(Outcome.FAILED, List.of("media-seen-before"), List.of(blink, replay), List.of(), 10, 1);
    LivenessReport replayAndRetry =
        new LivenessReport(Outcome.FAILED, List.of("media-seen-before", "too-dark"), List.of(replay, dark), List.of(), 10, 1);
    LivenessReport replayAndColour =
        new LivenessReport(Outcome.FAILED, List.of("media-seen-before"), List.of(replay, dark, colour), List.of(), 10, 1);

    assertThat(AttacksEval.Tally.outcomeWithout(onlyReplay, "replay")).isEqualTo(Outcome.PASSED);
    assertThat(AttacksEval.Tally.outcomeWithout(replayAndRetry, "replay")).isEqualTo(Outcome.RETRY);
    assertThat(AttacksEval.Tally.outcomeWithout(replayAndColour, "replay")).isEqualTo(Outcome.FAILED);
  }

  @Test
  void reportsApcerPerTypeBpcerAndTheDetectorsThatFired() throws IOException {
    bonaFide("a", Outcome.PASSED, 0.8);
    bonaFide("b", Outcome.PASSED, 0.7);
    bonaFide("c", Outcome.FAILED, 0.2);
    bonaFide("d", Outcome.RETRY, 0.5);
    Path report = dir.resolve("report");

    JsonNode r =
        run("--bona-fide", dir.resolve("bona").toString(), "--kit", "replay-session,virtual-camera", "--out", report.toString(),
            "--count", "2");

    assertThat(r.get("sessions").asInt()).isEqualTo(4 + 8 + 8);
    assertThat(r.get("bona_fide").asInt()).isEqualTo(4);
    assertThat(r.get("attack").asInt()).isEqualTo(16);
    // Replays of a, b (passed), c (failed), d (retry), each twice.
    assertThat(r.get("attacks_by_type").get("replay-session").get("passed").asInt()).isEqualTo(4);
    assertThat(r.get("attacks_by_type").get("replay-session").get("retry").asInt()).isEqualTo(2);
    assertThat(r.get("apcer_by_type").get("replay-session").asDouble()).isEqualTo(4.0 / 6);
    assertThat(r.get("apcer_by_type").get("virtual-camera").asDouble()).isZero();
    assertThat(r.get("apcer_max").asDouble()).isEqualTo(4.0 / 6);
    assertThat(r.get("apcer_worst_type").asString()).isEqualTo("replay-session");
    assertThat(r.get("bpcer").asDouble()).isEqualTo(1.0 / 3);
    assertThat(r.get("bpnrr").asDouble()).isEqualTo(1.0 / 4);
    assertThat(r.get("apnrr").asDouble()).isEqualTo(2.0 / 16);
    assertThat(r.get("detectors_fired_by_type").get("virtual-camera").get("injection").asDouble()).isEqualTo(1.0);
    assertThat(r.get("detectors_fired_by_type").get("bona fide").get("colour-response").asDouble()).isEqualTo(2.0 / 4);
    assertThat(r.get("detectors_fired_by_type").get("virtual-camera").has("blink")).isFalse();
    // the virtual camera plays the bona fide sessions' own frames: media seen before, which the
    // evaluation's replay history finds (the 3-frame replayed sessions are too short to tell)
    assertThat(r.get("detectors_fired_by_type").get("virtual-camera").get("replay").asDouble()).isEqualTo(1.0);
    assertThat(r.get("detectors_fired_by_type").get("replay-session").has("replay")).isFalse();
    // the injection check catches the virtual camera without the replay check too
    assertThat(r.get("apcer_by_type_without_replay").get("virtual-camera").asDouble()).isZero();
    assertThat(r.get("apcer_by_type_without_replay").get("replay-session").asDouble()).isEqualTo(4.0 / 6);
    assertThat(r.get("reasons_by_type").get("virtual-camera").get("virtual-camera").asInt()).isEqualTo(8);
    // every analysed session's replay lookup is timed, bona fide and attacks alike
    assertThat(r.get("ms_by_stage").get("replay").asDouble()).isNotNegative();
    assertThat(r.get("share_by_stage").get("replay").asDouble()).isEqualTo(1.0);

    // The attack folders are written per kind, labelled with their kind.
    Path replayFolder = report.resolve("sessions/replay-session/a-replay-session-000");
    assertThat(SessionFolder.read(replayFolder).attackType()).isEqualTo("replay-session");
    assertThat(SessionFolder.findAll(report.resolve("sessions/virtual-camera"))).hasSize(8);

    // Bona fide first, then the attacks, one line each with the DET score.
    List<String> lines = Files.readAllLines(report.resolve("sessions.jsonl"));
    assertThat(lines).hasSize(20);
    assertThat(lines.get(0)).contains("\"session\":\"a\"").contains("\"score\":0.8");
    assertThat(lines.get(4)).contains("\"attack_type\":\"replay-session\"");
    assertThat(lines.get(19)).contains("\"attack_type\":\"virtual-camera\"").contains("\"score\":0.1");

    String md = Files.readString(report.resolve("report.md"));
    assertThat(md)
        .contains("| replay-session | 8 | 4 | 2 | 2 | 66.7% | at most 1% | **not met** |")
        .contains("| virtual-camera | 8 | 0 | 8 | 0 | 0.0% | at most 1% | met |")
        .contains("BPCER (2 passed, 1 failed) | 33.3% | at most 3% | **not met**")
        .contains("4 of the 4 bona fide sessions are simulated")
        .contains("lowest score of its checks")
        .contains("| virtual-camera | 8 | 0.000 | 0.000 | separated");
    BufferedImage det = ImageIO.read(report.resolve("det.png").toFile());
    assertThat(det).isNotNull();
    assertThat(det.getWidth()).isGreaterThan(500);
    assertThat(r.get("det").asString()).endsWith("det.png");
  }

  @Test
  void aSecondRunReplacesTheFirstRunsAttackFolders() throws IOException {
    bonaFide("a", Outcome.PASSED, 0.8);
    Path report = dir.resolve("report");
    run("--bona-fide", dir.resolve("bona").toString(), "--kit", "replay-session", "--out", report.toString(), "--count", "3");
    run("--bona-fide", dir.resolve("bona").toString(), "--kit", "replay-session", "--out", report.toString());

    assertThat(SessionFolder.findAll(report.resolve("sessions"))).hasSize(1);
  }

  @Test
  void livenessScoreIsTheWeakestCheck() {
    LivenessReport report =
        new LivenessReport(
            Outcome.PASSED,
            List.of(),
            List.of(
                new CheckResult("a", true, 0.9, null, List.of(), Map.of()),
                new CheckResult("b", true, 0.35, null, List.of(), Map.of())),
            List.of(),
            1,
            1);
    assertThat(AttacksEval.livenessScore(report)).isEqualTo(0.35);
  }
}
