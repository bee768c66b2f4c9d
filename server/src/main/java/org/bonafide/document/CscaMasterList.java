package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * An ICAO CSCA master list (ICAO 9303-12): a CMS SignedData whose content is the list of CSCA
 * certificates, signed by a master list signer whose certificate a CSCA in the list issued.
 *
 * <p>Parsing verifies the CMS signature with the embedded signer certificate and that a
 * certificate in the list signed the signer certificate. That proves the file is intact and was
 * issued by a CSCA it lists; it does not prove which country that is: trust in a master list comes
 * from where the operator obtained it.
 *
 * @param certificates the CSCA certificates in the list
 * @param signer the master list signer's certificate
 */
record CscaMasterList(List<X509Certificate> certificates, X509Certificate signer) {
  /** id-icao-cscaMasterList. */
  static final String CONTENT_TYPE = "2.23.136.1.1.2";

  CscaMasterList {
    certificates = List.copyOf(certificates);
  }

  /**
   * Parses and verifies a master list.
   *
   * @throws IllegalArgumentException when the bytes are not a master list or a signature does not
   *     verify
   */
  static CscaMasterList parse(byte[] bytes) {
    CMSSignedData signed;
    try {
      signed = new CMSSignedData(bytes);
    } catch (CMSException | RuntimeException e) {
      throw new IllegalArgumentException("not a CMS SignedData file: " + e.getMessage(), e);
    }
    checkArgument(
        CONTENT_TYPE.equals(signed.getSignedContentTypeOID()),
        "content type %s is not a CSCA master list (%s)",
        signed.getSignedContentTypeOID(),
        CONTENT_TYPE);
    checkArgument(signed.getSignedContent() != null, "the master list's content is missing");
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      byte[] content = (byte[]) signed.getSignedContent().getContent();
      org.bouncycastle.asn1.icao.CscaMasterList list =
          org.bouncycastle.asn1.icao.CscaMasterList.getInstance(ASN1Primitive.fromByteArray(content));
      for (Certificate c : list.getCertStructs()) {
        certificates.add(ChipCrypto.certificate(c.getEncoded()));
      }
    } catch (java.io.IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("the master list's certificates cannot be read: " + e.getMessage(), e);
    }
    Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
    checkArgument(signers.size() == 1, "a master list has one signer, this one has %s", signers.size());
    SignerInformation info = signers.iterator().next();
    Collection<X509CertificateHolder> matches = ChipCrypto.signerCertificates(signed, info);
    checkArgument(!matches.isEmpty(), "the master list does not carry its signer's certificate");
    X509Certificate signer;
    try {
      signer = ChipCrypto.certificate(matches.iterator().next());
      boolean valid = info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(ChipCrypto.BC).build(signer.getPublicKey()));
      checkArgument(valid, "the master list's signature does not verify");
    } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
      throw new IllegalArgumentException("the master list's signature does not verify: " + e.getMessage(), e);
    }
    boolean issuedByListed =
        certificates.stream()
            .filter(c -> c.getSubjectX500Principal().equals(signer.getIssuerX500Principal()))
            .anyMatch(c -> verifies(signer, c));
    checkArgument(
        issuedByListed,
        "no certificate in the master list issued its signer's certificate (%s, issuer %s)",
        signer.getSubjectX500Principal(),
        signer.getIssuerX500Principal());
    return new CscaMasterList(certificates, signer);
  }

  private static boolean verifies(X509Certificate certificate, X509Certificate issuer) {
    try {
      certificate.verify(issuer.getPublicKey(), ChipCrypto.BC);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
