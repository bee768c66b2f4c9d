package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrintedDataTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
  private static final MrzResult ERIKSSON =
      Mrz.parse(
          List.of("P<SWEERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36SWE7408122F3404159<<<<<<<<<<<<<<<4"),
          TODAY);
  /** The same page with the birth date moved to 1979 in the MRZ only (check digits recomputed). */
  private static final MrzResult ERIKSSON_1979 =
      Mrz.parse(
          List.of("P<SWEERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36SWE7908127F3404159<<<<<<<<<<<<<<<4"),
          TODAY);

  private static final String PAGE =
      """
      KINGDOM OF SWEDEN  PASSPORT
      Surname / Nom
      ERIKSSON
      Given names / Prénoms
      ANNA MARIA
      Date of birth / Date de naissance
      12 AUG/AOUT 74
      Passport No. L898902C3
      Date of expiry 15 APR/AVR 34
      """;

  @Test
  void theMrzsZoneIsConsistentWithItsOwnPrintedPage() {
    assertThat(ERIKSSON.intact()).isTrue();
    DocumentCheck check = PrintedData.compare(ERIKSSON, PAGE);
    assertThat(check.passed()).as("%s", check.details()).isTrue();
    assertThat(check.details().get("found"))
        .isEqualTo(List.of("lastName", "birthDate", "firstName", "documentNumber", "expirationDate"));
    assertThat(check.score()).isEqualTo(1.0);
  }

  @Test
  void anMrzBirthDateEditedWithoutThePrintedOneIsAMismatch() {
    assertThat(ERIKSSON_1979.intact()).isTrue();
    DocumentCheck check = PrintedData.compare(ERIKSSON_1979, PAGE);
    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).isEqualTo("printed-data-mismatch");
    assertThat(check.details().get("disagreeing")).isEqualTo(List.of("birthDate"));
  }

  @Test
  void aPrintedSurnameReplacedIsAMismatch() {
    DocumentCheck check = PrintedData.compare(ERIKSSON, PAGE.replace("ERIKSSON", "JOHANSSON"));
    assertThat(check.passed()).isFalse();
    assertThat(check.details().get("disagreeing")).isEqualTo(List.of("lastName"));
  }

  @Test
  void toleratesOneOcrSlipInALongWordAndOtherDateForms() {
    String page = "Surname ERIKSS0N  Given names ANNA MARIA  Born 12.08.1974  Expires 2034-04-15";
    DocumentCheck check = PrintedData.compare(ERIKSSON, page);
    assertThat(check.passed()).as("%s", check.details()).isTrue();
    assertThat(check.details().get("found").toString()).contains("lastName", "birthDate", "expirationDate");
  }

  @Test
  void readsNamesInTheIcaoTransliteration() {
    MrzResult mueller =
        Mrz.parse(
            List.of("P<DEUMUELLER<<JOERG<<<<<<<<<<<<<<<<<<<<<<<<<", "C01X00T478DEU6408125M3404159<<<<<<<<<<<<<<<6"),
            TODAY);
    assertThat(mueller.value("lastName")).isEqualTo("MUELLER");
    DocumentCheck check = PrintedData.compare(mueller, "Name MÜLLER Vorname JÖRG Geburtsdatum 12.08.1964");
    assertThat(check.details().get("found")).as("%s", check.details()).isEqualTo(List.of("lastName", "birthDate", "firstName"));
  }

  @Test
  void textTooSparseToJudgeIsNotEvidence() {
    DocumentCheck check = PrintedData.compare(ERIKSSON, "ll 1 %% ~");
    assertThat(check.passed()).isTrue();
    assertThat(check.details().get("legible")).isEqualTo(false);
    assertThat(check.score()).isEqualTo(0.0);
  }

  @Test
  void datesNeedDayMonthAndYearTogether() {
    assertThat(PrintedData.hasDate(PrintedData.words("12 AUG 1974"), LocalDate.of(1974, 8, 12))).isTrue();
    assertThat(PrintedData.hasDate(PrintedData.words("12 SEP 1974"), LocalDate.of(1974, 8, 12))).isFalse();
    assertThat(PrintedData.hasDate(PrintedData.words("12 AUG 1975"), LocalDate.of(1974, 8, 12))).isFalse();
    assertThat(PrintedData.hasDate(PrintedData.words("1974 08 12"), LocalDate.of(1974, 8, 12))).isTrue();
    assertThat(PrintedData.hasDate(PrintedData.words("12 08 2074"), LocalDate.of(1974, 8, 12))).isFalse();
  }
}
