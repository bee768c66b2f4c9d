package org.bonafide.document;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a document's checks add up to. */
public enum DocumentOutcome {
  /** Every check that ran passed. */
  PASSED("passed"),
  /** A check found something against the document or its holder ({@link DocumentReason.Kind#REJECT}). */
  FAILED("failed"),
  /** Nothing against the document, but the photo could not be read well enough: take another. */
  RETRY("retry");

  private final String code;

  DocumentOutcome(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }
}
