package org.bonafide.document;

import java.util.Map;

/**
 * An identity document as the applicant's phone sends it.
 *
 * @param front the photo of the data page or the card's front (JPEG, PNG or WebP)
 * @param back the photo of the card's back, where the MRZ of a TD1 card is; null when not sent
 * @param chip the files a phone read from the document's chip, keyed by {@link #CHIP_FILES}
 *     ({@code sod}, {@code dg1}, {@code dg2}, ...), raw bytes as read; empty when not sent
 */
public record DocumentSubmission(byte[] front, byte[] back, Map<String, byte[]> chip) {
  /** Chip files a submission may carry: the security object, the data groups, active authentication. */
  public static final java.util.List<String> CHIP_FILES =
      java.util.List.of("sod", "dg1", "dg2", "dg11", "dg12", "dg14", "dg15", "aa-challenge", "aa-signature");

  public DocumentSubmission {
    java.util.Objects.requireNonNull(front, "front");
    chip = chip == null ? Map.of() : Map.copyOf(chip);
  }
}
