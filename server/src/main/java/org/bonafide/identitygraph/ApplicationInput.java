package org.bonafide.identitygraph;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * The body of {@code POST /v1/applications}: what an applicant gave the institution. The same
 * record is what {@code eval rings} reads from a simulated population, so both go through {@link
 * #toApplication} and {@link IdentityGraph#record}.
 */
public record ApplicationInput(
    @Schema(description = "Your own id for the application (at most 200 characters); re-posting it is idempotent")
        String reference,
    @Schema(description = "One of your sessions: its capture's face joins the application") UUID sessionId,
    DocumentNumber documentNumber,
    NationalId nationalId,
    @Schema(description = "Full name as on the document") String name,
    @Schema(description = "Date of birth, YYYY-MM-DD") String birthDate,
    List<String> phones,
    List<String> emails,
    List<String> addresses,
    List<String> ips,
    @Schema(description = "Device fingerprints from the capture page or your app") List<String> devices,
    List<BankAccount> bankAccounts) {
  static final int MAX_VALUES = 20;
  static final int MAX_LENGTH = 500;

  public record DocumentNumber(String issuingState, String number) {}

  public record NationalId(String type, String number) {}

  public record BankAccount(String bankCode, String number) {}

  /**
   * The application the graph records: the raw values checked for presence and size here, their
   * form by {@link Identifiers} when recorded.
   *
   * @throws BonafideException {@code validation-failed} naming the field
   */
  public GraphApplication toApplication(Instant receivedAt, float[] face) {
    if (reference == null || reference.isBlank() || reference.length() > 200) {
      throw invalid("reference", "An application needs a reference of 1 to 200 characters.");
    }
    Map<EntityKind, List<String>> ids = new EnumMap<>(EntityKind.class);
    if (documentNumber != null) {
      put(ids, EntityKind.DOCUMENT_NUMBER,
          List.of(text(documentNumber.issuingState(), "documentNumber.issuingState") + ":" + text(documentNumber.number(), "documentNumber.number")));
    }
    if (nationalId != null) {
      put(ids, EntityKind.NATIONAL_ID,
          List.of(text(nationalId.type(), "nationalId.type") + ":" + text(nationalId.number(), "nationalId.number")));
    }
    if (name != null || birthDate != null) {
      String fullName = text(name, "name");
      LocalDate birth;
      try {
        birth = LocalDate.parse(text(birthDate, "birthDate"));
      } catch (DateTimeParseException e) {
        throw invalid("birthDate", "birthDate must be a date, YYYY-MM-DD.");
      }
      put(ids, EntityKind.NAME_BIRTH_DATE, List.of(fullName + "|" + birth));
    }
    put(ids, EntityKind.PHONE, values(phones, "phones"));
    put(ids, EntityKind.EMAIL, values(emails, "emails"));
    put(ids, EntityKind.ADDRESS, values(addresses, "addresses"));
    put(ids, EntityKind.IP, values(ips, "ips"));
    put(ids, EntityKind.DEVICE, values(devices, "devices"));
    if (bankAccounts != null) {
      List<String> accounts = new ArrayList<>();
      for (BankAccount a : limited(bankAccounts, "bankAccounts")) {
        if (a == null) {
          throw invalid("bankAccounts", "bankAccounts holds objects with bankCode and number.");
        }
        accounts.add(text(a.bankCode(), "bankAccounts.bankCode") + ":" + text(a.number(), "bankAccounts.number"));
      }
      put(ids, EntityKind.BANK_ACCOUNT, accounts);
    }
    return new GraphApplication(reference, receivedAt, ids, face, sessionId);
  }

  private static void put(Map<EntityKind, List<String>> ids, EntityKind kind, List<String> values) {
    if (!values.isEmpty()) {
      ids.put(kind, values);
    }
  }

  private static <T> List<T> limited(List<T> values, String field) {
    if (values.size() > MAX_VALUES) {
      throw invalid(field, field + " holds at most " + MAX_VALUES + " values.");
    }
    return values;
  }

  private static List<String> values(List<String> values, String field) {
    if (values == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String v : limited(values, field)) {
      out.add(text(v, field));
    }
    return out;
  }

  private static String text(String value, String field) {
    if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
      throw invalid(field, field + " must hold 1 to " + MAX_LENGTH + " characters.");
    }
    return value;
  }

  private static BonafideException invalid(String field, String message) {
    return new BonafideException(ErrorCode.VALIDATION_FAILED, message, Map.of("field", field));
  }
}
