package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckDigitTest {
  @Test
  void computesTheIcaoSpecimenCheckDigits() {
    assertThat(CheckDigit.compute("L898902C3")).isEqualTo('6');
    assertThat(CheckDigit.compute("740812")).isEqualTo('2');
    assertThat(CheckDigit.compute("120415")).isEqualTo('9');
    assertThat(CheckDigit.compute("ZE184226B<<<<<")).isEqualTo('1');
    assertThat(CheckDigit.compute("D23145890")).isEqualTo('7');
  }

  @Test
  void weighsSevenThreeOneWithLettersFromTenAndFillerZero() {
    // A=10 (x7) + Z=35 (x3) + <=0 (x1) + 1 (x7) = 70 + 105 + 0 + 7 = 182
    assertThat(CheckDigit.compute("AZ<1")).isEqualTo('2');
    assertThat(CheckDigit.compute("")).isEqualTo('0');
  }

  @Test
  void verifiesOnlyTheRightDigit() {
    assertThat(CheckDigit.verifies("L898902C3", '6')).isTrue();
    assertThat(CheckDigit.verifies("L898902C3", '5')).isFalse();
    assertThat(CheckDigit.verifies("L898902C3", '<')).isFalse();
    assertThat(CheckDigit.verifies("L8989?2C3", '6')).isFalse();
  }

  @Test
  void rejectsCharactersAnMrzCannotHold() {
    assertThatThrownBy(() -> CheckDigit.compute("ab")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' at 0");
  }

  @Test
  void knowsIcaoCodesAndRejectsFictionalOnes() {
    assertThat(IcaoCountries.isKnown("D<<")).isTrue();
    assertThat(IcaoCountries.isKnown("CHE")).isTrue();
    assertThat(IcaoCountries.isKnown("GBN")).isTrue();
    assertThat(IcaoCountries.isKnown("XXA")).isTrue();
    assertThat(IcaoCountries.isKnown("EUE")).isTrue();
    assertThat(IcaoCountries.isKnown("UTO")).isFalse();
    assertThat(IcaoCountries.isKnown("ZZZ")).isFalse();
    assertThat(IcaoCountries.isKnown("<<<")).isFalse();
  }
}
