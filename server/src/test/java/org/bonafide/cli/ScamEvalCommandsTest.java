package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code train messages}, {@code eval messages} and {@code eval urls} on files the test writes. */
class ScamEvalCommandsTest {
  @TempDir Path dir;

  private final CliHarness cli = new CliHarness(null);

  private int run(String... args) {
    return cli.run(args);
  }

  private JsonNode json() {
    return cli.json();
  }

  @Test
  void evalUrlsScoresEveryRowWithTheLookalikeRules() throws IOException {
    Path file = dir.resolve("urls.csv");
    Files.writeString(
        file,
        """
        label,url
        legit,https://www.hsbc.com.hk/en-hk/
        legit,https://www.wikipedia.org/
        legit,https://news.ycombinator.com/item?id=1
        scam,https://hsbc-hk-verify.top/login
        scam,https://hbsc.com.hk/
        scam,hxxps://paypa1[.]com/signin
        """);
    assertThat(run("eval", "urls", "--file", file.toString())).isZero();
    JsonNode r = json();
    assertThat(r.get("rows").asInt()).isEqualTo(6);
    assertThat(r.get("scams").asInt()).isEqualTo(3);
    assertThat(r.get("precision").asDouble()).isEqualTo(1.0);
    assertThat(r.get("recall").asDouble()).isEqualTo(1.0);
    assertThat(r.get("auc").asDouble()).isEqualTo(1.0);
    assertThat(r.has("f1") && r.has("threshold")).isTrue();

    Files.writeString(file, "label,url\nmaybe,https://example.com/\n");
    assertThat(run("eval", "urls", "--file", file.toString())).isEqualTo(2);
  }

  @Test
  void trainMessagesWritesAModelThatEvalMessagesReads() throws IOException {
    StringBuilder csv = new StringBuilder("label,text\n");
    for (int i = 0; i < 200; i++) {
      csv.append("scam,\"URGENT! You won a £").append(1000 + i).append(" prize, call 09061701461 to claim\"\n");
      csv.append("legit,see you at lunch tomorrow number ").append(i).append('\n');
    }
    Path file = dir.resolve("messages.csv");
    Files.writeString(file, csv);
    Path model = dir.resolve("model.tsv");
    assertThat(run("train", "messages", "--file", file.toString(), "--out", model.toString(), "--epochs", "3")).isZero();
    JsonNode trained = json();
    assertThat(trained.get("held_out_rows").asInt()).isPositive();
    assertThat(trained.get("held_out").get("f1").asDouble()).isEqualTo(1.0);
    assertThat(Files.readString(model)).startsWith("# Bonafide message model").contains("train messages --file messages.csv");
    assertThat(run("eval", "messages", "--file", file.toString(), "--model", model.toString(), "--split", "holdout")).isZero();
    JsonNode evaluated = json();
    assertThat(evaluated.get("rows").asInt()).isEqualTo(trained.get("held_out_rows").asInt());
    for (String key : new String[] {"precision", "recall", "f1", "auc", "threshold"}) {
      assertThat(evaluated.has(key)).as(key).isTrue();
    }
    // the shipped model scores the same file
    assertThat(run("eval", "messages", "--file", file.toString())).isZero();
    assertThat(json().get("rows").asInt()).isEqualTo(400);
    assertThat(run("eval", "messages", "--file", file.toString(), "--split", "half")).isEqualTo(2);
  }
}
