package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bonafide.document.ChipFixture.NOW;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.bonafide.document.ChipData.ActiveAuthentication;
import org.bonafide.document.ChipData.ChipAuthenticationClaim;
import org.bonafide.document.ChipFixture.Issuer;
import org.bonafide.document.ChipVerification.Counted;
import org.jmrtd.lds.SODFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChipVerifierTest {
  static Issuer utopia;
  static KeyPair aaKeys;
  static KeyPair caKeys;
  static Map<Integer, byte[]> dataGroups;

  @BeforeAll
  static void issue() throws Exception {
    utopia = Issuer.create("UT");
    aaKeys = ChipFixture.ecKeys();
    caKeys = ChipFixture.ecKeys();
    dataGroups = new TreeMap<>();
    dataGroups.put(1, ChipFixture.dg1());
    dataGroups.put(2, ChipFixture.dg2());
    dataGroups.put(14, ChipFixture.dg14(caKeys.getPublic()));
    dataGroups.put(15, ChipFixture.dg15(aaKeys.getPublic()));
  }

  private static ChipVerification verify(Issuer trusted, ChipData chip) {
    return new ChipVerifier(trusted.trust()).verify(chip, NOW);
  }

  private static ChipData genuine() throws Exception {
    return new ChipData(ChipFixture.sod(utopia, dataGroups), dataGroups);
  }

  @Test
  void genuineChipPassesPassiveAuthenticationAndYieldsMrzAndPortrait() throws Exception {
    ChipVerification result = verify(utopia, genuine());

    assertThat(result.checks()).allMatch(DocumentCheck::passed);
    assertThat(result.passiveAuthenticationPassed()).isTrue();
    assertThat(result.dg1Mrz()).contains(ChipFixture.MRZ);
    assertThat(result.portrait()).hasValueSatisfying(p -> assertThat(p.getWidth()).isEqualTo(120));
    assertThat(result.portraitProblem()).isEmpty();
    assertThat(result.activeAuthentication()).isEqualTo(Counted.NOT_PRESENTED);
    DocumentCheck hashes = result.check(PassiveAuthentication.CHECK_HASHES).orElseThrow();
    assertThat(hashes.details()).containsEntry("matched", java.util.List.of(1, 2, 14, 15)).containsEntry("digestAlgorithm", "SHA256");
    DocumentCheck chain = result.check(PassiveAuthentication.CHECK_CERTIFICATE).orElseThrow();
    assertThat(chain.details().get("cscaSubject").toString()).contains("CSCA UT");
  }

  @Test
  void rsaDocumentSignersVerifyWithPkcs1AndPss() throws Exception {
    Issuer rsa = Issuer.create("UT", NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(3650)), ChipFixture.rsaKeys());
    ChipData pkcs1 = new ChipData(ChipFixture.sod(rsa, dataGroups, "SHA256withRSA", null), dataGroups);
    java.security.spec.PSSParameterSpec pss =
        new java.security.spec.PSSParameterSpec("SHA-256", "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, 32, 1);
    ChipData rsaPss = new ChipData(ChipFixture.sod(rsa, dataGroups, "RSASSA-PSS", pss), dataGroups);

    assertThat(verify(rsa, pkcs1).passiveAuthenticationPassed()).isTrue();
    ChipVerification result = verify(rsa, rsaPss);
    assertThat(result.checks()).allMatch(DocumentCheck::passed);
    assertThat(result.check(PassiveAuthentication.CHECK_SIGNATURE).orElseThrow().details().get("signatureAlgorithm").toString())
        .contains("PSS");
  }

  @Test
  void tamperedDataGroupIsAHashMismatch() throws Exception {
    byte[] sod = ChipFixture.sod(utopia, dataGroups);
    Map<Integer, byte[]> tampered = new TreeMap<>(dataGroups);
    byte[] dg1 = ChipFixture.dg1();
    int at = new String(dg1, java.nio.charset.StandardCharsets.US_ASCII).indexOf("L898902C3");
    dg1[at] = 'X';
    tampered.put(1, dg1);

    ChipVerification result = verify(utopia, new ChipData(sod, tampered));

    assertThat(result.passiveAuthenticationPassed()).isFalse();
    assertThat(result.reasons()).containsExactly("chip-hash-mismatch");
    assertThat(result.check(PassiveAuthentication.CHECK_HASHES).orElseThrow().details()).containsEntry("mismatched", java.util.List.of(1));
    assertThat(result.portrait()).isEmpty();
    assertThat(result.portraitProblem().orElseThrow()).contains("passive authentication failed");
  }

  @Test
  void dataGroupAbsentFromTheSodFailsButOneListedAndNotReadIsFine() throws Exception {
    Map<Integer, byte[]> signed = new TreeMap<>(dataGroups);
    signed.put(11, new byte[] {0x6B, 0x03, 0x5F, 0x0E, 0x00});
    byte[] sod = ChipFixture.sod(utopia, signed);

    ChipVerification notRead = verify(utopia, new ChipData(sod, dataGroups));
    assertThat(notRead.passiveAuthenticationPassed()).isTrue();
    assertThat(notRead.check(PassiveAuthentication.CHECK_HASHES).orElseThrow().details()).containsEntry("listedNotRead", java.util.List.of(11));

    Map<Integer, byte[]> extra = new TreeMap<>(signed);
    extra.put(12, new byte[] {0x6C, 0x03, 0x5F, 0x19, 0x00});
    ChipVerification unlisted = verify(utopia, new ChipData(sod, extra));
    assertThat(unlisted.reasons()).containsExactly("chip-hash-mismatch");
    assertThat(unlisted.check(PassiveAuthentication.CHECK_HASHES).orElseThrow().details()).containsEntry("notInSod", java.util.List.of(12));
  }

  @Test
  void documentSignerFromAnUntrustedCscaIsUntrusted() throws Exception {
    Issuer forger = Issuer.create("UT");
    ChipData forged = new ChipData(ChipFixture.sod(forger, dataGroups), dataGroups);

    ChipVerification result = verify(utopia, forged);

    // The forger's SOD is internally consistent: only the chain gives it away.
    assertThat(result.check(PassiveAuthentication.CHECK_SIGNATURE).orElseThrow().passed()).isTrue();
    assertThat(result.reasons()).containsExactly("chip-certificate-untrusted");
    assertThat(result.passiveAuthenticationPassed()).isFalse();
  }

  @Test
  void emptyTrustStoreTrustsNoChip() throws Exception {
    ChipVerification result = new ChipVerifier(CscaTrustStore.empty()).verify(genuine(), NOW);

    assertThat(result.reasons()).containsExactly("chip-certificate-untrusted");
    assertThat(result.check(PassiveAuthentication.CHECK_CERTIFICATE).orElseThrow().details().get("problems").toString())
        .contains("no CSCA certificate is configured");
  }

  @Test
  void corruptedSignatureIsInvalid() throws Exception {
    byte[] sod = ChipFixture.sod(utopia, dataGroups);
    byte[] signature = new SODFile(new java.io.ByteArrayInputStream(sod)).getEncryptedDigest();
    int at = indexOf(sod, signature);
    assertThat(at).isPositive();
    sod[at + signature.length - 1] ^= 0x01;

    ChipVerification result = verify(utopia, new ChipData(sod, dataGroups));

    assertThat(result.reasons()).containsExactly("chip-signature-invalid");
    assertThat(result.passiveAuthenticationPassed()).isFalse();
  }

  @Test
  void expiredDocumentSignerIsUntrusted() throws Exception {
    Issuer expired = Issuer.create("UT", NOW.minus(Duration.ofDays(4000)), NOW.minus(Duration.ofDays(1)));
    ChipData chip = new ChipData(ChipFixture.sod(expired, dataGroups), dataGroups);

    ChipVerification result = verify(expired, chip);

    assertThat(result.reasons()).containsExactly("chip-certificate-untrusted");
    assertThat(result.check(PassiveAuthentication.CHECK_CERTIFICATE).orElseThrow().details().get("problems").toString())
        .contains("document signer certificate expired");
    // The same chip checked while the certificate was valid passes.
    assertThat(new ChipVerifier(expired.trust()).verify(chip, NOW.minus(Duration.ofDays(10))).passiveAuthenticationPassed()).isTrue();
  }

  @Test
  void garbageIsInvalidDataNotAnException() throws Exception {
    Random random = new Random(5);
    for (int i = 0; i < 200; i++) {
      byte[] sod = new byte[1 + random.nextInt(300)];
      random.nextBytes(sod);
      byte[] dg1 = new byte[1 + random.nextInt(100)];
      random.nextBytes(dg1);
      ChipVerification result = verify(utopia, new ChipData(sod, Map.of(1, dg1, 2, dataGroups.get(2))));
      assertThat(result.passiveAuthenticationPassed()).isFalse();
      assertThat(result.reasons()).contains("chip-data-invalid");
    }
    // A genuine SOD with data groups whose declared lengths exceed what was sent.
    byte[] sod = ChipFixture.sod(utopia, dataGroups);
    Map<Integer, byte[]> lying = new TreeMap<>(dataGroups);
    lying.put(1, new byte[] {0x61, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x00});
    lying.put(15, new byte[] {0x6F, 0x06, 0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
    ChipVerification result = verify(utopia, new ChipData(sod, lying));
    assertThat(result.reasons()).contains("chip-data-invalid", "chip-hash-mismatch");
    assertThat(result.dg1Mrz()).isEmpty();
    // Random bytes behind a genuine SOD's tag and length.
    byte[] truncated = Arrays.copyOf(sod, sod.length - 10);
    assertThat(verify(utopia, new ChipData(truncated, dataGroups)).reasons()).contains("chip-data-invalid");
  }

  @Test
  void missingPortraitIsIncompleteData() throws Exception {
    Map<Integer, byte[]> onlyDg1 = Map.of(1, dataGroups.get(1));
    ChipVerification result = verify(utopia, new ChipData(ChipFixture.sod(utopia, dataGroups), onlyDg1));

    assertThat(result.reasons()).containsExactly("chip-data-invalid");
    assertThat(result.check(PassiveAuthentication.CHECK_DATA).orElseThrow().details().get("problems").toString()).contains("DG2 was not read");
  }

  @Test
  void ecdsaActiveAuthenticationVerifiesTheChallenge() throws Exception {
    byte[] challenge = {1, 2, 3, 4, 5, 6, 7, 8};
    Signature signer = Signature.getInstance("SHA256withPLAIN-ECDSA", ChipCrypto.BC);
    signer.initSign(aaKeys.getPrivate());
    signer.update(challenge);
    byte[] signature = signer.sign();
    byte[] sod = ChipFixture.sod(utopia, dataGroups);

    ChipVerification good =
        verify(utopia, new ChipData(sod, dataGroups, Optional.of(new ActiveAuthentication(challenge, signature)), Optional.empty()));
    assertThat(good.activeAuthentication()).isEqualTo(Counted.PASSED);
    assertThat(good.checks()).allMatch(DocumentCheck::passed);
    assertThat(good.check(ChipVerifier.CHECK_ACTIVE_AUTHENTICATION).orElseThrow().details())
        .containsEntry("signatureAlgorithm", "ecdsa-plain-SHA256");

    byte[] otherChallenge = {8, 7, 6, 5, 4, 3, 2, 1};
    ChipVerification replayed =
        verify(utopia, new ChipData(sod, dataGroups, Optional.of(new ActiveAuthentication(otherChallenge, signature)), Optional.empty()));
    assertThat(replayed.activeAuthentication()).isEqualTo(Counted.FAILED);
    assertThat(replayed.reasons()).containsExactly("chip-authentication-failed");
    assertThat(replayed.passiveAuthenticationPassed()).isTrue();
  }

  @Test
  void activeAuthenticationIsNotCountedWhenPassiveAuthenticationFails() throws Exception {
    byte[] challenge = {1, 2, 3, 4, 5, 6, 7, 8};
    Signature signer = Signature.getInstance("SHA256withPLAIN-ECDSA", ChipCrypto.BC);
    signer.initSign(aaKeys.getPrivate());
    signer.update(challenge);
    Issuer forger = Issuer.create("UT");
    ChipData chip =
        new ChipData(
            ChipFixture.sod(forger, dataGroups),
            dataGroups,
            Optional.of(new ActiveAuthentication(challenge, signer.sign())),
            Optional.of(new ChipAuthenticationClaim(true, Optional.of(BigInteger.ONE))));

    ChipVerification result = verify(utopia, chip);

    assertThat(result.activeAuthentication()).isEqualTo(Counted.NOT_COUNTED);
    assertThat(result.chipAuthentication()).isEqualTo(Counted.NOT_COUNTED);
    assertThat(result.check(ChipVerifier.CHECK_ACTIVE_AUTHENTICATION)).isEmpty();
    assertThat(result.reasons()).containsExactly("chip-certificate-untrusted");
  }

  @Test
  void rsaActiveAuthenticationWithIso9796MessageRecovery() throws Exception {
    KeyPair rsa = ChipFixture.rsaKeys();
    Map<Integer, byte[]> groups = new TreeMap<>(dataGroups);
    groups.put(15, ChipFixture.dg15(rsa.getPublic()));
    groups.remove(14);
    byte[] sod = ChipFixture.sod(utopia, groups);
    byte[] challenge = {9, 8, 7, 6, 5, 4, 3, 2};
    byte[] signature = iso9796Sign((RSAPrivateKey) rsa.getPrivate(), (RSAPublicKey) rsa.getPublic(), challenge);

    ChipVerification good = verify(utopia, new ChipData(sod, groups, Optional.of(new ActiveAuthentication(challenge, signature)), Optional.empty()));
    assertThat(good.activeAuthentication()).isEqualTo(Counted.PASSED);
    assertThat(good.check(ChipVerifier.CHECK_ACTIVE_AUTHENTICATION).orElseThrow().details()).containsEntry("digestAlgorithm", "SHA-1");

    byte[] wrongChallenge = challenge.clone();
    wrongChallenge[0] ^= 1;
    ChipVerification bad =
        verify(utopia, new ChipData(sod, groups, Optional.of(new ActiveAuthentication(wrongChallenge, signature)), Optional.empty()));
    assertThat(bad.activeAuthentication()).isEqualTo(Counted.FAILED);
    assertThat(bad.reasons()).containsExactly("chip-authentication-failed");
  }

  @Test
  void chipAuthenticationClaimCountsAgainstDg14() throws Exception {
    byte[] sod = ChipFixture.sod(utopia, dataGroups);
    ChipVerification ok =
        verify(utopia, new ChipData(sod, dataGroups, Optional.empty(), Optional.of(new ChipAuthenticationClaim(true, Optional.of(BigInteger.ONE)))));
    assertThat(ok.chipAuthentication()).isEqualTo(Counted.PASSED);

    ChipVerification failed =
        verify(utopia, new ChipData(sod, dataGroups, Optional.empty(), Optional.of(new ChipAuthenticationClaim(false, Optional.empty()))));
    assertThat(failed.chipAuthentication()).isEqualTo(Counted.FAILED);
    assertThat(failed.reasons()).containsExactly("chip-authentication-failed");

    ChipVerification unknownKey =
        verify(utopia, new ChipData(sod, dataGroups, Optional.empty(), Optional.of(new ChipAuthenticationClaim(true, Optional.of(BigInteger.TEN)))));
    assertThat(unknownKey.chipAuthentication()).isEqualTo(Counted.FAILED);
  }

  @Test
  void mrzComparisonIgnoresLayoutOnly() {
    String printed = " P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\r\n L898902C36UTO7408122F1204159ZE184226B<<<<<10 ";
    assertThat(ChipVerifier.compareMrz(ChipFixture.MRZ, printed).passed()).isTrue();

    DocumentCheck differs = ChipVerifier.compareMrz(ChipFixture.MRZ, printed.replace("ANNA", "ANNE"));
    assertThat(differs.passed()).isFalse();
    assertThat(differs.reason()).isEqualTo("chip-mrz-mismatch");
    assertThat(differs.details()).containsEntry("firstDifferenceAt", 18);
  }

  @Test
  void jpeg2000PortraitDecodes() throws Exception {
    byte[] jp2 = ChipFixture.encode(ChipFixture.face(), "jpeg2000");
    Map<Integer, byte[]> groups = new TreeMap<>(dataGroups);
    groups.put(2, ChipFixture.dg2(jp2, org.jmrtd.lds.iso19794.FaceImageInfo.IMAGE_DATA_TYPE_JPEG2000));

    ChipVerification result = verify(utopia, new ChipData(ChipFixture.sod(utopia, groups), groups));

    assertThat(result.portraitProblem()).isEmpty();
    assertThat(result.portrait()).hasValueSatisfying(p -> assertThat(p.getHeight()).isEqualTo(160));
  }

  @Test
  void undecodablePortraitIsReportedWithoutFailingTheChip() throws Exception {
    byte[] notAnImage = "not a jpeg at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Map<Integer, byte[]> groups = new TreeMap<>(dataGroups);
    groups.put(2, ChipFixture.dg2(notAnImage, org.jmrtd.lds.iso19794.FaceImageInfo.IMAGE_DATA_TYPE_JPEG));

    ChipVerification result = verify(utopia, new ChipData(ChipFixture.sod(utopia, groups), groups));

    assertThat(result.passiveAuthenticationPassed()).isTrue();
    assertThat(result.portrait()).isEmpty();
    assertThat(result.portraitProblem().orElseThrow()).contains("cannot be decoded");
  }

  /** ISO/IEC 9796-2 scheme 1 with partial recovery and SHA-1, built by hand as a chip does. */
  private static byte[] iso9796Sign(RSAPrivateKey key, RSAPublicKey pub, byte[] challenge) throws Exception {
    int k = (pub.getModulus().bitLength() + 7) / 8;
    byte[] m1 = new byte[k - 20 - 2];
    new Random(7).nextBytes(m1);
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    sha1.update(m1);
    byte[] hash = sha1.digest(challenge);
    byte[] block = new byte[k];
    block[0] = 0x6A;
    System.arraycopy(m1, 0, block, 1, m1.length);
    System.arraycopy(hash, 0, block, 1 + m1.length, hash.length);
    block[k - 1] = (byte) 0xBC;
    BigInteger s = new BigInteger(1, block).modPow(key.getPrivateExponent(), key.getModulus());
    byte[] out = s.toByteArray();
    byte[] fixed = new byte[k];
    int len = Math.min(out.length, k);
    System.arraycopy(out, out.length - len, fixed, k - len, len);
    return fixed;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
