package org.bonafide.document;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider the chip checks use, passed by instance and never registered
 * globally. Java's own provider lacks the Brainpool curves and explicit EC parameters that many
 * countries' signing certificates use.
 */
final class ChipCrypto {
  static final Provider BC = new BouncyCastleProvider();

  private ChipCrypto() {}

  /** The certificates in a CMS SignedData that match its signer's id (issuer and serial, or key id). */
  static java.util.List<X509CertificateHolder> signerCertificates(
      org.bouncycastle.cms.CMSSignedData signed, org.bouncycastle.cms.SignerInformation signer) {
    // SignerId is a raw Selector; matching by hand keeps the generics checked.
    return signed.getCertificates().getMatches(null).stream().filter(signer.getSID()::match).toList();
  }

  static X509Certificate certificate(byte[] encoded) throws GeneralSecurityException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509", BC).generateCertificate(new ByteArrayInputStream(encoded));
  }

  static X509Certificate certificate(X509CertificateHolder holder) throws GeneralSecurityException {
    try {
      return certificate(holder.getEncoded());
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("certificate cannot be encoded", e);
    }
  }
}
