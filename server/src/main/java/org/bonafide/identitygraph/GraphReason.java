package org.bonafide.identitygraph;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The reuse signals the identity graph raises. Codes are stable; docs/identity-graph.md lists them
 * with their thresholds. Each signal alone is a reason to look, not a verdict: families share an
 * address, offices share an IP.
 */
public enum GraphReason {
  IDENTITY_DIFFERENT_FACE(
      "identity-reused-with-different-face",
      "The same document number, national ID or name and birth date was seen with a different face."),
  FACE_DIFFERENT_IDENTITY(
      "face-reused-with-different-identity",
      "The same face was seen with a different name, document or national ID."),
  DEVICE_SHARED("device-shared", "One device was used by several identities."),
  PHONE_SHARED("phone-shared", "One phone number was given by several identities."),
  EMAIL_SHARED("email-shared", "One email address was given by several identities."),
  ADDRESS_SHARED("address-shared", "One postal address was given by many identities."),
  IP_SHARED("ip-shared", "One IP address was used by many identities."),
  BANK_ACCOUNT_SHARED("bank-account-shared", "One bank account was given by several identities."),
  IDENTITY_VELOCITY("identity-velocity", "Many applications for one identity within a day."),
  DEVICE_VELOCITY("device-velocity", "Many applications from one device within a day."),
  IDENTITY_MANY_INSTITUTIONS(
      "identity-many-institutions", "One identity applied at many institutions within a few days."),
  LINKED_TO_FLAGGED(
      "linked-to-flagged-application",
      "An identifier (a device, phone, account ...) was also carried by an application found bad later: its session"
          + " failed verification, or its institution flagged it.");

  private final String code;
  private final String description;

  /**
   * Whether this signal alone marks an application for review. Shared addresses and IPs are
   * context: families, offices and mobile carriers share them, so they add to a ring's picture but
   * flag nobody by themselves.
   */
  public boolean flags() {
    return this != ADDRESS_SHARED && this != IP_SHARED;
  }

  GraphReason(String code, String description) {
    this.code = code;
    this.description = description;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public String description() {
    return description;
  }
}
