package org.bonafide.identitygraph;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an application can share with another. Codes are stable: they are stored with every link
 * and are part of the API.
 */
public enum EntityKind {
  /** Issuing state and document number of an identity document. */
  DOCUMENT_NUMBER("document-number"),
  /** A national identity number with its type (Hong Kong, mainland China, ...). */
  NATIONAL_ID("national-id"),
  /** Full name (normalised) with date of birth. */
  NAME_BIRTH_DATE("name-birth-date"),
  /** A face, linked by embedding similarity rather than by an exact key. */
  FACE("face"),
  /** A device fingerprint from the capture page or the institution's app. */
  DEVICE("device"),
  /** A phone number in E.164. */
  PHONE("phone"),
  /** An email address. */
  EMAIL("email"),
  /** A postal address, normalised. */
  ADDRESS("address"),
  /** An IP address. */
  IP("ip"),
  /** A bank account: bank code and account number. */
  BANK_ACCOUNT("bank-account");

  private final String code;

  EntityKind(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  /** The kind with this code. */
  public static EntityKind fromCode(String code) {
    for (EntityKind k : values()) {
      if (k.code.equals(code)) {
        return k;
      }
    }
    throw new IllegalArgumentException("Unknown entity kind " + code);
  }
}
