package org.bonafide.document;

import java.awt.Rectangle;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An identity document as the applicant's phone sends it.
 *
 * @param front the photo of the data page or the card's front (JPEG, PNG or WebP)
 * @param back the photo of the card's back, where the MRZ of a TD1 card is; null when not sent
 * @param chip the files a phone read from the document's chip, keyed by {@link #CHIP_FILES}
 *     ({@code sod}, {@code dg1}, {@code dg2}, ...), raw bytes as read; empty when not sent
 * @param nationalId a national identity number the applicant typed or the institution holds, to be
 *     validated by its type's rules; null when none
 * @param portrait where the printed portrait is on the front, in the upright photo's pixels (as the
 *     face engine found it), so the page checks can look at its edges; null when unknown
 */
public record DocumentSubmission(
    byte[] front, byte[] back, Map<String, byte[]> chip, NationalId nationalId, Rectangle portrait) {
  /** Chip files a submission may carry: the security object, the data groups, active authentication. */
  public static final List<String> CHIP_FILES =
      List.of("sod", "dg1", "dg2", "dg11", "dg12", "dg14", "dg15", "aa-challenge", "aa-signature");

  public DocumentSubmission {
    Objects.requireNonNull(front, "front");
    chip = chip == null ? Map.of() : Map.copyOf(chip);
    portrait = portrait == null ? null : new Rectangle(portrait);
  }

  /** Photos and chip data only. */
  public DocumentSubmission(byte[] front, byte[] back, Map<String, byte[]> chip) {
    this(front, back, chip, null, null);
  }

  /** This submission with the printed portrait's box on the front. */
  public DocumentSubmission withPortrait(Rectangle box) {
    return new DocumentSubmission(front, back, chip, nationalId, box);
  }

  /**
   * A national identity number to validate.
   *
   * @param type the validator's id ({@code hk-identity-card}, {@code cn-resident-identity-card}, ... as {@link NationalIds} names them)
   * @param number the number as written
   */
  public record NationalId(String type, String number) {
    public NationalId {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(number, "number");
    }
  }
}
