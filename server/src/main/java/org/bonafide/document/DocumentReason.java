package org.bonafide.document;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The catalogue of reasons a document did not pass. Codes are stable: clients and the analyst
 * console key on them. Declaration order is importance. {@link Kind#RETRY} reasons ask the
 * applicant for a better photo; {@link Kind#REJECT} reasons speak against the document or its
 * holder. The table in {@code docs/documents.md} is this enum.
 */
public enum DocumentReason {
  // Chip (passive and chip authentication)
  CHIP_SIGNATURE_INVALID(
      "chip-signature-invalid", Kind.REJECT, "The chip's security object (SOD) signature does not verify."),
  CHIP_CERTIFICATE_UNTRUSTED(
      "chip-certificate-untrusted",
      Kind.REJECT,
      "The document signer certificate does not chain to a trusted country signing CA, or is not valid."),
  CHIP_HASH_MISMATCH(
      "chip-hash-mismatch", Kind.REJECT, "A data group's hash differs from the one the security object signs."),
  CHIP_AUTHENTICATION_FAILED(
      "chip-authentication-failed", Kind.REJECT, "The chip failed chip or active authentication."),
  CHIP_MRZ_MISMATCH("chip-mrz-mismatch", Kind.REJECT, "The chip's DG1 differs from the printed MRZ."),
  CHIP_DATA_INVALID("chip-data-invalid", Kind.REJECT, "The chip data cannot be parsed."),
  // Holder
  PORTRAIT_MISMATCH(
      "portrait-mismatch", Kind.REJECT, "The document's portrait does not match the live face."),
  // Printed page forensics
  PORTRAIT_PASTED("portrait-pasted", Kind.REJECT, "The portrait shows seams of being pasted onto the document."),
  EDITING_TRACES(
      "editing-traces", Kind.REJECT, "The image's metadata shows editing software or a mismatched thumbnail."),
  COMPRESSION_INCONSISTENT(
      "compression-inconsistent",
      Kind.REJECT,
      "Parts of the page were compressed differently from the rest (error level, double compression)."),
  SCREEN_RECAPTURE(
      "screen-recapture", Kind.REJECT, "The document was photographed from a screen (moiré, pixel grid, banding)."),
  PRINTED_DATA_MISMATCH(
      "printed-data-mismatch", Kind.REJECT, "Printed data on the page disagrees with the MRZ."),
  // MRZ and numbers
  MRZ_CHECK_DIGIT("mrz-check-digit", Kind.REJECT, "A check digit of the MRZ is wrong."),
  MRZ_INVALID_DATE("mrz-invalid-date", Kind.REJECT, "A date in the MRZ is impossible."),
  MRZ_INVALID_COUNTRY("mrz-invalid-country", Kind.REJECT, "A country code in the MRZ is not an ICAO code."),
  MRZ_INVALID_DOCUMENT_TYPE(
      "mrz-invalid-document-type", Kind.REJECT, "The MRZ's document code is not a valid type for its format."),
  MRZ_INVALID_NAME("mrz-invalid-name", Kind.REJECT, "The MRZ's name field is malformed."),
  MRZ_MALFORMED("mrz-malformed", Kind.REJECT, "The MRZ's lines do not have a known format's shape."),
  DOCUMENT_EXPIRED("document-expired", Kind.REJECT, "The document has expired."),
  NATIONAL_ID_INVALID(
      "national-id-invalid", Kind.REJECT, "The national identity number's check digit or structure is wrong."),
  // Capture quality: ask for another photo
  DOCUMENT_NOT_FOUND("document-not-found", Kind.RETRY, "No document was found in the photo."),
  MRZ_NOT_FOUND("mrz-not-found", Kind.RETRY, "No machine-readable zone was found on the document."),
  MRZ_UNREADABLE("mrz-unreadable", Kind.RETRY, "The machine-readable zone could not be read reliably."),
  DOCUMENT_BLURRED("document-blurred", Kind.RETRY, "The document photo is too blurred to read."),
  DOCUMENT_GLARE("document-glare", Kind.RETRY, "Glare covers part of the document."),
  DOCUMENT_TOO_SMALL("document-too-small", Kind.RETRY, "The document is too small in the photo."),
  PORTRAIT_NOT_FOUND(
      "portrait-not-found", Kind.RETRY, "No portrait was found on the document to compare with the live face.");

  /** Whether a reason speaks against the document or only asks for a better photo. */
  public enum Kind {
    REJECT,
    RETRY
  }

  private final String code;
  private final Kind kind;
  private final String description;

  DocumentReason(String code, Kind kind, String description) {
    this.code = code;
    this.kind = kind;
    this.description = description;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public Kind kind() {
    return kind;
  }

  public String description() {
    return description;
  }
}
