package org.bonafide.document;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ISO9796d2Signer;
import org.jmrtd.lds.ActiveAuthenticationInfo;
import org.jmrtd.lds.SecurityInfo;

/**
 * Verifies an active authentication response (ICAO 9303-11 section 6.1) with the DG15 public key:
 * RSA with ISO/IEC 9796-2 scheme 1 (message recovery; the challenge is the non-recoverable part),
 * or ECDSA with the hash DG14's ActiveAuthenticationInfo names (plain r||s per BSI TR-03111, DER
 * accepted too).
 */
final class ChipActiveAuthentication {
  private ChipActiveAuthentication() {}

  /**
   * The outcome of one verification.
   *
   * @param verified whether the signature verifies
   * @param details the algorithm used and, when it did not verify, why
   */
  record Outcome(boolean verified, Map<String, Object> details) {}

  static Outcome verify(PublicKey key, Optional<Collection<SecurityInfo>> dg14, byte[] challenge, byte[] signature) {
    Map<String, Object> details = new LinkedHashMap<>();
    try {
      if (key instanceof RSAPublicKey rsa) {
        return verifyRsa(rsa, challenge, signature, details);
      }
      if (key instanceof ECPublicKey ec) {
        return verifyEc(ec, dg14, challenge, signature, details);
      }
      details.put("problem", "DG15 holds a " + key.getAlgorithm() + " key, which active authentication does not use");
      return new Outcome(false, details);
    } catch (Exception e) {
      details.put("problem", "the signature cannot be verified: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return new Outcome(false, details);
    }
  }

  private static Outcome verifyRsa(RSAPublicKey key, byte[] challenge, byte[] signature, Map<String, Object> details) throws Exception {
    details.put("algorithm", "RSA ISO/IEC 9796-2 scheme 1");
    details.put("keyBits", key.getModulus().bitLength());
    BigInteger s = new BigInteger(1, signature);
    if (s.signum() == 0 || s.compareTo(key.getModulus()) >= 0) {
      details.put("problem", "the signature is out of the key's range");
      return new Outcome(false, details);
    }
    // The trailer names the hash: 0xBC is implicit (SHA-1 for ICAO), 0x??CC names it (ISO/IEC 10118-3).
    byte[] block = s.modPow(key.getPublicExponent(), key.getModulus()).toByteArray();
    int last = block[block.length - 1] & 0xFF;
    Digest digest;
    boolean implicit = last == 0xBC;
    if (implicit) {
      digest = new SHA1Digest();
    } else if (last == 0xCC && block.length >= 2) {
      digest =
          switch (block[block.length - 2] & 0xFF) {
            case 0x33 -> new SHA1Digest();
            case 0x34 -> new SHA256Digest();
            case 0x35 -> new SHA512Digest();
            case 0x36 -> new SHA384Digest();
            case 0x38 -> new SHA224Digest();
            default -> null;
          };
    } else {
      digest = null;
    }
    if (digest == null) {
      details.put("problem", "the recovered block has no ISO/IEC 9796-2 trailer this verifier knows");
      return new Outcome(false, details);
    }
    details.put("digestAlgorithm", digest.getAlgorithmName());
    ISO9796d2Signer verifier = new ISO9796d2Signer(new RSAEngine(), digest, implicit);
    verifier.init(false, new RSAKeyParameters(false, key.getModulus(), key.getPublicExponent()));
    verifier.updateWithRecoveredMessage(signature);
    verifier.update(challenge, 0, challenge.length);
    boolean ok = verifier.verifySignature(signature);
    if (!ok) {
      details.put("problem", "the signature does not verify over the challenge");
    }
    return new Outcome(ok, details);
  }

  private static Outcome verifyEc(ECPublicKey key, Optional<Collection<SecurityInfo>> dg14, byte[] challenge, byte[] signature, Map<String, Object> details)
      throws Exception {
    int fieldBits = key.getParams().getCurve().getField().getFieldSize();
    int fieldBytes = (fieldBits + 7) / 8;
    Optional<String> declared =
        dg14.stream()
            .flatMap(Collection::stream)
            .filter(ActiveAuthenticationInfo.class::isInstance)
            .map(i -> ((ActiveAuthenticationInfo) i).getSignatureAlgorithmOID())
            .findFirst();
    String hash;
    if (declared.isPresent()) {
      String mnemonic = ActiveAuthenticationInfo.lookupMnemonicByOID(declared.get()); // e.g. SHA256withECDSA
      hash = mnemonic.substring(0, mnemonic.indexOf("with"));
      details.put("signatureAlgorithm", ActiveAuthenticationInfo.toSignatureAlgorithmOIDString(declared.get()));
    } else {
      // ICAO requires DG14 to name the hash for ECDSA; without it, the one matching the curve.
      hash = fieldBits <= 224 ? "SHA224" : fieldBits <= 256 ? "SHA256" : fieldBits <= 384 ? "SHA384" : "SHA512";
      details.put("hashAssumed", true);
    }
    details.put("algorithm", "ECDSA");
    details.put("digestAlgorithm", hash);
    details.put("curveBits", fieldBits);
    boolean plain = signature.length == 2 * fieldBytes;
    details.put("signatureFormat", plain ? "plain" : "DER");
    Signature verifier = Signature.getInstance(hash + (plain ? "withPLAIN-ECDSA" : "withECDSA"), ChipCrypto.BC);
    verifier.initVerify(key);
    verifier.update(challenge);
    boolean ok = verifier.verify(signature);
    if (!ok) {
      details.put("problem", "the signature does not verify over the challenge");
    }
    return new Outcome(ok, details);
  }
}
