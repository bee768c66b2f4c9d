package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bonafide.Application;
import org.bonafide.scamintel.ScamIntelligence;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The operator's {@code intel} commands on a real embedded PostgreSQL. */
class IntelCommandIT {
  private final CliHarness cli = new CliHarness(Application.class);

  private int run(String... args) {
    return cli.run(args);
  }

  private JsonNode lastLine() {
    return cli.json();
  }

  @Test
  void aPoliceFeedIsImportedExportedAndADisputeResolved() throws IOException {
    Path root = Files.createDirectories(Path.of("target", "cli-data"));
    Path data = Files.createTempDirectory(root, "intel-");
    Path feed = data.resolve("police.jsonl");
    Files.writeString(
        feed,
        "{\"kind\":\"phone\",\"value\":\"+852 9123 4567\",\"category\":\"impersonation\"}\n"
            + "{\"kind\":\"crypto-wallet\",\"value\":\"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb\"}\n");
    assertThat(run("intel", "import", "--file", feed.toString(), "--source", "police", "--reporter", "police-feed",
            "--data-dir", data.toString())).isZero();
    JsonNode imported = lastLine();
    assertThat(imported.path("imported").asInt()).isEqualTo(1);
    assertThat(imported.path("rejected").asInt()).isEqualTo(1);
    assertThat(imported.path("rejections").get(0).path("reason").asString()).contains("checksum");

    Path export = data.resolve("export.jsonl");
    assertThat(run("intel", "export", "--out", export.toString(), "--data-dir", data.toString())).isZero();
    List<String> rows = Files.readAllLines(export);
    assertThat(rows).singleElement().asString().contains("+85291234567", "\"risk\":\"high\"").doesNotContain("police-feed");

    String disputeId;
    try (ConfigurableApplicationContext context = TenantCommand.openContext(Application.class, "--bonafide.data-dir=" + data.toAbsolutePath())) {
      Map<String, Object> opened = context.getBean(ScamIntelligence.class).dispute(null, "phone", "91234567", "my own number");
      disputeId = opened.get("id").toString();
    }
    assertThat(run("intel", "resolve-dispute", "--id", disputeId, "--clear", "true", "--actor", "duty officer", "--data-dir", data.toString()))
        .isZero();
    assertThat(lastLine().path("status").asString()).isEqualTo("cleared");
    assertThat(run("intel", "resolve-dispute", "--id", disputeId, "--clear", "false", "--actor", "duty officer", "--data-dir", data.toString()))
        .isEqualTo(2);
    assertThat(lastLine().path("error").asString()).isEqualTo("dispute-resolved");
    // the export reads the cleared dispute too: the report is set aside
    assertThat(run("intel", "export", "--out", export.toString(), "--data-dir", data.toString())).isZero();
    assertThat(Files.readAllLines(export)).singleElement().asString().contains("\"cleared-reports\":1").doesNotContain("\"risk\":\"high\"");
    assertThat(run("intel", "import", "--file", feed.toString(), "--source", "institution", "--reporter", "x")).isEqualTo(2);
  }
}
