package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.image.BufferedImage;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bonafide.document.ChipData.ActiveAuthentication;
import org.bonafide.document.ChipData.ChipAuthenticationClaim;
import org.bonafide.document.ChipVerification.Counted;
import org.jmrtd.lds.ChipAuthenticationPublicKeyInfo;

/**
 * Verifies what a phone read from an ePassport or eID chip: passive authentication against the
 * configured CSCA trust store, then active and chip authentication (counted only on an authentic
 * chip), and hands back DG1's MRZ and DG2's portrait. Thread-safe; {@link #verify} never throws
 * on chip content, whatever the bytes: every problem is a failed check.
 *
 * <p>See {@code docs/chip.md} for what this does and does not prove.
 */
public final class ChipVerifier {
  static final String CHECK_ACTIVE_AUTHENTICATION = "chip-active-authentication";
  static final String CHECK_CHIP_AUTHENTICATION = "chip-authentication";
  /** The id of the check {@link #compareMrz} returns. */
  public static final String CHECK_MRZ = "chip-mrz-match";

  private final PassiveAuthentication passive;

  public ChipVerifier(CscaTrustStore trust) {
    checkArgument(trust != null, "a chip verifier needs a trust store (CscaTrustStore.empty() trusts nothing)");
    this.passive = new PassiveAuthentication(trust);
  }

  /**
   * Verifies one chip read.
   *
   * @param now the time certificates must be valid at (the shell model: a document signer
   *     certificate outlives the documents it signed, so an expired one means an expired document)
   */
  public ChipVerification verify(ChipData chip, Instant now) {
    checkArgument(chip != null && now != null, "a chip read and the time are required");
    PassiveAuthentication.Result pa = passive.verify(chip, now);
    List<DocumentCheck> checks = new ArrayList<>(pa.checks());
    boolean authentic = pa.passed();

    Counted aa = Counted.NOT_PRESENTED;
    if (chip.activeAuthentication().isPresent()) {
      aa = authentic ? activeAuthentication(chip.activeAuthentication().get(), pa, checks) : Counted.NOT_COUNTED;
    }
    Counted ca = Counted.NOT_PRESENTED;
    if (chip.chipAuthentication().isPresent()) {
      ca = authentic ? chipAuthentication(chip.chipAuthentication().get(), pa, checks) : Counted.NOT_COUNTED;
    }

    Optional<BufferedImage> portrait = Optional.empty();
    Optional<String> portraitProblem;
    if (!authentic) {
      // DG2 is decoded only once its bytes are proven the issuer's: the image decoders then never
      // see an attacker's crafted file.
      portraitProblem = Optional.of("not decoded: passive authentication failed, so the portrait is not the issuer's");
    } else {
      ChipPortrait.Decoded decoded = ChipPortrait.decode(chip.rawDataGroup(2));
      portrait = decoded.image();
      portraitProblem = decoded.problem();
    }
    return new ChipVerification(checks, authentic, aa, ca, pa.mrz(), portrait, portraitProblem);
  }

  private static Counted activeAuthentication(ActiveAuthentication response, PassiveAuthentication.Result pa, List<DocumentCheck> checks) {
    if (pa.dg15Key().isEmpty()) {
      checks.add(
          DocumentCheck.fail(
              CHECK_ACTIVE_AUTHENTICATION,
              0,
              DocumentReason.CHIP_AUTHENTICATION_FAILED,
              Map.of("problem", "active authentication was presented but the chip read has no DG15 key")));
      return Counted.FAILED;
    }
    ChipActiveAuthentication.Outcome outcome =
        ChipActiveAuthentication.verify(pa.dg15Key().get(), pa.dg14(), response.challenge(), response.signature());
    if (outcome.verified()) {
      checks.add(DocumentCheck.pass(CHECK_ACTIVE_AUTHENTICATION, 1, outcome.details()));
      return Counted.PASSED;
    }
    checks.add(DocumentCheck.fail(CHECK_ACTIVE_AUTHENTICATION, 0, DocumentReason.CHIP_AUTHENTICATION_FAILED, outcome.details()));
    return Counted.FAILED;
  }

  private static Counted chipAuthentication(ChipAuthenticationClaim claim, PassiveAuthentication.Result pa, List<DocumentCheck> checks) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("basis", "the reading app's claim; the server did not observe the protocol");
    List<BigInteger> keyIds = new ArrayList<>();
    boolean anyKey = false;
    for (var info : pa.dg14().orElse(List.of())) {
      if (info instanceof ChipAuthenticationPublicKeyInfo key) {
        anyKey = true;
        if (key.getKeyId() != null) {
          keyIds.add(key.getKeyId());
        }
      }
    }
    details.put("dg14KeyIds", keyIds.stream().map(BigInteger::toString).toList());
    String problem = null;
    if (!anyKey) {
      problem = "chip authentication was claimed but DG14 declares no chip authentication key";
    } else if (claim.keyId().isPresent() && !keyIds.contains(claim.keyId().get())) {
      problem = "the claimed key id " + claim.keyId().get() + " is not one DG14 declares";
    } else if (!claim.succeeded()) {
      problem = "the app reports that chip authentication failed";
    }
    if (problem == null) {
      checks.add(DocumentCheck.pass(CHECK_CHIP_AUTHENTICATION, 1, details));
      return Counted.PASSED;
    }
    details.put("problem", problem);
    checks.add(DocumentCheck.fail(CHECK_CHIP_AUTHENTICATION, 0, DocumentReason.CHIP_AUTHENTICATION_FAILED, details));
    return Counted.FAILED;
  }

  /**
   * Compares the chip's MRZ with the one read from the printed page, ignoring line breaks, spaces
   * and letter case: the chip's DG1 is the MRZ's exact characters, so any other difference means
   * the page and the chip disagree. Compare only when passive authentication passed.
   */
  public static DocumentCheck compareMrz(String chipMrz, String printedMrz) {
    checkArgument(chipMrz != null && printedMrz != null, "both MRZ texts are required");
    String chip = normalise(chipMrz);
    String printed = normalise(printedMrz);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("chipLength", chip.length());
    details.put("printedLength", printed.length());
    if (chip.equals(printed)) {
      return DocumentCheck.pass(CHECK_MRZ, 1, details);
    }
    int first = 0;
    while (first < Math.min(chip.length(), printed.length()) && chip.charAt(first) == printed.charAt(first)) {
      first++;
    }
    details.put("firstDifferenceAt", first);
    return DocumentCheck.fail(CHECK_MRZ, 0, DocumentReason.CHIP_MRZ_MISMATCH, details);
  }

  static String normalise(String mrz) {
    return mrz.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }
}
