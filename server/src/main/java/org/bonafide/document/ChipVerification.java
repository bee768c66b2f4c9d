package org.bonafide.document;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * What the chip checks found.
 *
 * @param checks every check run, passive authentication's first, in order
 * @param passiveAuthenticationPassed whether the SOD's signature, the document signer's chain to a
 *     trusted CSCA, every data group's hash and the data's structure all passed: only then is DG1
 *     and DG2 the issuing state's data
 * @param activeAuthentication what became of active authentication
 * @param chipAuthentication what became of the app's chip authentication claim
 * @param dg1Mrz DG1's machine-readable zone, lines separated by {@code \n}, when DG1 parsed (even if
 *     passive authentication failed: compare it only when it passed)
 * @param portrait DG2's first face image, decoded, when passive authentication passed and the
 *     image decoded
 * @param portraitProblem why there is no portrait, when there is none
 */
public record ChipVerification(
    List<DocumentCheck> checks,
    boolean passiveAuthenticationPassed,
    Counted activeAuthentication,
    Counted chipAuthentication,
    Optional<String> dg1Mrz,
    Optional<BufferedImage> portrait,
    Optional<String> portraitProblem) {
  public ChipVerification {
    checks = List.copyOf(checks);
  }

  /** Whether every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(DocumentCheck::passed);
  }

  /** The failed checks' reason codes, in check order. */
  public List<String> reasons() {
    return checks.stream().filter(c -> !c.passed()).map(DocumentCheck::reason).distinct().toList();
  }

  /** The check with this id, if it ran. */
  public Optional<DocumentCheck> check(String id) {
    return checks.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /**
   * The state of an anti-cloning protocol (active or chip authentication). Its result counts only
   * on an authentic chip: DG15 and DG14, which hold the keys, are only the issuer's when passive
   * authentication passed, so a forger could otherwise bring his own key.
   */
  public enum Counted {
    /** The app did not run it. */
    NOT_PRESENTED,
    /** It was presented but not counted: passive authentication failed. */
    NOT_COUNTED,
    PASSED,
    FAILED
  }
}
