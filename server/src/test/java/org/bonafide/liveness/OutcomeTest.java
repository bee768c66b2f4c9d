package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How check results combine into an outcome, and the reason catalogue. */
class OutcomeTest {
  private static CheckResult failed(String id, LivenessReason reason) {
    return new CheckResult(id, false, 0, reason.code(), List.of(), Map.of());
  }

  private static CheckResult passed(String id) {
    return new CheckResult(id, true, 1, null, List.of(), Map.of());
  }

  @Test
  void anAttackTypeReasonFailsEvenBesideRetryReasons() {
    List<String> reasons =
        DefaultLivenessAnalyzer.reasons(
            List.of(
                failed("quality", LivenessReason.TOO_DARK),
                failed("blink", LivenessReason.BLINK_NOT_SEEN),
                passed("face-presence"),
                failed("colour-response", LivenessReason.COLOUR_RESPONSE_FLAT)));
    assertThat(reasons).containsExactly("colour-response-flat", "blink-not-seen", "too-dark");
    assertThat(DefaultLivenessAnalyzer.outcome(reasons)).isEqualTo(Outcome.FAILED);
  }

  @Test
  void onlyRetryReasonsAskForARetry() {
    List<String> reasons =
        DefaultLivenessAnalyzer.reasons(
            List.of(failed("movement", LivenessReason.MOVEMENT_TOO_FAST), failed("quality", LivenessReason.TOO_DARK)));
    assertThat(reasons).containsExactly("too-dark", "movement-too-fast");
    assertThat(DefaultLivenessAnalyzer.outcome(reasons)).isEqualTo(Outcome.RETRY);
  }

  @Test
  void noReasonsPass() {
    List<String> reasons = DefaultLivenessAnalyzer.reasons(List.of(passed("blink"), passed("movement")));
    assertThat(reasons).isEmpty();
    assertThat(DefaultLivenessAnalyzer.outcome(reasons)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void reasonCodesAreUniqueKebabCaseAndDescribed() {
    List<String> codes = Arrays.stream(LivenessReason.values()).map(LivenessReason::code).toList();
    assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z]+(-[a-z]+)*"));
    assertThat(LivenessReason.values()).allSatisfy(r -> assertThat(r.description()).isNotBlank());
    assertThat(LivenessReason.fromCode("movement-not-seen")).isEqualTo(LivenessReason.MOVEMENT_NOT_SEEN);
    assertThatThrownBy(() -> LivenessReason.fromCode("nope")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void docsListEveryReasonWithItsOutcome() throws java.io.IOException {
    String docs = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "liveness.md"));
    for (LivenessReason reason : LivenessReason.values()) {
      assertThat(docs)
          .as("docs/liveness.md lists %s", reason.code())
          .contains("| `" + reason.code() + "` | " + reason.outcome().code() + " | " + reason.description() + " |");
    }
    for (LivenessDetector detector : LivenessDetectors.create(java.util.Map.of())) {
      assertThat(docs).as("docs/liveness.md describes detector %s", detector.id()).contains("| `" + detector.id() + "` |");
    }
  }

  @Test
  void everyDetectorHasAUniqueIdAndADescription() {
    List<LivenessDetector> detectors = LivenessDetectors.create(java.util.Map.of());
    assertThat(detectors.stream().map(LivenessDetector::id).toList()).doesNotHaveDuplicates();
    assertThat(detectors).allSatisfy(d -> assertThat(d.description()).isNotBlank());
    // every detector runs by default but the retired face-swap signals (docs/liveness.md)
    assertThat(detectors.stream().filter(d -> !d.enabled()).map(LivenessDetector::id).toList())
        .containsExactlyInAnyOrder(LandmarkJitterDetector.ID, SkinToneDetector.ID, RppgDetector.ID);
  }

  @Test
  void colourAnnotationsMustFollowTheChallenge() {
    Challenge challenge = SyntheticCapture.challenge(Prompt.TURN_LEFT);
    List<Timeline.ColourSegment> shown =
        challenge.colours().stream().map(c -> new Timeline.ColourSegment(c.colour(), 0, 1)).toList();
    assertThat(ColourResponseDetector.followsChallenge(shown, challenge.colours())).isTrue();
    assertThat(ColourResponseDetector.followsChallenge(shown.subList(0, 5), challenge.colours())).isTrue();
    assertThat(ColourResponseDetector.followsChallenge(shown.subList(0, 4), challenge.colours())).isFalse();
    List<Timeline.ColourSegment> reversed = new java.util.ArrayList<>(shown);
    java.util.Collections.reverse(reversed);
    assertThat(ColourResponseDetector.followsChallenge(reversed, challenge.colours())).isFalse();
  }
}
