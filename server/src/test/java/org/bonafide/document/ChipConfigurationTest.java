package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChipConfigurationTest {
  @TempDir Path dir;

  @Test
  void missingConfiguredPathStopsTheStartupNamingTheSetting() {
    ChipProperties properties = new ChipProperties();
    properties.setMasterLists(List.of(dir.resolve("icao.ml")));

    assertThatThrownBy(() -> new ChipConfiguration().chipVerifier(properties))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bonafide.documents.chip")
        .hasMessageContaining("icao.ml");
  }

  @Test
  void noConfigurationGivesAVerifierThatTrustsNothing() throws Exception {
    ChipVerifier verifier = new ChipConfiguration().chipVerifier(new ChipProperties());
    var groups = new java.util.TreeMap<Integer, byte[]>(java.util.Map.of(1, ChipFixture.dg1(), 2, ChipFixture.dg2()));
    ChipData chip = new ChipData(ChipFixture.sod(ChipFixture.Issuer.create("UT"), groups), groups);

    assertThat(verifier.verify(chip, ChipFixture.NOW).reasons()).containsExactly("chip-certificate-untrusted");
  }
}
