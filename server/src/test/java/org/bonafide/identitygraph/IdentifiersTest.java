package org.bonafide.identitygraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  private final Identifiers ids =
      new Identifiers("HK", Identifiers.DEFAULT_SUBADDRESSING_DOMAINS, TODAY);

  private String accepted(EntityKind kind, String raw) {
    Normalised n = ids.validate(kind, raw);
    assertThat(n.refusal()).as("refusal of %s", raw).isNull();
    assertThat(ids.normalise(kind, raw)).contains(n.canonical());
    return n.canonical();
  }

  private String refused(EntityKind kind, String raw) {
    Normalised n = ids.validate(kind, raw);
    assertThat(n.isAccepted()).as("%s accepted as %s", raw, n.canonical()).isFalse();
    assertThat(ids.normalise(kind, raw)).isEmpty();
    assertThat(n.refusal()).isNotBlank();
    return n.refusal();
  }

  @Test
  void nullIsAProgrammingErrorNotARefusal() {
    assertThatThrownBy(() -> ids.validate(EntityKind.PHONE, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ids.normalise(null, "x")).isInstanceOf(NullPointerException.class);
  }

  @Test
  void blankAndOverlongValuesAreRefusedForEveryKind() {
    for (EntityKind kind : EntityKind.values()) {
      assertThat(refused(kind, "   ")).isNotEmpty();
      assertThat(refused(kind, "1".repeat(Identifiers.MAX_LENGTH + 1))).contains("longer than");
    }
  }

  @Test
  void aRefusalBecomesAValidationProblemWithoutTheValue() {
    Normalised n = ids.validate(EntityKind.EMAIL, "secret-person@@example.com");
    assertThatThrownBy(n::orElseThrow)
        .isInstanceOfSatisfying(
            BonafideException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
              assertThat(e.getMessage()).startsWith("Not a usable email: ").doesNotContain("secret-person");
              assertThat(e.properties()).containsEntry("kind", "email");
            });
    assertThat(ids.validate(EntityKind.EMAIL, "a@example.com").orElseThrow()).isEqualTo("a@example.com");
  }

  @Nested
  class Phone {
    @ParameterizedTest
    @ValueSource(
        strings = {"+852 9123 4567", "91234567", "9123 4567", "00852 9123 4567", "(852) 9123 4567", "+852-9123-4567", " +85291234567 ", "852 9123 4567"})
    void hongKongSpellingsMeet(String raw) {
      assertThat(accepted(EntityKind.PHONE, raw)).isEqualTo("+85291234567");
    }

    @Test
    void otherCountriesAndRegions() {
      assertThat(accepted(EntityKind.PHONE, "+44 20 7946 0958")).isEqualTo("+442079460958");
      assertThat(ids.phone("020 7946 0958", "GB").canonical()).isEqualTo("+442079460958");
      assertThat(ids.phone("138 0013 8000", "CN").canonical()).isEqualTo("+8613800138000");
      assertThat(accepted(EntityKind.PHONE, "+852 9123 4568")).isNotEqualTo("+85291234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "+852 1234", "not a phone", "+999 1234 5678", "91234567891234567", "0000 0000"})
    void invalidNumbersAreRefused(String raw) {
      refused(EntityKind.PHONE, raw);
    }

    @Test
    void unknownRegionIsAProgrammingError() {
      assertThatThrownBy(() -> ids.phone("91234567", "XX")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Identifiers("hk", Set.of(), TODAY)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Email {
    @Test
    void caseAndSpacesAndGmailDotsAndTagsMeet() {
      assertThat(accepted(EntityKind.EMAIL, "  Anna.Eriksson@Example.COM ")).isEqualTo("anna.eriksson@example.com");
      String gmail = "annaeriksson@gmail.com";
      assertThat(accepted(EntityKind.EMAIL, "Anna.Eriksson+loans@gmail.com")).isEqualTo(gmail);
      assertThat(accepted(EntityKind.EMAIL, "a.n.n.a.eriksson@googlemail.com")).isEqualTo(gmail);
      assertThat(accepted(EntityKind.EMAIL, "anna+bank1@outlook.com")).isEqualTo("anna@outlook.com");
      assertThat(accepted(EntityKind.EMAIL, "anna@example.com.")).isEqualTo("anna@example.com");
    }

    @Test
    void dotsAndTagsCountElsewhere() {
      assertThat(accepted(EntityKind.EMAIL, "anna.eriksson@example.com")).isNotEqualTo(accepted(EntityKind.EMAIL, "annaeriksson@example.com"));
      assertThat(accepted(EntityKind.EMAIL, "anna+x@example.com")).isEqualTo("anna+x@example.com");
      Identifiers withTags = new Identifiers("HK", Set.of("example.com"), TODAY);
      assertThat(withTags.normalise(EntityKind.EMAIL, "anna+x@example.com")).contains("anna@example.com");
      assertThat(withTags.normalise(EntityKind.EMAIL, "anna+x@outlook.com")).contains("anna+x@outlook.com");
      // Gmail's rules hold whatever the configured list says.
      assertThat(withTags.normalise(EntityKind.EMAIL, "a.nna+x@gmail.com")).contains("anna@gmail.com");
    }

    @Test
    void internationalDomainsBecomeAscii() {
      assertThat(accepted(EntityKind.EMAIL, "user@Bücher.example")).isEqualTo("user@xn--bcher-kva.example");
      assertThat(accepted(EntityKind.EMAIL, "user@xn--bcher-kva.example")).isEqualTo("user@xn--bcher-kva.example");
      assertThat(accepted(EntityKind.EMAIL, "user@例子。香港")).startsWith("user@xn--").doesNotContain("。");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"anna", "anna@", "@example.com", "a@b@example.com", "anna@localhost", "anna..e@example.com", ".anna@example.com", "anna@exa mple.com", "an na@example.com", "anna@-example.com", "anna@example..com", "anna@192.168.0.1", "+tag@gmail.com", "anna@[192.0.2.1]"})
    void malformedAddressesAreRefused(String raw) {
      refused(EntityKind.EMAIL, raw);
    }
  }

  @Nested
  class Address {
    @Test
    void hongKongSpellingsMeet() {
      String a = accepted(EntityKind.ADDRESS, "Flat 5, 12/F, Tower 1, 8 Nathan Rd.");
      assertThat(accepted(EntityKind.ADDRESS, "FLAT 5 12F TOWER 1 8 NATHAN ROAD")).isEqualTo(a);
      assertThat(accepted(EntityKind.ADDRESS, "Unit 05, 12 Floor, TWR 1, No. 8 Nathan Road")).isEqualTo(a);
      assertThat(accepted(EntityKind.ADDRESS, "rm 5 12/f tower1 8 nathan rd")).isEqualTo(a);
      assertThat(a).isEqualTo("UNIT 5 12 FL TWR 1 8 NATHAN RD");
    }

    @Test
    void groundFloorsHongKongAndOrdinals() {
      String a = accepted(EntityKind.ADDRESS, "G/F, 3 Po Shan Road, Mid-Levels, Hong Kong");
      assertThat(accepted(EntityKind.ADDRESS, "Ground Floor 3 Po Shan Rd Mid Levels H.K.")).isEqualTo(a);
      assertThat(accepted(EntityKind.ADDRESS, "GF, 3 PO SHAN ROAD, MID LEVELS, HK")).isEqualTo(a);
      assertThat(accepted(EntityKind.ADDRESS, "1st Floor, 10 Queen's Road Central"))
          .isEqualTo(accepted(EntityKind.ADDRESS, "1/F 10 Queens Rd Central"));
      assertThat(accepted(EntityKind.ADDRESS, "Block A, Kowloon Bay Industrial Centre, N.T."))
          .isEqualTo(accepted(EntityKind.ADDRESS, "BLK A KLN BAY IND CTR NT"));
    }

    @Test
    void differentPlacesStayApart() {
      assertThat(accepted(EntityKind.ADDRESS, "Flat 5, 12/F, Tower 1, 8 Nathan Rd"))
          .isNotEqualTo(accepted(EntityKind.ADDRESS, "Flat 6, 12/F, Tower 1, 8 Nathan Rd"))
          .isNotEqualTo(accepted(EntityKind.ADDRESS, "Flat 5, 12/F, Tower 1, 8 Nathan Street"));
    }

    @Test
    void chineseAddressesLoseSpacesAndFullWidthForms() {
      String a = accepted(EntityKind.ADDRESS, "香港九龍彌敦道８號 12樓 5室");
      assertThat(a).isEqualTo("香港九龍彌敦道8號12樓5室");
      assertThat(accepted(EntityKind.ADDRESS, "香港 九龍 彌敦道 8 號，12 楼 5 室")).isEqualTo(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HK", "Hong Kong", "..,,", "12", "香港"})
    void tooLittleToSingleOutAPlaceIsRefused(String raw) {
      refused(EntityKind.ADDRESS, raw);
    }
  }

  @Nested
  class NameAndBirthDate {
    @Test
    void orderCaseAndDiacriticsMeet() {
      String a = accepted(EntityKind.NAME_BIRTH_DATE, "Anna Maria Eriksson|1990-01-31");
      assertThat(a).isEqualTo("ANNA ERIKSSON MARIA|1990-01-31");
      assertThat(accepted(EntityKind.NAME_BIRTH_DATE, "ERIKSSON  ANNA MARIA | 1990-01-31")).isEqualTo(a);
      assertThat(accepted(EntityKind.NAME_BIRTH_DATE, "Ånna Maria Éríksson|1990-01-31")).isEqualTo(a);
      assertThat(ids.nameBirthDate("eriksson, anna-maria", LocalDate.of(1990, 1, 31)).canonical()).isEqualTo(a);
      assertThat(accepted(EntityKind.NAME_BIRTH_DATE, "Seán O'Brien|1985-06-01")).isEqualTo("OBRIEN SEAN|1985-06-01");
      assertThat(accepted(EntityKind.NAME_BIRTH_DATE, "Jürgen Groß|1970-03-04")).isEqualTo("GROSS JURGEN|1970-03-04");
      assertThat(accepted(EntityKind.NAME_BIRTH_DATE, "陳 大文|1970-03-04")).isEqualTo("大文 陳|1970-03-04");
    }

    @Test
    void anotherDateOrNameDiffers() {
      String a = accepted(EntityKind.NAME_BIRTH_DATE, "Anna Eriksson|1990-01-31");
      assertThat(accepted(EntityKind.NAME_BIRTH_DATE, "Anna Eriksson|1990-01-30")).isNotEqualTo(a);
      assertThat(accepted(EntityKind.NAME_BIRTH_DATE, "Anna Erikson|1990-01-31")).isNotEqualTo(a);
    }

    @Test
    void refusalsSayWhy() {
      assertThat(refused(EntityKind.NAME_BIRTH_DATE, "Anna Eriksson|1990-02-30")).contains("not a date of the calendar");
      assertThat(refused(EntityKind.NAME_BIRTH_DATE, "Anna Eriksson|31/01/1990")).contains("YYYY-MM-DD");
      assertThat(refused(EntityKind.NAME_BIRTH_DATE, "Anna Eriksson")).contains("NAME|YYYY-MM-DD");
      assertThat(refused(EntityKind.NAME_BIRTH_DATE, " 123 - |1990-01-31")).contains("no letters");
      assertThat(refused(EntityKind.NAME_BIRTH_DATE, "Anna|2027-01-01")).contains("future");
      assertThat(refused(EntityKind.NAME_BIRTH_DATE, "Anna|1850-01-01")).contains("1900");
    }
  }

  @Nested
  class Documents {
    @Test
    void documentNumbers() {
      String a = accepted(EntityKind.DOCUMENT_NUMBER, "HKG:K1234567<");
      assertThat(a).isEqualTo("HKG:K1234567");
      assertThat(accepted(EntityKind.DOCUMENT_NUMBER, "hkg : k123 4567")).isEqualTo(a);
      assertThat(accepted(EntityKind.DOCUMENT_NUMBER, "D<<:C01X00T47")).isEqualTo("D:C01X00T47");
      assertThat(accepted(EntityKind.DOCUMENT_NUMBER, "CHN:K1234567")).isNotEqualTo(a);
      assertThat(refused(EntityKind.DOCUMENT_NUMBER, "K1234567")).contains("STATE:NUMBER");
      assertThat(refused(EntityKind.DOCUMENT_NUMBER, "HKGX:K1234567")).contains("issuing state");
      assertThat(refused(EntityKind.DOCUMENT_NUMBER, "H1G:K1234567")).contains("issuing state");
      assertThat(refused(EntityKind.DOCUMENT_NUMBER, "HKG:K12-34567")).contains("letters or digits");
      assertThat(refused(EntityKind.DOCUMENT_NUMBER, "HKG:K1")).contains("4 to 35");
    }

    @Test
    void nationalIds() {
      String a = accepted(EntityKind.NATIONAL_ID, "hk-identity-card:A123456(3)");
      assertThat(a).isEqualTo("hk-identity-card:A1234563");
      assertThat(accepted(EntityKind.NATIONAL_ID, "HK-Identity-Card: a 123456 3")).isEqualTo(a);
      assertThat(accepted(EntityKind.NATIONAL_ID, "hk-identity-card:A123456（3）")).isEqualTo(a);
      assertThat(accepted(EntityKind.NATIONAL_ID, "cn-resident-identity-card:11010519491231002x"))
          .isEqualTo("cn-resident-identity-card:11010519491231002X");
      assertThat(accepted(EntityKind.NATIONAL_ID, "sg-nric:A1234563")).isNotEqualTo(a);
      assertThat(refused(EntityKind.NATIONAL_ID, "A123456(3)")).contains("TYPE:NUMBER");
      assertThat(refused(EntityKind.NATIONAL_ID, "hk identity card:A1234563")).contains("lower-case id");
      assertThat(refused(EntityKind.NATIONAL_ID, "hk-identity-card:A12/34563")).contains("letters or digits");
    }
  }

  @Nested
  class Ip {
    @Test
    void canonicalText() {
      assertThat(accepted(EntityKind.IP, " 203.0.113.7 ")).isEqualTo("203.0.113.7");
      assertThat(accepted(EntityKind.IP, "::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
      assertThat(accepted(EntityKind.IP, "::FFFF:CB00:7107")).isEqualTo("203.0.113.7");
      String v6 = accepted(EntityKind.IP, "2001:0DB8:0000:0000:0001:0000:0000:0001");
      assertThat(v6).isEqualTo("2001:db8::1:0:0:1");
      assertThat(accepted(EntityKind.IP, "[2001:db8:0:0:1::1]")).isEqualTo(v6);
      assertThat(accepted(EntityKind.IP, "203.0.113.8")).isNotEqualTo("203.0.113.7");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"example.com", "localhost", "203.0.113.7:443", "203.0.113", "203.0.113.256", "203.000.113.7", "10.1.2.3", "192.168.1.1", "172.16.0.1", "100.64.1.1", "127.0.0.1", "0.0.0.0", "::", "::1", "fe80::1", "fe80::1%eth0", "fd12:3456::1", "224.0.0.1", "169.254.1.1"})
    void hostNamesPortsAndNonPublicAddressesAreRefused(String raw) {
      refused(EntityKind.IP, raw);
    }

    @Test
    void networks() {
      assertThat(ids.ipNetwork("203.0.113.7")).contains("203.0.113.0/24");
      assertThat(ids.ipNetwork("::ffff:203.0.113.200")).contains("203.0.113.0/24");
      assertThat(ids.ipNetwork("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).contains("2001:db8:1:2::/64");
      assertThat(ids.ipNetwork("2001:db8:1:3::1")).contains("2001:db8:1:3::/64");
      assertThat(ids.ipNetwork("example.com")).isEmpty();
    }
  }

  @Nested
  class BankAccount {
    @Test
    void accountsAndIbans() {
      String a = accepted(EntityKind.BANK_ACCOUNT, "004:123-456789-001");
      assertThat(a).isEqualTo("004:123456789001");
      assertThat(accepted(EntityKind.BANK_ACCOUNT, " 004 : 123 456 789 001")).isEqualTo(a);
      assertThat(accepted(EntityKind.BANK_ACCOUNT, "024:123-456789-001")).isNotEqualTo(a);
      assertThat(accepted(EntityKind.BANK_ACCOUNT, "hsbchkhh:0123456789")).isEqualTo("HSBCHKHH:0123456789");
      String iban = accepted(EntityKind.BANK_ACCOUNT, "DE89 3704 0044 0532 0130 00");
      assertThat(iban).isEqualTo("DE89370400440532013000");
      assertThat(accepted(EntityKind.BANK_ACCOUNT, "COBADEFF:de89370400440532013000")).isEqualTo(iban);
      assertThat(accepted(EntityKind.BANK_ACCOUNT, "GB82 WEST 1234 5698 7654 32")).isEqualTo("GB82WEST12345698765432");
    }

    @Test
    void refusals() {
      assertThat(refused(EntityKind.BANK_ACCOUNT, "DE88 3704 0044 0532 0130 00")).contains("check digits");
      assertThat(refused(EntityKind.BANK_ACCOUNT, "123456789001")).contains("BANKCODE:NUMBER");
      assertThat(refused(EntityKind.BANK_ACCOUNT, "004:12A456789")).contains("digits");
      assertThat(refused(EntityKind.BANK_ACCOUNT, "0 0/4:123456789")).contains("bank code");
      assertThat(refused(EntityKind.BANK_ACCOUNT, "004:12")).contains("4 to 34");
    }

    @Test
    void ibanCheck() {
      assertThat(Identifiers.ibanCheckDigitsMatch("NL91ABNA0417164300")).isTrue();
      assertThat(Identifiers.ibanCheckDigitsMatch("NL91ABNA0417164301")).isFalse();
    }
  }

  @Nested
  class DeviceAndFace {
    @Test
    void devices() {
      String hex = accepted(EntityKind.DEVICE, " 0123456789ABCDEF0123 ");
      assertThat(hex).isEqualTo("0123456789abcdef0123");
      assertThat(accepted(EntityKind.DEVICE, "0123456789abcdef0123")).isEqualTo(hex);
      assertThat(accepted(EntityKind.DEVICE, "Zm9vYmFyYmF6cXV4LV9fX18=")).isEqualTo("Zm9vYmFyYmF6cXV4LV9fX18");
      assertThat(accepted(EntityKind.DEVICE, "zm9vYmFyYmF6cXV4LV9fX18")).isNotEqualTo("Zm9vYmFyYmF6cXV4LV9fX18");
      assertThat(refused(EntityKind.DEVICE, "0123456789abcde")).contains("16 to 512");
      assertThat(refused(EntityKind.DEVICE, "not a fingerprint at all!")).contains("hex or base64url");
    }

    @Test
    void facesAreNotKeys() {
      assertThat(refused(EntityKind.FACE, "0.1,0.2,0.3")).contains("embedding");
    }
  }
}
