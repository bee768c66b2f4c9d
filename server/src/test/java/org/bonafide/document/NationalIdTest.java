package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class NationalIdTest {
  private final NationalIdHongKong hk = new NationalIdHongKong();
  private final NationalIdChina cn = new NationalIdChina(InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));

  @Test
  void acceptsAValidHongKongNumberInAnyUsualSpelling() {
    for (String s : new String[] {"A123456(3)", "a1234563", " A 123456 (3) "}) {
      NationalIdResult r = hk.validate(s);
      assertThat(r.valid()).as(s).isTrue();
      assertThat(r.normalized()).isEqualTo("A123456(3)");
      assertThat(r.reason()).isNull();
    }
  }

  @Test
  void computesTwoLetterPrefixesAndTheCheckCharacterA() {
    char c = NationalIdHongKong.checkCharacter("AB", "987654");
    // 10*9 + 11*8 + 9*7 + 8*6 + 7*5 + 6*4 + 5*3 + 4*2 = 371 = 11*33 + 8 -> 3
    assertThat(c).isEqualTo('3');
    assertThat(hk.validate("AB987654(3)").valid()).isTrue();
    String withA = null;
    for (int n = 0; n < 1000 && withA == null; n++) {
      String digits = String.format("%06d", n);
      if (NationalIdHongKong.checkCharacter("G", digits) == 'A') {
        withA = "G" + digits + "(A)";
      }
    }
    assertThat(withA).isNotNull();
    assertThat(hk.validate(withA).valid()).isTrue();
  }

  @Test
  void rejectsWrongHongKongCheckCharactersAndShapes() {
    NationalIdResult wrong = hk.validate("A123456(4)");
    assertThat(wrong.valid()).isFalse();
    assertThat(wrong.reason()).isEqualTo(DocumentReason.NATIONAL_ID_INVALID);
    assertThat(wrong.explanation()).contains("expected 3");
    assertThat(hk.validate("123456(3)").valid()).isFalse();
    assertThat(hk.validate("ABC123456(3)").valid()).isFalse();
    assertThat(hk.validate("A12345(3)").valid()).isFalse();
    assertThat(hk.validate("A123456(B)").valid()).isFalse();
  }

  @Test
  void acceptsAValidMainlandNumberAndReadsItsData() {
    NationalIdResult r = cn.validate("11010519491231002x");
    assertThat(r.valid()).as(r.explanation()).isTrue();
    assertThat(r.normalized()).isEqualTo("11010519491231002X");
    assertThat(r.fields())
        .containsEntry("province", "Beijing")
        .containsEntry("regionCode", "110105")
        .containsEntry("birthDate", "1949-12-31")
        .containsEntry("sex", "female");
    assertThat(r.toCheck().passed()).isTrue();
  }

  @Test
  void rejectsMainlandNumbersWithAWrongCheckDateOrProvince() {
    assertThat(cn.validate("110105194912310021").explanation()).contains("expected X");
    String badDate = "4401061990023" + "0123";
    assertThat(cn.validate(badDate + NationalIdChina.checkCharacter(badDate)).explanation()).contains("birth date");
    String future = "4401062030010" + "1123";
    assertThat(cn.validate(future + NationalIdChina.checkCharacter(future)).explanation()).contains("birth date");
    String noProvince = "9901051949123" + "1002";
    NationalIdResult r = cn.validate(noProvince + NationalIdChina.checkCharacter(noProvince));
    assertThat(r.valid()).isFalse();
    assertThat(r.explanation()).contains("names no province");
    assertThat(cn.validate("1101051949123100").valid()).isFalse();
    assertThat(cn.validate("11010519491231002X").toCheck().reason()).isNull();
    assertThat(cn.validate("110105194912310021").toCheck().reason()).isEqualTo("national-id-invalid");
  }

  @Test
  void theRegistryFindsValidatorsByIdAndCountry() {
    NationalIds ids = NationalIds.standard();
    assertThat(ids.forCountry("HKG")).singleElement().extracting(NationalIdValidator::id).isEqualTo("hk-identity-card");
    assertThat(ids.validate("cn-resident-identity-card", "11010519491231002X").valid()).isTrue();
    assertThatThrownBy(() -> ids.validate("nowhere", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hk.validate("x".repeat(100))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NationalIds(java.util.List.of(hk, hk))).isInstanceOf(IllegalArgumentException.class);
  }
}
