package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * Each detector's settings record binds under {@code bonafide.detectors.<id>}, refuses bad values,
 * and switches its detector off; the service's detector beans are the ones the command line makes.
 */
class DetectorSettingsTest {
  private static LivenessDetector detector(List<LivenessDetector> detectors, String id) {
    return detectors.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void bindsEachDetectorsSettingsUnderItsId() {
    List<LivenessDetector> detectors =
        LivenessDetectors.create(
            Map.of(
                "bonafide.detectors.movement.min-angle", "20",
                "bonafide.detectors.colour-response.enabled", "false",
                "bonafide.detectors.colour-response.max-lag-ms", "300",
                "bonafide.detectors.hand-sweep.occluded-similarity", "0.3",
                "bonafide.detectors.same-person.min-similarity", "0.6",
                "bonafide.detectors.injection.virtual-cameras", "acme cam,other cam"));
    assertThat(((MovementDetector) detector(detectors, "movement")).settings().minAngle()).isEqualTo(20);
    ColourResponseDetector colour = (ColourResponseDetector) detector(detectors, "colour-response");
    assertThat(colour.enabled()).isFalse();
    assertThat(colour.settings().maxLagMs()).isEqualTo(300);
    assertThat(((HandSweepDetector) detector(detectors, "hand-sweep")).settings().occludedSimilarity()).isEqualTo(0.3);
    assertThat(((SamePersonDetector) detector(detectors, "same-person")).settings().minSimilarity()).isEqualTo(0.6);
    assertThat(((InjectionDetector) detector(detectors, "injection")).settings().virtualCameras())
        .containsExactly("acme cam", "other cam");
    assertThat(detector(detectors, "blink").enabled()).isTrue();
    // the rest keep their defaults
    assertThat(((MovementDetector) detector(detectors, "movement")).settings().graceMs()).isEqualTo(600);
    assertThat(DetectorSettings.bind(AnalysisSettings.class, Map.of("bonafide.detectors.analysis.threads", "4")).threads())
        .isEqualTo(4);
  }

  @Test
  void everyDetectorsSettingsAreBoundUnderItsOwnId() {
    for (LivenessDetector detector : LivenessDetectors.create(Map.of())) {
      Object settings = ((ConfiguredDetector<?>) detector).settings();
      ConfigurationProperties binding = settings.getClass().getAnnotation(ConfigurationProperties.class);
      assertThat(binding).as("%s has a bound settings record", detector.id()).isNotNull();
      assertThat(binding.value()).isEqualTo("bonafide.detectors." + detector.id());
    }
    assertThat(ReplayCheck.Settings.class.getAnnotation(ConfigurationProperties.class).value())
        .isEqualTo("bonafide.detectors." + ReplayCheck.ID);
  }

  @Test
  void refusesValuesOutsideTheirRangeNamingTheSetting() {
    assertThatThrownBy(() -> LivenessDetectors.create(Map.of("bonafide.detectors.movement.min-angle", "-5")))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("bonafide.detectors.movement")
        .rootCause()
        .hasMessage("min-angle must lie between 0 and 90, not -5");
    assertThatThrownBy(() -> LivenessDetectors.create(Map.of("bonafide.detectors.hand-sweep.hand-presence", "NaN")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("hand-presence must lie between 0 and 1");
    assertThatThrownBy(() -> LivenessDetectors.create(Map.of("bonafide.detectors.blink.grace-ms", "soon")))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("bonafide.detectors.blink.grace-ms");
    assertThatThrownBy(
            () -> DetectorSettings.bind(AnalysisSettings.class, Map.of("bonafide.detectors.analysis.attack-score-every", "0")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessage("attack-score-every must be at least 1, not 0");
  }

  @Test
  void aDisabledDetectorDoesNotRun() {
    List<LivenessDetector> detectors = LivenessDetectors.create(Map.of("bonafide.detectors.blink.enabled", "false"));
    Challenge challenge = SyntheticCapture.challenge(Prompt.TURN_LEFT, Prompt.BLINK);
    Map<String, Double> stages = new LinkedHashMap<>();
    var checks = DefaultLivenessAnalyzer.evaluate(new SyntheticCapture(challenge).build(null), detectors, stages);
    assertThat(checks).extracting(CheckResult::id).doesNotContain("blink").contains("movement", "face-presence");
    // a time for every detector that ran, none for the one that did not
    assertThat(stages.keySet()).containsExactlyElementsOf(checks.stream().map(CheckResult::id).toList());
    assertThat(stages.values()).allSatisfy(ms -> assertThat(ms).isNotNegative());
  }

  @Test
  void aCaptureWithoutFacesAsksForARetryInsteadOfFailingTheChallenge() {
    Challenge challenge = SyntheticCapture.challenge(Prompt.TURN_LEFT, Prompt.BLINK);
    // the synthetic clock ticks exactly every 80 ms, which the injection check rightly calls synthetic
    List<LivenessDetector> detectors = LivenessDetectors.create(Map.of("bonafide.detectors.injection.enabled", "false"));
    var checks =
        DefaultLivenessAnalyzer.evaluate(
            new SyntheticCapture(challenge).faces(t -> t % 240 == 0 ? 1 : 0).build(null), detectors, new HashMap<>());
    assertThat(checks).extracting(CheckResult::id).doesNotContain("movement", "blink", "colour-response");
    List<String> reasons = DefaultLivenessAnalyzer.reasons(checks);
    assertThat(reasons).containsExactly("no-face");
    assertThat(DefaultLivenessAnalyzer.outcome(reasons)).isEqualTo(Outcome.RETRY);
  }

  @Test
  void passiveAnalysisRunsOnlyTheChecksThatNeedNoChallenge() {
    List<String> passive =
        LivenessDetectors.create(Map.of()).stream().filter(LivenessDetector::passive).map(LivenessDetector::id).toList();
    assertThat(passive)
        .containsExactly(
            "face-presence", "quality", "same-person", "passive-attack", "landmark-jitter", "blending-seam",
            "blend-artefacts", "skin-tone", "rppg");
  }

  @Test
  void theDefaultsCommentedInTheApplicationYamlAreTheRecordsDefaults() throws Exception {
    String yaml;
    try (var in = getClass().getResourceAsStream("/application.yml")) {
      yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    // the commented block "#bonafide:" ... up to the first line that is not a comment
    List<String> lines = yaml.lines().toList();
    int from = lines.indexOf("#bonafide:");
    assertThat(from).as("application.yml lists the detectors' defaults").isNotNegative();
    StringBuilder block = new StringBuilder();
    for (int i = from; i < lines.size() && lines.get(i).startsWith("#"); i++) {
      block.append(lines.get(i).substring(1)).append('\n');
    }
    Map<String, Object> listed = new org.yaml.snakeyaml.Yaml().load(block.toString());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> byId =
        (Map<String, Map<String, Object>>) ((Map<String, Object>) listed.get("bonafide")).get("detectors");
    Map<String, Object> records = new LinkedHashMap<>();
    for (LivenessDetector detector : LivenessDetectors.create(Map.of())) {
      records.put(detector.id(), ((ConfiguredDetector<?>) detector).settings());
    }
    records.put("analysis", AnalysisSettings.defaults());
    records.put(ReplayCheck.ID, ReplayCheck.Settings.defaults());
    assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(records.keySet());
    for (var entry : records.entrySet()) {
      Map<String, Object> shown = byId.get(entry.getKey());
      for (var component : entry.getValue().getClass().getRecordComponents()) {
        String key = component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
        Object value = component.getAccessor().invoke(entry.getValue());
        if (value == null || value instanceof List<?>) {
          continue; // lists and unset values are described in words
        }
        String where = entry.getKey() + "." + key;
        assertThat(shown).as("application.yml shows %s", where).containsKey(key);
        Object documented = shown.get(key);
        if (value instanceof Boolean) {
          assertThat(documented).as(where).isEqualTo(value);
        } else {
          assertThat(((Number) documented).doubleValue()).as(where).isEqualTo(((Number) value).doubleValue());
        }
      }
    }
  }

  /** The detectors as the service makes them: component scan and configuration-properties scan. */
  @Configuration(proxyBeanMethods = false)
  @ComponentScan(
      basePackageClasses = LivenessDetector.class,
      useDefaultFilters = false,
      includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = LivenessDetector.class))
  @ConfigurationPropertiesScan(basePackageClasses = LivenessDetector.class)
  static class DetectorBeans {}

  @Test
  void theServicesDetectorBeansAreTheCommandLinesInTheSameOrder() {
    new ApplicationContextRunner()
        .withUserConfiguration(DetectorBeans.class)
        .withPropertyValues("bonafide.detectors.movement.min-angle=22")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              List<LivenessDetector> beans = context.getBeanProvider(LivenessDetector.class).orderedStream().toList();
              assertThat(beans.stream().map(LivenessDetector::id))
                  .containsExactlyElementsOf(LivenessDetectors.create(Map.of()).stream().map(LivenessDetector::id).toList());
              assertThat(context.getBean(MovementDetector.class).settings().minAngle()).isEqualTo(22);
            });
  }

  @Test
  void aRefusedSettingStopsTheServiceFromStartingAndSaysWhy() {
    new ApplicationContextRunner()
        .withUserConfiguration(DetectorBeans.class)
        .withPropertyValues("bonafide.detectors.profile-turn.min-angle=120")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessage("min-angle must lie between 0 and 90, not 120");
            });
  }
}
