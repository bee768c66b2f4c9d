package org.bonafide.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bonafide.liveness.CheckResult;
import org.bonafide.shared.BonafideException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arithmetic and the input checks of {@code eval deepfake}, without models or videos. */
class DeepfakeEvalTest {
  @TempDir Path dir;

  private Path csv(String text) throws Exception {
    Path file = dir.resolve("labels.csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void aucIsTheShareOfFakeRealPairsRankedRightWithTiesCountingHalf() {
    assertThat(DeepfakeEval.auc(List.of(0.9, 0.8), List.of(0.1, 0.2))).isEqualTo(1.0);
    assertThat(DeepfakeEval.auc(List.of(0.1), List.of(0.9))).isEqualTo(0.0);
    // pairs: (0.5 vs 0.5) tie, (0.5 vs 0.2) win, (0.1 vs 0.5) loss, (0.1 vs 0.2) loss -> 1.5 / 4
    assertThat(DeepfakeEval.auc(List.of(0.5, 0.1), List.of(0.5, 0.2))).isEqualTo(0.375);
    assertThat(DeepfakeEval.auc(List.of(0.5), List.of())).isNaN();
  }

  @Test
  void theDeepfakeScoreAveragesOnlyTheFaceSwapChecks() {
    List<CheckResult> checks =
        List.of(
            new CheckResult("landmark-jitter", true, 0.8, null, List.of(), Map.of()),
            new CheckResult("skin-tone", false, 0.2, "skin-tone-mismatch", List.of(), Map.of()),
            new CheckResult("quality", true, 0.0, null, List.of(), Map.of()));
    assertThat(DeepfakeEval.deepfakeScore(checks)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(DeepfakeEval.deepfakeScore(List.of(checks.get(2)))).isNaN();
  }

  @Test
  void readsLabelsWithAndWithoutManipulation() throws Exception {
    List<DeepfakeEval.Labelled> rows =
        DeepfakeEval.labels(csv("video,label,manipulation\na.mp4,real,\nb.mp4,FAKE,face-swap\nc.mp4,fake,\n"));
    assertThat(rows)
        .containsExactly(
            new DeepfakeEval.Labelled("a.mp4", false, null),
            new DeepfakeEval.Labelled("b.mp4", true, "face-swap"),
            new DeepfakeEval.Labelled("c.mp4", true, null));
  }

  @Test
  void rejectsAnUnknownLabelNamingTheLine() throws Exception {
    Path file = csv("video,label\na.mp4,real\nb.mp4,maybe\n");
    assertThatThrownBy(() -> DeepfakeEval.labels(file))
        .isInstanceOf(BonafideException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("real or fake");
  }

  @Test
  void rejectsAMissingColumnAndAnEmptyFile() throws Exception {
    Path noLabel = csv("video\na.mp4\n");
    assertThatThrownBy(() -> DeepfakeEval.labels(noLabel)).isInstanceOf(BonafideException.class).hasMessageContaining("label");
    Path headerOnly = csv("video,label\n");
    assertThatThrownBy(() -> DeepfakeEval.labels(headerOnly)).isInstanceOf(BonafideException.class).hasMessageContaining("no rows");
  }

  @Test
  void rejectsAManipulationOnARealVideo() throws Exception {
    Path file = csv("video,label,manipulation\na.mp4,real,face-swap\n");
    assertThatThrownBy(() -> DeepfakeEval.labels(file)).isInstanceOf(BonafideException.class).hasMessageContaining("line 2");
  }
}
