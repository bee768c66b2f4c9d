package org.bonafide.document;

import java.time.Instant;

/** Reads and checks an identity document: the module's entry point (a bean). */
public interface DocumentAnalyzer {
  /**
   * Reads the submission's MRZ (front, then back), validates it and any national identity number,
   * looks for forgery traces on the page, and verifies the chip data when there is some.
   *
   * @param now the time of the analysis: documents must not have expired by its date (UTC) and chip
   *     certificates must be valid at it
   * @throws org.bonafide.shared.BonafideException with an image error code when a photo cannot be
   *     decoded or is too large
   */
  DocumentReport analyse(DocumentSubmission submission, Instant now);
}
