package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.bonafide.shared.BonafideException;
import org.junit.jupiter.api.Test;

class MrzTest {
  private static final LocalDate IN_2010 = LocalDate.of(2010, 6, 1);

  /** The ICAO 9303 passport specimen, issued by Germany instead of the fictional Utopia. */
  private static final String TD3_1 = "P<D<<ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
  private static final String TD3_2 = "L898902C36D<<7408122F1204159ZE184226B<<<<<10";

  /** Replaces the characters at {@code col} and recomputes nothing. */
  private static String put(String line, int col, String s) {
    return line.substring(0, col) + s + line.substring(col + s.length());
  }

  /** Sets the check digit at {@code col} to the one over {@code line[from, to)}. */
  private static String fix(String line, int col, int from, int to) {
    return put(line, col, String.valueOf(CheckDigit.compute(line.substring(from, to))));
  }

  private static String td3Composite(String line2) {
    return put(line2, 43, String.valueOf(CheckDigit.compute(line2.substring(0, 10) + line2.substring(13, 20) + line2.substring(21, 43))));
  }

  @Test
  void parsesEveryFieldOfAPassport() {
    MrzResult r = Mrz.parse(List.of(TD3_1, TD3_2), IN_2010);
    assertThat(r.format()).isEqualTo(MrzFormat.TD3);
    assertThat(r.valid()).isTrue();
    assertThat(r.reasons()).isEmpty();
    assertThat(r.value("documentCode")).isEqualTo("P");
    assertThat(r.value("issuingState")).isEqualTo("D");
    assertThat(r.value("lastName")).isEqualTo("ERIKSSON");
    assertThat(r.value("firstName")).isEqualTo("ANNA MARIA");
    assertThat(r.value("documentNumber")).isEqualTo("L898902C3");
    assertThat(r.value("nationality")).isEqualTo("D");
    assertThat(r.field("birthDate").orElseThrow().date()).isEqualTo(LocalDate.of(1974, 8, 12));
    assertThat(r.value("sex")).isEqualTo("female");
    assertThat(r.field("expirationDate").orElseThrow().date()).isEqualTo(LocalDate.of(2012, 4, 15));
    assertThat(r.value("personalNumber")).isEqualTo("ZE184226B");
  }

  @Test
  void theIcaoSpecimenIsIntactButForItsFictionalState() {
    MrzResult r =
        Mrz.parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", IN_2010);
    assertThat(r.intact()).isFalse();
    assertThat(r.reasons()).containsExactly("mrz-invalid-country");
    assertThat(r.fields().stream().filter(f -> f.kind() == MrzField.Kind.CHECK)).allMatch(MrzField::valid);
  }

  @Test
  void flagsEachWrongCheckDigitIncludingTheComposite() {
    for (int col : new int[] {9, 19, 27, 42, 43}) {
      char right = TD3_2.charAt(col);
      String wrong = put(TD3_2, col, String.valueOf((char) ('0' + (right - '0' + 1) % 10)));
      MrzResult r = Mrz.parse(List.of(TD3_1, wrong), IN_2010);
      assertThat(r.reasons()).as("column %s", col).contains("mrz-check-digit");
      assertThat(r.fields().stream().filter(f -> !f.valid()).map(MrzField::start)).as("column %s", col).contains(col);
    }
  }

  @Test
  void anImpossibleDateIsAnInvalidDateNotOnlyABadCheckDigit() {
    String month13 = td3Composite(fix(put(TD3_2, 13, "741312"), 19, 13, 19));
    MrzResult r = Mrz.parse(List.of(TD3_1, month13), IN_2010);
    assertThat(r.reasons()).containsExactly("mrz-invalid-date");
    String feb30 = td3Composite(fix(put(TD3_2, 21, "120230"), 27, 21, 27));
    assertThat(Mrz.parse(List.of(TD3_1, feb30), IN_2010).reasons()).containsExactly("mrz-invalid-date");
  }

  @Test
  void anExpiredDocumentIsIntactButNotValid() {
    MrzResult r = Mrz.parse(List.of(TD3_1, TD3_2), LocalDate.of(2012, 4, 16));
    assertThat(r.intact()).isTrue();
    assertThat(r.expired()).isTrue();
    assertThat(r.valid()).isFalse();
    assertThat(r.reasons()).containsExactly("document-expired");
    assertThat(Mrz.parse(List.of(TD3_1, TD3_2), LocalDate.of(2012, 4, 15)).valid()).isTrue();
  }

  @Test
  void resolvesTwoDigitYearsBirthInThePastExpiryUpToTwentyYearsAhead() {
    LocalDate today = LocalDate.of(2026, 1, 1);
    String born2025 = td3Composite(fix(put(TD3_2, 13, "250101"), 19, 13, 19));
    assertThat(Mrz.parse(List.of(TD3_1, born2025), today).field("birthDate").orElseThrow().date()).isEqualTo(LocalDate.of(2025, 1, 1));
    String born1927 = td3Composite(fix(put(TD3_2, 13, "270101"), 19, 13, 19));
    assertThat(Mrz.parse(List.of(TD3_1, born1927), today).field("birthDate").orElseThrow().date()).isEqualTo(LocalDate.of(1927, 1, 1));
    String expires2045 = td3Composite(fix(put(TD3_2, 21, "450101"), 27, 21, 27));
    assertThat(Mrz.parse(List.of(TD3_1, expires2045), today).field("expirationDate").orElseThrow().date()).isEqualTo(LocalDate.of(2045, 1, 1));
    String expires1950 = td3Composite(fix(put(TD3_2, 21, "500101"), 27, 21, 27));
    assertThat(Mrz.parse(List.of(TD3_1, expires1950), today).field("expirationDate").orElseThrow().date()).isEqualTo(LocalDate.of(1950, 1, 1));
  }

  @Test
  void aPassportCodeMustStartWithP() {
    MrzResult r = Mrz.parse(List.of(put(TD3_1, 0, "I<"), TD3_2), IN_2010);
    assertThat(r.reasons()).containsExactly("mrz-invalid-document-type");
  }

  @Test
  void aNameWithDigitsIsMalformed() {
    MrzResult r = Mrz.parse(List.of(put(TD3_1, 5, "ER1KSSON"), TD3_2), IN_2010);
    assertThat(r.reasons()).containsExactly("mrz-invalid-name");
  }

  @Test
  void parsesTheIcaoTd1SpecimenWithItsLongDocumentNumber() {
    // ICAO 9303 part 5: D23145890734, check digit 9, continued in the optional data (Utopia
    // replaced by Sweden: no check digit covers the state codes).
    MrzResult r =
        Mrz.parse(
            List.of("I<SWED23145890<7349<<<<<<<<<<<", "3407127M9507122SWE<<<<<<<<<<<2", "STEVENSON<<PETER<JOHN<<<<<<<<<"), IN_2010);
    assertThat(r.format()).isEqualTo(MrzFormat.TD1);
    assertThat(r.value("documentNumber")).isEqualTo("D23145890734");
    assertThat(r.value("documentNumberCheckDigit")).isEqualTo("9");
    assertThat(r.intact()).as(r.fields().toString()).isTrue();
  }

  @Test
  void parsesATd1CardWithAShortNumber() {
    MrzResult r =
        Mrz.parse(
            "IDCHEA1234567<6<<<<<<<<<<<<<<<\\n7510256M2009018CHE<<<<<<<<<<<8\\nSMITH<<JOHN<ALBERT<<<<<<<<<<<<", IN_2010);
    assertThat(r.valid()).isTrue();
    assertThat(r.value("documentCode")).isEqualTo("ID");
    assertThat(r.value("documentNumber")).isEqualTo("A1234567");
    assertThat(r.value("firstName")).isEqualTo("JOHN ALBERT");
    assertThat(r.value("sex")).isEqualTo("male");
  }

  @Test
  void parsesTd2() {
    String l2 = "D231458907SWE7408122F1204159<<<<<<<6";
    MrzResult r = Mrz.parse(List.of("I<SWEERIKSSON<<ANNA<MARIA<<<<<<<<<<<", l2), IN_2010);
    assertThat(r.format()).isEqualTo(MrzFormat.TD2);
    assertThat(r.valid()).isTrue();
    assertThat(r.value("optionalData")).isEmpty();
    MrzResult broken = Mrz.parse(List.of("I<SWEERIKSSON<<ANNA<MARIA<<<<<<<<<<<", put(l2, 35, "7")), IN_2010);
    assertThat(broken.field("compositeCheckDigit").orElseThrow().valid()).isFalse();
  }

  @Test
  void parsesVisas() {
    String l2 = "L8988901C4XXX4009078F96121096ZE184226B<<<<<<";
    MrzResult a = Mrz.parse(List.of("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", l2), IN_2010);
    assertThat(a.format()).isEqualTo(MrzFormat.MRVA);
    assertThat(a.field("documentNumberCheckDigit").orElseThrow().valid()).isTrue();
    assertThat(a.value("optionalData")).isEqualTo("6ZE184226B");
    MrzResult b = Mrz.parse(List.of("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", l2.substring(0, 36)), IN_2010);
    assertThat(b.format()).isEqualTo(MrzFormat.MRVB);
  }

  @Test
  void readsTheFrenchIdentityCardLayout() {
    MrzResult r = Mrz.parse(List.of("IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "9409923102854CORINNE<<<<<<<6512068F4"), IN_2010);
    assertThat(r.format()).isEqualTo(MrzFormat.FRENCH_NATIONAL_ID);
    assertThat(r.valid()).isTrue();
    assertThat(r.value("documentNumber")).isEqualTo("940992310285");
    assertThat(r.value("serialNumber")).isEqualTo("10285");
    assertThat(r.value("issuingOffice")).isEqualTo("923");
    assertThat(r.field("issueDate").orElseThrow().date()).isEqualTo(LocalDate.of(1994, 9, 1));
    assertThat(r.value("firstName")).isEqualTo("CORINNE");
    assertThat(r.value("lastName")).isEqualTo("BERTHIER");
  }

  @Test
  void readsTheFrenchDrivingLicence() {
    MrzResult r = Mrz.parse("D1FRA13AA000026181231MARTIN<<9", IN_2010);
    assertThat(r.format()).isEqualTo(MrzFormat.FRENCH_DRIVING_LICENSE);
    assertThat(r.intact()).isTrue();
    assertThat(r.value("documentNumber")).isEqualTo("13AA00002");
    assertThat(r.value("lastName")).isEqualTo("MARTIN");
    assertThat(Mrz.parse("D1FRA13AA000026181231MARTIN<<8", IN_2010).reasons()).containsExactly("mrz-check-digit");
  }

  @Test
  void readsTheSwissDrivingLicenceWhoseOnlyCheckIsShape() {
    List<String> lines = List.of("AAA001D<<", "FACHE305142128097<<800126<<<<<", "MARCHAND<<FABIENNE<<<<<<<<<<<<");
    MrzResult r = Mrz.parse(lines, IN_2010);
    assertThat(r.format()).isEqualTo(MrzFormat.SWISS_DRIVING_LICENSE);
    assertThat(r.valid()).isTrue();
    assertThat(r.value("documentNumber")).isEqualTo("AAA001D");
    assertThat(r.value("pinCode")).isEqualTo("305142128");
    MrzResult wrong = Mrz.parse(List.of("AAA001X<<", lines.get(1).replace("FACHE", "FAFRA"), lines.get(2)), IN_2010);
    assertThat(wrong.reasons()).containsExactly("mrz-invalid-country", "mrz-malformed");
  }

  @Test
  void theIcaoTd1SpecimenVerifiesEveryCheckDigit() {
    MrzResult r =
        Mrz.parse(
            List.of("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"), IN_2010);
    assertThat(r.fields().stream().filter(f -> f.kind() == MrzField.Kind.CHECK)).hasSize(4).allMatch(MrzField::valid);
    assertThat(r.reasons()).containsExactly("mrz-invalid-country");
    assertThat(r.value("documentNumber")).isEqualTo("D23145890");
  }

  @Test
  void anIcaoTd2FromFranceIsNotMistakenForTheFrenchCard() {
    MrzResult r = Mrz.parse(List.of("IDFRADUPONT<<MARIE<<<<<<<<<<<<<<<<<<", "X4RTBPFW46FRA9001011F3001019<<<<<<<4"), IN_2010);
    assertThat(r.format()).isEqualTo(MrzFormat.TD2);
    assertThat(r.valid()).isTrue();
    assertThat(r.value("firstName")).isEqualTo("MARIE");
  }

  @Test
  void textWithoutAnMrzShapeIsABadInput() {
    assertThatThrownBy(() -> Mrz.parse("not an mrz", IN_2010))
        .isInstanceOf(BonafideException.class)
        .hasMessageContaining("not a machine-readable zone");
    assertThatThrownBy(() -> Mrz.parse("x".repeat(5000), IN_2010)).isInstanceOf(IllegalArgumentException.class);
  }
}
