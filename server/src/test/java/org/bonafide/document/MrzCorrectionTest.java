package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MrzCorrectionTest {
  private static final String L1 = "P<D<<ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
  private static final String L2 = "L898902C36D<<7408122F1204159ZE184226B<<<<<10";

  @Test
  void leavesACorrectZoneAlone() {
    MrzCorrection.Corrected c = MrzCorrection.correct(List.of(L1, L2));
    assertThat(c.lines()).containsExactly(L1, L2);
    assertThat(c.corrections()).isEmpty();
  }

  @Test
  void turnsLookAlikeLettersIntoDigitsInDatesAndDigitsIntoLettersInNames() {
    String l1 = L1.replace("ERIKSSON", "ER1KSS0N");
    String l2 = L2.replace("7408122F1204159", "74O8122F12O4159");
    MrzCorrection.Corrected c = MrzCorrection.correct(List.of(l1, l2));
    assertThat(c.lines()).containsExactly(L1, L2);
    assertThat(c.corrections()).hasSize(4).anyMatch(s -> s.contains("'O' -> '0' (birthDate expects digits)"));
  }

  @Test
  void usesTheCheckDigitToChooseBetweenLookAlikesInTheDocumentNumber() {
    // 'L898902C3' read as 'L8989O2C3': letters and digits are both allowed there; only the check digit decides.
    String l2 = L2.replace("L898902C3", "L8989O2C3");
    MrzCorrection.Corrected c = MrzCorrection.correct(List.of(L1, l2));
    assertThat(c.lines()).containsExactly(L1, L2);
    assertThat(c.corrections()).singleElement().asString().contains("documentNumber check digit verifies");
    assertThat(Mrz.parse(c.lines(), LocalDate.of(2010, 1, 1)).valid()).isTrue();
  }

  @Test
  void padsAndCutsLinesToTheNearestFormat() {
    MrzCorrection.Corrected c = MrzCorrection.correct(List.of(" " + L1.substring(0, 40) + " ", L2 + "<<"));
    assertThat(c.lines()).containsExactly(L1, L2);
    assertThat(c.corrections()).hasSize(2);
  }

  @Test
  void leavesAnAmbiguousNumberAsRead() {
    // Two look-alikes but a check digit that no swap satisfies: nothing is guessed.
    String l2 = L2.replace("L898902C36", "L8989O2C35");
    MrzCorrection.Corrected c = MrzCorrection.correct(List.of(L1, l2));
    assertThat(c.lines().get(1)).startsWith("L8989O2C35");
  }
}
