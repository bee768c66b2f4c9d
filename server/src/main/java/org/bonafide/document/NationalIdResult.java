package org.bonafide.document;

import java.util.Map;

/**
 * What a {@link NationalIdValidator} found.
 *
 * @param validator the validator's id
 * @param country the ICAO code of the issuing state or territory
 * @param normalized the number in its canonical printed form; the input, trimmed, when it could
 *     not be read
 * @param valid whether structure, check digit and embedded data are all right
 * @param reason {@link DocumentReason#NATIONAL_ID_INVALID} when not valid, else null
 * @param explanation what was checked or what is wrong, in words
 * @param fields data the number carries (a birth date, a region), by name
 */
public record NationalIdResult(
    String validator, String country, String normalized, boolean valid, DocumentReason reason, String explanation, Map<String, String> fields) {
  /** The longest input a validator accepts. */
  public static final int MAX_INPUT = 64;

  public NationalIdResult {
    fields = Map.copyOf(fields);
  }

  static NationalIdResult valid(NationalIdValidator v, String normalized, String explanation, Map<String, String> fields) {
    return new NationalIdResult(v.id(), v.country(), normalized, true, null, explanation, fields);
  }

  static NationalIdResult invalid(NationalIdValidator v, String normalized, String explanation, Map<String, String> fields) {
    return new NationalIdResult(v.id(), v.country(), normalized, false, DocumentReason.NATIONAL_ID_INVALID, explanation, fields);
  }

  /** The result as a document check, id {@code national-id}. */
  public DocumentCheck toCheck() {
    Map<String, Object> details = Map.of("validator", validator, "country", country, "explanation", explanation, "fields", fields);
    return valid ? DocumentCheck.pass("national-id", 1.0, details) : DocumentCheck.fail("national-id", 0.0, reason, details);
  }
}
