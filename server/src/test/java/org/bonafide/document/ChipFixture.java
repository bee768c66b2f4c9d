package org.bonafide.document;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import net.sf.scuba.data.Gender;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jmrtd.lds.ActiveAuthenticationInfo;
import org.jmrtd.lds.ChipAuthenticationPublicKeyInfo;
import org.jmrtd.lds.SODFile;
import org.jmrtd.lds.SecurityInfo;
import org.jmrtd.lds.icao.DG14File;
import org.jmrtd.lds.icao.DG15File;
import org.jmrtd.lds.icao.DG1File;
import org.jmrtd.lds.icao.DG2File;
import org.jmrtd.lds.icao.MRZInfo;
import org.jmrtd.lds.iso19794.FaceImageInfo;
import org.jmrtd.lds.iso19794.FaceInfo;

/** Builds chip reads the way an issuing state would: a CSCA, a document signer, data groups, an SOD. */
public final class ChipFixture {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  /** ICAO 9303-4's specimen passport MRZ. */
  static final String MRZ =
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

  private ChipFixture() {}

  public static KeyPair ecKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static KeyPair rsaKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    return g.generateKeyPair();
  }

  /** A certificate; {@code issuerKey} null makes it self-signed. */
  static X509Certificate certificate(
      String subject, PublicKey key, String issuer, PrivateKey issuerKey, boolean ca, Instant from, Instant until)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer), BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(until), new X500Name(subject), key);
    if (ca) {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    }
    String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    return ChipCrypto.certificate(b.build(new JcaContentSignerBuilder(algorithm).setProvider(ChipCrypto.BC).build(issuerKey)));
  }

  /** A country: its CSCA and one document signer. */
  public record Issuer(KeyPair cscaKeys, X509Certificate csca, KeyPair dsKeys, X509Certificate ds) {
    public static Issuer create(String country) throws Exception {
      return create(country, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(3650)));
    }

    static Issuer create(String country, Instant dsFrom, Instant dsUntil) throws Exception {
      return create(country, dsFrom, dsUntil, ecKeys());
    }

    static Issuer create(String country, Instant dsFrom, Instant dsUntil, KeyPair dsKeys) throws Exception {
      KeyPair cscaKeys = ecKeys();
      String cscaName = "C=" + country + ",O=Government,CN=CSCA " + country;
      Instant from = NOW.minus(Duration.ofDays(3650));
      X509Certificate csca = certificate(cscaName, cscaKeys.getPublic(), cscaName, cscaKeys.getPrivate(), true, from, NOW.plus(Duration.ofDays(7300)));
      X509Certificate ds =
          certificate("C=" + country + ",O=Government,CN=Document Signer " + country, dsKeys.getPublic(), cscaName, cscaKeys.getPrivate(), false, dsFrom, dsUntil);
      return new Issuer(cscaKeys, csca, dsKeys, ds);
    }

    CscaTrustStore trust() {
      return CscaTrustStore.of(List.of(csca));
    }
  }

  static byte[] dg1() throws Exception {
    return dg1(MRZ);
  }

  /** DG1 holding this MRZ (lines joined by a line break). */
  public static byte[] dg1(String mrz) throws Exception {
    return new DG1File(new MRZInfo(mrz)).getEncoded();
  }

  /** A drawn face, 120 x 160. */
  static BufferedImage face() {
    BufferedImage image = new BufferedImage(120, 160, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(200, 210, 220));
    g.fillRect(0, 0, 120, 160);
    g.setColor(new Color(225, 180, 150));
    g.fillOval(25, 25, 70, 95);
    g.setColor(Color.DARK_GRAY);
    g.fillOval(43, 60, 10, 6);
    g.fillOval(67, 60, 10, 6);
    g.setStroke(new BasicStroke(3));
    g.drawArc(45, 85, 30, 15, 200, 140);
    g.dispose();
    return image;
  }

  static byte[] encode(BufferedImage image, String format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IllegalStateException("no writer for " + format);
    }
    return out.toByteArray();
  }

  public static byte[] dg2(byte[] image, int imageDataType) throws Exception {
    FaceImageInfo info =
        new FaceImageInfo(
            Gender.FEMALE,
            FaceImageInfo.EyeColor.UNSPECIFIED,
            0,
            FaceImageInfo.HAIR_COLOR_UNSPECIFIED,
            FaceImageInfo.EXPRESSION_NEUTRAL,
            new int[3],
            new int[3],
            FaceImageInfo.FACE_IMAGE_TYPE_FULL_FRONTAL,
            FaceImageInfo.IMAGE_COLOR_SPACE_RGB24,
            FaceImageInfo.SOURCE_TYPE_STATIC_PHOTO_DIGITAL_CAM,
            0,
            0,
            new FaceImageInfo.FeaturePoint[0],
            120,
            160,
            new ByteArrayInputStream(image),
            image.length,
            imageDataType);
    return DG2File.createISO19794DG2File(List.of(new FaceInfo(List.of(info)))).getEncoded();
  }

  static byte[] dg2() throws Exception {
    return dg2(encode(face(), "jpg"), FaceImageInfo.IMAGE_DATA_TYPE_JPEG);
  }

  public static byte[] dg15(PublicKey key) {
    return new DG15File(key).getEncoded();
  }

  static byte[] dg14(PublicKey chipAuthenticationKey) {
    List<SecurityInfo> infos =
        List.of(
            new ActiveAuthenticationInfo(ActiveAuthenticationInfo.ECDSA_PLAIN_SHA256_OID),
            new ChipAuthenticationPublicKeyInfo(chipAuthenticationKey, BigInteger.ONE));
    return new DG14File(infos).getEncoded();
  }

  /** An SOD over these data groups' SHA-256 hashes, signed by the issuer's document signer. */
  public static byte[] sod(Issuer issuer, Map<Integer, byte[]> dataGroups) throws Exception {
    return sod(issuer, dataGroups, "SHA256withECDSA", null);
  }

  /** An SOD signed with this algorithm (JMRTD's names) and parameters (RSA-PSS). */
  static byte[] sod(Issuer issuer, Map<Integer, byte[]> dataGroups, String algorithm, java.security.spec.AlgorithmParameterSpec params)
      throws Exception {
    Map<Integer, byte[]> hashes = new TreeMap<>();
    for (var e : dataGroups.entrySet()) {
      hashes.put(e.getKey(), MessageDigest.getInstance("SHA-256").digest(e.getValue()));
    }
    return new SODFile("SHA-256", algorithm, params, hashes, issuer.dsKeys().getPrivate(), issuer.ds()).getEncoded();
  }
}
