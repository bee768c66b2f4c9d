package org.bonafide.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.bonafide.cli.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;


/** {@code bench face-index} on a small population, with either engine. */
class FaceIndexBenchTest {
  @TempDir Path dir;

  private final CliHarness cli = new CliHarness(null);

  @Test
  void theFlatEngineIsTheDefaultAndFindsTheExactTopTen() {
    assertThat(cli.run("bench", "face-index", "--faces", "5000", "--queries", "60", "--recall-queries", "30",
        "--dir", dir.resolve("flat").toString(), "--candidates", "1000", "--sweep", "10")).isZero();
    JsonNode out = cli.json();
    assertThat(out.get("engine").asString()).isEqualTo("flat");
    assertThat(out.get("faces").asInt()).isEqualTo(5000);
    assertThat(out.get("reopened_faces").asInt()).isEqualTo(5000);
    assertThat(out.get("recall_at_10").asDouble()).isGreaterThanOrEqualTo(0.99);
    assertThat(out.get("mated_top1").asDouble()).isEqualTo(1.0);
    // ten candidates leave no room to re-rank: the one-bit estimates alone miss some of the ten
    assertThat(out.get("sweep").get(0).get("recall_at_10").asDouble()).isLessThan(0.95);
    // the graph's identification at the match threshold finds every face the exact search does,
    // with queries whose matches sit just above it
    JsonNode above = out.get("above_threshold");
    assertThat(above.get("threshold").asDouble()).isEqualTo(0.51);
    assertThat(above.get("exact_hits").asInt()).isPositive();
    assertThat(above.get("exact_hits_within_0_05").asInt()).isPositive();
    assertThat(above.get("recall_at_10").asDouble()).isEqualTo(1.0);
  }

  @Test
  void theGraphEngineRunsToo() {
    assertThat(cli.run("bench", "face-index", "--engine", "hnsw", "--faces", "2000", "--queries", "40",
        "--recall-queries", "20", "--dir", dir.resolve("hnsw").toString())).isZero();
    JsonNode out = cli.json();
    assertThat(out.get("engine").asString()).isEqualTo("hnsw");
    assertThat(out.get("candidates").asInt()).isEqualTo(320);
    assertThat(out.get("recall_at_10").asDouble()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void anUnknownEngineIsAUsageError() {
    assertThat(cli.run("bench", "face-index", "--engine", "faiss", "--faces", "10")).isEqualTo(2);
  }
}
