package org.bonafide.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.liveness.Capture;
import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.ColourFlash;
import org.bonafide.liveness.LivenessAnalyzer;
import org.bonafide.liveness.LivenessReport;
import org.bonafide.liveness.Outcome;
import org.bonafide.liveness.Prompt;
import org.bonafide.liveness.PromptStep;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;


/**
 * The arithmetic of {@code eval sessions} on a fake analyzer: each session's telemetry says which
 * outcome the fake gives it, so the expected rates are known.
 */
class SessionsEvalTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Gives the outcome named in the capture's telemetry, with one reason per failure. */
  private static final LivenessAnalyzer FAKE =
      (capture, reference) -> {
        Outcome outcome = Outcome.valueOf((String) capture.telemetry().get("fake-outcome"));
        List<String> reasons =
            switch (outcome) {
              case PASSED -> List.of();
              case FAILED -> List.of("colour-response-mismatch");
              case RETRY -> List.of("too-dark");
            };
        if (reference != null) {
          throw new AssertionError("no session here has a reference");
        }
        // every session is measured in 30 ms; only the failed ones run a 10 ms detector
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("measure", 30.0);
        if (outcome == Outcome.FAILED) {
          stages.put("quality", 10.0);
        }
        return new LivenessReport(outcome, reasons, List.of(), List.of(), capture.frames().size(), 5, stages, org.bonafide.liveness.MediaFingerprints.NONE);
      };

  private void session(String name, String label, String attackType, Outcome outcome) {
    Challenge challenge =
        new Challenge(
            List.of(new PromptStep(Prompt.HOLD_STILL, 1000), new PromptStep(Prompt.BLINK, 2500)),
            List.of(new ColourFlash("#ff0000", 500), new ColourFlash("#00ff00", 500)));
    Capture capture =
        new Capture(
            challenge,
            List.of(new CapturedFrame(0, 0, Prompt.HOLD_STILL, "#ff0000", TestImages.jpeg(TestImages.gradient(32, 32), 0.8f))),
            Map.of("fake-outcome", outcome.name()));
    new SessionFolder(capture, label, attackType, null, null).write(dir.resolve(name));
  }

  private JsonNode run(String... args) {
    CommandContext ctx =
        new CommandContext(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            settings -> null, // the fake analyzer needs no face engine
            new java.util.function.LongSupplier() {
              private long now;

              @Override
              public long getAsLong() {
                now += 1_000_000; // each reading 1 ms after the last
                return now;
              }
            });
    JsonNode result =
        Json.MAPPER.valueToTree(
            SessionsEval.run(Args.parse("eval sessions", List.of(args), SessionsEval.OPTIONS), ctx, engine -> FAKE));
    return result;
  }

  @Test
  void countsRetryAsANonResponseAndReportsTheWorstAttackType() throws IOException {
    session("bona/1", "bona_fide", null, Outcome.PASSED);
    session("bona/2", "bona_fide", null, Outcome.FAILED);
    session("bona/3", "bona_fide", null, Outcome.RETRY);
    session("replay/1", "attack", "replay-video", Outcome.PASSED);
    session("replay/2", "attack", "replay-video", Outcome.FAILED);
    session("replay/3", "attack", "replay-video", Outcome.FAILED);
    session("replay/4", "attack", "replay-video", Outcome.RETRY);
    session("print/1", "attack", "print", Outcome.FAILED);
    session("print/2", "attack", "print", Outcome.FAILED);
    session("other/1", null, null, Outcome.PASSED);

    Path jsonl = dir.resolve("per-session.jsonl");
    JsonNode r = run("--dir", dir.toString(), "--out", jsonl.toString());

    assertThat(r.get("sessions").asInt()).isEqualTo(10);
    assertThat(r.get("bona_fide").asInt()).isEqualTo(3);
    assertThat(r.get("attack").asInt()).isEqualTo(6);
    assertThat(r.get("unlabelled").asInt()).isEqualTo(1);
    assertThat(r.get("apcer_by_type").get("replay-video").asDouble()).isEqualTo(1.0 / 3);
    assertThat(r.get("apcer_by_type").get("print").asDouble()).isZero();
    assertThat(r.get("apcer").asDouble()).isEqualTo(1.0 / 3);
    assertThat(r.get("apcer_worst_type").asString()).isEqualTo("replay-video");
    assertThat(r.get("bpcer").asDouble()).isEqualTo(0.5);
    assertThat(r.get("apnrr").asDouble()).isEqualTo(1.0 / 6);
    assertThat(r.get("bpnrr").asDouble()).isEqualTo(1.0 / 3);
    assertThat(r.get("reasons").get("colour-response-mismatch").asInt()).isEqualTo(5);
    assertThat(r.get("reasons").get("too-dark").asInt()).isEqualTo(2);
    assertThat(r.get("ms_per_session").isNumber()).isTrue();
    // per session: measure 30 ms, quality 10 ms in half of them, the replay lookup one clock tick (1 ms)
    assertThat(r.get("ms_by_stage").propertyNames()).containsExactly("measure", "replay", "quality");
    assertThat(r.get("ms_by_stage").get("measure").asDouble()).isEqualTo(30.0);
    assertThat(r.get("ms_by_stage").get("quality").asDouble()).isEqualTo(5.0);
    assertThat(r.get("ms_by_stage").get("replay").asDouble()).isEqualTo(1.0);
    assertThat(r.get("share_by_stage").get("measure").asDouble()).isEqualTo(0.8333);
    assertThat(r.get("share_by_stage").get("quality").asDouble()).isEqualTo(0.1389);
    assertThat(r.get("share_by_stage").get("replay").asDouble()).isEqualTo(0.0278);
    List<String> lines = Files.readAllLines(jsonl);
    assertThat(lines).hasSize(10);
    assertThat(lines.get(0))
        .contains("\"session\":\"bona/1\"")
        .contains("\"outcome\":\"passed\"")
        .contains("\"stage_ms\":{\"measure\":30.0,\"replay\":1.0}");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("\"session\":\"replay/4\"").contains("\"outcome\":\"retry\"");
  }

  @Test
  void ratesWithoutSessionsToCountAreNull() {
    session("a", "bona_fide", null, Outcome.RETRY);

    JsonNode r = run("--dir", dir.toString());

    assertThat(r.get("apcer").isNull()).isTrue();
    assertThat(r.get("apcer_worst_type").isNull()).isTrue();
    assertThat(r.get("bpcer").isNull()).as("the only bona fide session got no response").isTrue();
    assertThat(r.get("bpnrr").asDouble()).isEqualTo(1.0);
    assertThat(r.get("apnrr").isNull()).isTrue();
  }
}
