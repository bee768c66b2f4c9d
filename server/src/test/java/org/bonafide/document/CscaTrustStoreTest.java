package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bonafide.document.ChipFixture.NOW;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bonafide.document.ChipFixture.Issuer;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CscaTrustStoreTest {
  @TempDir Path dir;

  /** A master list of these CSCAs, signed by a signer the first CSCA issued. */
  static byte[] masterList(Issuer issuer, List<X509Certificate> cscas) throws Exception {
    KeyPair signerKeys = ChipFixture.ecKeys();
    X509Certificate signer =
        ChipFixture.certificate(
            "C=UT,O=Government,CN=Master List Signer",
            signerKeys.getPublic(),
            "C=UT,O=Government,CN=CSCA UT",
            issuer.cscaKeys().getPrivate(),
            false,
            NOW.minus(Duration.ofDays(10)),
            NOW.plus(Duration.ofDays(100)));
    Certificate[] list = new Certificate[cscas.size()];
    for (int i = 0; i < list.length; i++) {
      list[i] = Certificate.getInstance(cscas.get(i).getEncoded());
    }
    byte[] content = new org.bouncycastle.asn1.icao.CscaMasterList(list).getEncoded(ASN1Encoding.DER);
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(ChipCrypto.BC).build())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(ChipCrypto.BC).build(signerKeys.getPrivate()), signer));
    generator.addCertificate(new JcaX509CertificateHolder(signer));
    return generator.generate(new CMSProcessableByteArray(new ASN1ObjectIdentifier(CscaMasterList.CONTENT_TYPE), content), true).getEncoded();
  }

  static String pem(X509Certificate c) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  @Test
  void masterListCertificatesAreTrusted() throws Exception {
    Issuer utopia = Issuer.create("UT");
    Issuer other = Issuer.create("OT");
    Path ml = dir.resolve("icao.ml");
    Files.write(ml, masterList(utopia, List.of(utopia.csca(), other.csca())));

    CscaTrustStore trust = CscaTrustStore.load(Optional.empty(), List.of(ml));

    assertThat(trust.size()).isEqualTo(2);
    assertThat(trust.sources().get(0)).contains("2 certificates").contains("Master List Signer");
    Map<Integer, byte[]> groups = new TreeMap<>(Map.of(1, ChipFixture.dg1(), 2, ChipFixture.dg2()));
    ChipVerification result = new ChipVerifier(trust).verify(new ChipData(ChipFixture.sod(utopia, groups), groups), NOW);
    assertThat(result.passiveAuthenticationPassed()).isTrue();
  }

  @Test
  void tamperedOrSelfUnrelatedMasterListIsRefused() throws Exception {
    Issuer utopia = Issuer.create("UT");
    Issuer other = Issuer.create("OT");
    byte[] bytes = masterList(utopia, List.of(utopia.csca()));
    // Flip a byte inside the listed certificate's encoding: the content no longer matches its signature.
    byte[] encoded = utopia.csca().getEncoded();
    int at = indexOf(bytes, encoded) + encoded.length / 2;
    bytes[at] ^= 0x01;
    Path tampered = dir.resolve("tampered.ml");
    Files.write(tampered, bytes);
    assertThatThrownBy(() -> CscaTrustStore.load(Optional.empty(), List.of(tampered)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tampered.ml");

    // Signed by a CSCA that is not in the list.
    Path unrelated = dir.resolve("unrelated.ml");
    Files.write(unrelated, masterList(utopia, List.of(other.csca())));
    assertThatThrownBy(() -> CscaTrustStore.load(Optional.empty(), List.of(unrelated)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("issued its signer");
  }

  @Test
  void folderOfPemAndDerCertificatesLoads() throws Exception {
    Issuer utopia = Issuer.create("UT");
    Issuer other = Issuer.create("OT");
    Files.writeString(dir.resolve("ut.pem"), pem(utopia.csca()));
    Files.write(dir.resolve("ot.der"), other.csca().getEncoded());
    Files.writeString(dir.resolve("README.txt"), "not a certificate");

    CscaTrustStore trust = CscaTrustStore.load(Optional.of(dir), List.of());

    assertThat(trust.size()).isEqualTo(2);
  }

  @Test
  void missingPathsAndNonCaCertificatesStopTheStartup() throws Exception {
    Path missing = dir.resolve("nowhere");
    assertThatThrownBy(() -> CscaTrustStore.load(Optional.of(missing), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nowhere");
    assertThatThrownBy(() -> CscaTrustStore.load(Optional.empty(), List.of(dir.resolve("absent.ml"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absent.ml");

    Files.writeString(dir.resolve("ds.pem"), pem(Issuer.create("UT").ds()));
    assertThatThrownBy(() -> CscaTrustStore.load(Optional.of(dir), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a CA certificate");
  }

  @Test
  void emptyConfigurationTrustsNothing() {
    assertThat(CscaTrustStore.load(Optional.empty(), List.of()).size()).isZero();
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
    throw new IllegalStateException("not found");
  }
}
