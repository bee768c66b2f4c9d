package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bonafide.liveness.SyntheticCapture.start;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The blend detector's scores aggregated per step: reported by default, failing when enforced. */
class BlendArtefactsDetectorTest {
  private static final Challenge CHALLENGE = SyntheticCapture.challenge(Prompt.TURN_LEFT, Prompt.BLINK);
  private static final long TURN = start(CHALLENGE, Prompt.TURN_LEFT);
  private static final long BLINK = start(CHALLENGE, Prompt.BLINK);

  private static CheckResult evaluate(SyntheticCapture capture, boolean enforce) {
    BlendArtefactsDetector.Settings settings =
        DetectorSettings.bind(
            BlendArtefactsDetector.Settings.class, Map.of(DetectorSettings.PREFIX + BlendArtefactsDetector.ID + ".enforce", String.valueOf(enforce)));
    return new BlendArtefactsDetector(settings).evaluate(capture.build(null));
  }

  @Test
  void lowScoresPass() {
    CheckResult r = evaluate(new SyntheticCapture(CHALLENGE).blendScore(t -> 0.2), true);
    assertThat(r.passed()).as("%s", r).isTrue();
    assertThat(r.details()).containsEntry("blended", "false");
  }

  @Test
  void aSwapThatBreaksInOneStepFailsByItsWorstStepWhenEnforced() {
    SyntheticCapture capture =
        new SyntheticCapture(CHALLENGE).blendScore(t -> t >= TURN && t < BLINK ? 0.9 : 0.2);
    CheckResult enforced = evaluate(capture, true);
    assertThat(enforced.passed()).isFalse();
    assertThat(enforced.reason()).isEqualTo("blend-artefacts");
    assertThat(enforced.details()).containsEntry("worstStep", "turn_left");
    // by default it is reported, not enforced
    CheckResult reported = evaluate(capture, false);
    assertThat(reported.passed()).isTrue();
    assertThat(reported.details()).containsEntry("blended", "true");
  }

  @Test
  void oneOddFrameDoesNotDecide() {
    CheckResult r = evaluate(new SyntheticCapture(CHALLENGE).blendScore(t -> t == TURN + 800 ? 0.99 : 0.2), true);
    assertThat(r.passed()).as("%s", r).isTrue();
  }

  @Test
  void tooFewScoredFramesAreNotJudged() {
    CheckResult r = evaluate(new SyntheticCapture(CHALLENGE), true);
    assertThat(r.passed()).isTrue();
    assertThat(r.details()).containsEntry("note", "too few scored face frames");
  }
}
