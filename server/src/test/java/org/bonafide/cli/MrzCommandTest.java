package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code mrz check} and {@code eval mrz-text}: output keys and exit codes. */
class MrzCommandTest {
  private static final String PASSPORT =
      "P<D<<ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\\nL898902C36D<<7408122F1204159ZE184226B<<<<<10";

  @TempDir Path dir;

  private final CliHarness cli = new CliHarness(null);

  private int run(String... args) {
    return cli.run(args);
  }

  private JsonNode json() {
    return cli.json();
  }

  @Test
  void checksAValidZone() {
    assertThat(run("mrz", "check", PASSPORT, "--today", "2011-01-01")).isZero();
    JsonNode r = json();
    assertThat(r.get("format").asString()).isEqualTo("TD3");
    assertThat(r.get("valid").asBoolean()).isTrue();
    assertThat(r.get("fields").get("documentNumber").asString()).isEqualTo("L898902C3");
    assertThat(r.get("fields").get("birthDateIso").asString()).isEqualTo("1974-08-12");
    assertThat(r.get("reasons")).isEmpty();
  }

  @Test
  void aZoneThatFailsItsChecksStillExitsZero() {
    assertThat(run("mrz", "check", PASSPORT.replace("<<<<<10", "<<<<<20"), "--today", "2030-01-01")).isZero();
    JsonNode r = json();
    assertThat(r.get("valid").asBoolean()).isFalse();
    assertThat(r.get("reasons").toString()).contains("mrz-check-digit", "document-expired");
    assertThat(r.get("problems").has("personalNumberCheckDigit")).isTrue();
  }

  @Test
  void correctsLookAlikesWhenAsked() {
    assertThat(run("mrz", "check", PASSPORT.replace("7408122F", "74O8122F"), "--today", "2011-01-01", "--correct", "true")).isZero();
    JsonNode r = json();
    assertThat(r.get("valid").asBoolean()).isTrue();
    assertThat(r.get("corrections").toString()).contains("'O' -> '0'");
  }

  @Test
  void textThatIsNoZoneIsBadInput() {
    assertThat(run("mrz", "check", "hello")).isEqualTo(Cli.BAD_INPUT);
    assertThat(json().get("error").asString()).isEqualTo("validation-failed");
    assertThat(run("mrz", "check", PASSPORT, "--today", "yesterday")).isEqualTo(Cli.BAD_INPUT);
    assertThat(run("mrz")).isEqualTo(Cli.BAD_INPUT);
  }

  @Test
  void evalReportsAgreementAndEveryMismatch() throws IOException {
    Path labels = dir.resolve("v.jsonl");
    Files.writeString(
        labels,
        """
        {"mrz": "D1FRA13AA000026181231MARTIN<<9", "format": "FRENCH_DRIVING_LICENSE", "valid": true, "fields": {"documentNumber": "13AA00002", "lastName": "MARTIN"}}
        {"mrz": "D1FRA13AA000026181231MARTIN<<8", "format": "FRENCH_DRIVING_LICENSE", "valid": false, "fields": {"compositeCheckDigit": null}}
        {"mrz": "D1FRA13AA000026181231MARTIN<<9", "format": "FRENCH_DRIVING_LICENSE", "valid": true, "fields": {"lastName": "DUPONT"}}
        {"mrz": "D1FRA13AA000026181231MARTIN<<9", "format": null, "valid": null, "fields": {}}
        """);
    assertThat(run("eval", "mrz-text", "--labels", labels.toString())).isZero();
    JsonNode r = json();
    assertThat(r.get("vectors").asInt()).isEqualTo(4);
    assertThat(r.get("labelled").asInt()).isEqualTo(3);
    assertThat(r.get("validity_agreement").asDouble()).isEqualTo(1.0);
    assertThat(r.get("format_accuracy").asDouble()).isEqualTo(1.0);
    assertThat(r.get("field_accuracy").asDouble()).isEqualTo(0.75);
    assertThat(r.get("field_accuracy_by_field").get("lastName").asDouble()).isEqualTo(0.5);
    assertThat(r.get("failed")).hasSize(1);
    assertThat(r.get("failed").get(0).get("expected").asString()).isEqualTo("DUPONT");
    assertThat(r.get("ms_per_vector").isNumber()).isTrue();
    assertThat(r.get("correction").get("trials").asInt()).isPositive();
  }

  @Test
  void evalRejectsALabelsFileThatIsNotJsonLines() throws IOException {
    Path labels = Files.writeString(dir.resolve("bad.jsonl"), "not json\n");
    assertThat(run("eval", "mrz-text", "--labels", labels.toString())).isEqualTo(Cli.BAD_INPUT);
    assertThat(json().get("detail").asString()).contains("line 1");
  }
}
