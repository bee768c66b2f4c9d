package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Settings bind from {@code bonafide.detectors.<id>.*} and switch detectors off. */
class DetectorPropertiesTest {
  private static DetectorProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bind("bonafide.detectors", DetectorProperties.class)
        .orElseGet(DetectorProperties::new);
  }

  @Test
  void bindsEachDetectorsSettingsUnderItsId() {
    DetectorProperties p =
        bind(
            Map.of(
                "bonafide.detectors.movement.min-angle", "20",
                "bonafide.detectors.colour-response.enabled", "false",
                "bonafide.detectors.colour-response.max-lag-ms", "300",
                "bonafide.detectors.hand-sweep.occluded-similarity", "0.3",
                "bonafide.detectors.same-person.min-similarity", "0.6",
                "bonafide.detectors.analysis.threads", "4"));
    assertThat(p.getMovement().getMinAngle()).isEqualTo(20);
    assertThat(p.getColourResponse().isEnabled()).isFalse();
    assertThat(p.getColourResponse().getMaxLagMs()).isEqualTo(300);
    assertThat(p.getHandSweep().getOccludedSimilarity()).isEqualTo(0.3);
    assertThat(p.getSamePerson().getMinSimilarity()).isEqualTo(0.6);
    assertThat(p.getAnalysis().getThreads()).isEqualTo(4);
    assertThat(p.getBlink().isEnabled()).isTrue();
  }

  @Test
  void aDisabledDetectorDoesNotRun() {
    DetectorProperties p = bind(Map.of("bonafide.detectors.blink.enabled", "false"));
    Challenge challenge = SyntheticCapture.challenge(Prompt.TURN_LEFT, Prompt.BLINK);
    java.util.Map<String, Double> stages = new java.util.LinkedHashMap<>();
    var checks =
        DefaultLivenessAnalyzer.evaluate(
            new SyntheticCapture(challenge).build(null), DefaultLivenessAnalyzer.detectors(p), stages);
    assertThat(checks).extracting(CheckResult::id).doesNotContain("blink").contains("movement", "face-presence");
    // a time for every detector that ran, none for the one that did not
    assertThat(stages.keySet()).containsExactlyElementsOf(checks.stream().map(CheckResult::id).toList());
    assertThat(stages.values()).allSatisfy(ms -> assertThat(ms).isNotNegative());
  }

  @Test
  void aCaptureWithoutFacesAsksForARetryInsteadOfFailingTheChallenge() {
    Challenge challenge = SyntheticCapture.challenge(Prompt.TURN_LEFT, Prompt.BLINK);
    DetectorProperties properties = new DetectorProperties();
    // the synthetic clock ticks exactly every 80 ms, which the injection check rightly calls synthetic
    properties.getInjection().setEnabled(false);
    var checks =
        DefaultLivenessAnalyzer.evaluate(
            new SyntheticCapture(challenge).faces(t -> t % 240 == 0 ? 1 : 0).build(null),
            DefaultLivenessAnalyzer.detectors(properties),
            new java.util.HashMap<>());
    assertThat(checks).extracting(CheckResult::id).doesNotContain("movement", "blink", "colour-response");
    java.util.List<String> reasons = DefaultLivenessAnalyzer.reasons(checks);
    assertThat(reasons).containsExactly("no-face");
    assertThat(DefaultLivenessAnalyzer.outcome(reasons)).isEqualTo(Outcome.RETRY);
  }
}
