package org.bonafide.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.icao.DataGroupHash;
import org.bouncycastle.asn1.icao.LDSSecurityObject;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.jmrtd.lds.SODFile;
import org.jmrtd.lds.SecurityInfo;
import org.jmrtd.lds.icao.DG14File;
import org.jmrtd.lds.icao.DG15File;
import org.jmrtd.lds.icao.DG1File;

/**
 * Passive authentication (ICAO 9303-11 section 5.1): the SOD's signature, the document signer's
 * chain to a trusted CSCA, and each data group's hash. Never throws on chip content: every problem
 * becomes a failed check.
 *
 * <p>Hashes are compared against the LDS security object inside the signed content that Bouncy
 * Castle verified, not against a second parse, so what is checked is what is signed.
 */
final class PassiveAuthentication {
  static final String CHECK_DATA = "chip-data";
  static final String CHECK_SIGNATURE = "chip-sod-signature";
  static final String CHECK_CERTIFICATE = "chip-certificate-chain";
  static final String CHECK_HASHES = "chip-data-group-hashes";

  /** id-icao-ldsSecurityObject. */
  static final String LDS_SECURITY_OBJECT = "2.23.136.1.1.1";

  private static final int SOD_TAG = 0x77;
  /** The file tag of each data group, ICAO 9303-10 table 34. */
  private static final int[] DG_TAGS = {
    0, 0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70
  };
  private static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;
  private static final int KEY_USAGE_KEY_CERT_SIGN = 5;

  /**
   * What passive authentication found, and what it parsed for the later steps.
   *
   * @param checks the four checks, in order
   * @param mrz DG1's MRZ as lines separated by {@code \n}, when DG1 parsed
   * @param dg14 DG14's security infos, when DG14 parsed
   * @param dg15Key DG15's active authentication key, when DG15 parsed
   */
  record Result(List<DocumentCheck> checks, Optional<String> mrz, Optional<Collection<SecurityInfo>> dg14, Optional<PublicKey> dg15Key) {
    boolean passed() {
      return checks.stream().allMatch(DocumentCheck::passed);
    }
  }

  private final CscaTrustStore trust;

  PassiveAuthentication(CscaTrustStore trust) {
    this.trust = trust;
  }

  Result verify(ChipData chip, Instant now) {
    List<DocumentCheck> checks = new ArrayList<>();
    Map<String, Object> dataDetails = new LinkedHashMap<>();
    List<String> dataProblems = new ArrayList<>();

    CMSSignedData signed = parseSod(chip.rawSod(), dataProblems);
    for (var e : chip.dataGroups().entrySet()) {
      int n = e.getKey();
      OptionalInt tag = ChipTlv.outerTag(e.getValue());
      if (tag.isEmpty() || tag.getAsInt() != DG_TAGS[n]) {
        dataProblems.add("DG" + n + " is not one TLV with tag " + Integer.toHexString(DG_TAGS[n]));
      }
    }
    for (int required : new int[] {1, 2}) {
      if (chip.rawDataGroup(required) == null) {
        dataProblems.add("DG" + required + " was not read (DG1 and DG2 are required)");
      }
    }
    Optional<String> mrz = parse(chip, 1, dataProblems, bytes -> new DG1File(new ByteArrayInputStream(bytes)).getMRZInfo().toString().strip());
    Optional<Collection<SecurityInfo>> dg14 = parse(chip, 14, dataProblems, bytes -> new DG14File(new ByteArrayInputStream(bytes)).getSecurityInfos());
    Optional<PublicKey> dg15 = parse(chip, 15, dataProblems, bytes -> new DG15File(new ByteArrayInputStream(bytes)).getPublicKey());
    if (chip.rawDataGroup(2) != null && ChipTlv.wellFormedTag(chip.rawDataGroup(2)).isEmpty()) {
      dataProblems.add("DG2 is not well-formed TLV");
    }
    dataDetails.put("dataGroupsRead", List.copyOf(chip.dataGroups().keySet()));
    if (!dataProblems.isEmpty()) {
      dataDetails.put("problems", List.copyOf(dataProblems));
      checks.add(DocumentCheck.fail(CHECK_DATA, 0, DocumentReason.CHIP_DATA_INVALID, dataDetails));
    } else {
      checks.add(DocumentCheck.pass(CHECK_DATA, 1, dataDetails));
    }
    if (signed == null) {
      Map<String, Object> skipped = Map.of("skipped", "the SOD cannot be parsed");
      checks.add(DocumentCheck.fail(CHECK_SIGNATURE, 0, DocumentReason.CHIP_DATA_INVALID, skipped));
      checks.add(DocumentCheck.fail(CHECK_CERTIFICATE, 0, DocumentReason.CHIP_DATA_INVALID, skipped));
      checks.add(DocumentCheck.fail(CHECK_HASHES, 0, DocumentReason.CHIP_DATA_INVALID, skipped));
      return new Result(checks, mrz, dg14, dg15);
    }
    Optional<X509Certificate> ds = checkSignature(signed, checks);
    checkCertificate(ds, now, checks);
    checkHashes(signed, chip, checks);
    return new Result(checks, mrz, dg14, dg15);
  }

  private interface Parser<T> {
    T parse(byte[] bytes) throws IOException, GeneralSecurityException;
  }

  /** Parses one data group with JMRTD when present and well-formed; a failure is a data problem. */
  private static <T> Optional<T> parse(ChipData chip, int number, List<String> problems, Parser<T> parser) {
    byte[] bytes = chip.rawDataGroup(number);
    if (bytes == null) {
      return Optional.empty();
    }
    if (ChipTlv.wellFormedTag(bytes).isEmpty()) {
      problems.add("DG" + number + " is not well-formed TLV");
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(parser.parse(bytes));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // JMRTD signals malformed input with assorted runtime exceptions; all mean the same here.
      problems.add("DG" + number + " cannot be parsed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return Optional.empty();
    }
  }

  private static CMSSignedData parseSod(byte[] sod, List<String> problems) {
    OptionalInt tag = ChipTlv.outerTag(sod);
    if (tag.isEmpty() || tag.getAsInt() != SOD_TAG) {
      problems.add("the SOD is not one TLV with tag 77");
      return null;
    }
    try {
      // Bouncy Castle first: on a byte array it bounds every length by the array.
      CMSSignedData signed = new CMSSignedData(Arrays.copyOfRange(sod, headerLength(sod), sod.length));
      // JMRTD's parse checks the ICAO structure (one signer) but reads from a stream, trusting the
      // lengths it reads; it runs only on DER whose every length fits (BER forms skip it).
      if (ChipTlv.wellFormedTag(sod).isPresent()) {
        new SODFile(new ByteArrayInputStream(sod));
      }
      if (!LDS_SECURITY_OBJECT.equals(signed.getSignedContentTypeOID()) || signed.getSignedContent() == null) {
        problems.add("the SOD's content is not an LDS security object: " + signed.getSignedContentTypeOID());
        return null;
      }
      return signed;
    } catch (Exception e) {
      problems.add("the SOD cannot be parsed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return null;
    }
  }

  private static int headerLength(byte[] tlv) {
    int first = tlv[1] & 0xFF;
    return 2 + (first < 0x80 ? 0 : first & 0x7F);
  }

  private Optional<X509Certificate> checkSignature(CMSSignedData signed, List<DocumentCheck> checks) {
    Map<String, Object> details = new LinkedHashMap<>();
    Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
    if (signers.size() != 1) {
      details.put("problem", "an SOD has one signer, this one has " + signers.size());
      checks.add(DocumentCheck.fail(CHECK_SIGNATURE, 0, DocumentReason.CHIP_SIGNATURE_INVALID, details));
      return Optional.empty();
    }
    SignerInformation signer = signers.iterator().next();
    details.put("signatureAlgorithm", algorithmName(signer.getEncryptionAlgOID()));
    details.put("digestAlgorithm", algorithmName(signer.getDigestAlgOID()));
    Collection<X509CertificateHolder> matches = ChipCrypto.signerCertificates(signed, signer);
    if (matches.isEmpty()) {
      // ICAO lets an SOD leave out its DS certificate; without one nothing here can verify it.
      details.put("problem", "the SOD does not carry its document signer certificate");
      checks.add(DocumentCheck.fail(CHECK_SIGNATURE, 0, DocumentReason.CHIP_SIGNATURE_INVALID, details));
      return Optional.empty();
    }
    X509Certificate ds;
    try {
      ds = ChipCrypto.certificate(matches.iterator().next());
    } catch (GeneralSecurityException e) {
      details.put("problem", "the document signer certificate cannot be read: " + e.getMessage());
      checks.add(DocumentCheck.fail(CHECK_SIGNATURE, 0, DocumentReason.CHIP_SIGNATURE_INVALID, details));
      return Optional.empty();
    }
    details.putAll(certificateDetails("documentSigner", ds));
    boolean valid;
    String problem = "the signature does not verify with the document signer's key";
    try {
      // The public key alone: validity dates are the chain check's business, not the signature's.
      valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(ChipCrypto.BC).build(ds.getPublicKey()));
    } catch (Exception e) {
      valid = false;
      problem = problem + ": " + e.getMessage();
    }
    if (valid) {
      checks.add(DocumentCheck.pass(CHECK_SIGNATURE, 1, details));
    } else {
      details.put("problem", problem);
      checks.add(DocumentCheck.fail(CHECK_SIGNATURE, 0, DocumentReason.CHIP_SIGNATURE_INVALID, details));
    }
    return Optional.of(ds);
  }

  private void checkCertificate(Optional<X509Certificate> found, Instant now, List<DocumentCheck> checks) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("checkedAt", now.toString());
    details.put("trustedCscas", trust.size());
    if (found.isEmpty()) {
      details.put("problem", "no document signer certificate to chain");
      checks.add(DocumentCheck.fail(CHECK_CERTIFICATE, 0, DocumentReason.CHIP_CERTIFICATE_UNTRUSTED, details));
      return;
    }
    X509Certificate ds = found.get();
    details.putAll(certificateDetails("documentSigner", ds));
    List<String> problems = new ArrayList<>();
    validityProblem("document signer", ds, now).ifPresent(problems::add);
    boolean[] dsUsage = ds.getKeyUsage();
    if (dsUsage == null || !dsUsage[KEY_USAGE_DIGITAL_SIGNATURE]) {
      problems.add("the document signer certificate's key usage lacks digitalSignature");
    }
    List<X509Certificate> candidates = trust.withSubject(ds.getIssuerX500Principal());
    X509Certificate csca = null;
    List<String> cscaProblems = List.of();
    for (X509Certificate c : candidates) {
      try {
        ds.verify(c.getPublicKey(), ChipCrypto.BC);
      } catch (GeneralSecurityException | RuntimeException e) {
        continue;
      }
      List<String> own = new ArrayList<>();
      validityProblem("CSCA", c, now).ifPresent(own::add);
      boolean[] usage = c.getKeyUsage();
      if (c.getBasicConstraints() < 0) {
        own.add("the CSCA certificate is not a CA certificate");
      }
      if (usage == null || !usage[KEY_USAGE_KEY_CERT_SIGN]) {
        own.add("the CSCA certificate's key usage lacks keyCertSign");
      }
      // Several CSCAs can share a name (key rollover): prefer one without problems.
      if (csca == null || own.isEmpty()) {
        csca = c;
        cscaProblems = own;
      }
      if (own.isEmpty()) {
        break;
      }
    }
    if (trust.size() == 0) {
      problems.add("no CSCA certificate is configured (bonafide.documents.chip.*): nothing is trusted");
    } else if (candidates.isEmpty()) {
      problems.add("no trusted CSCA has the document signer's issuer name");
    } else if (csca == null) {
      problems.add("no trusted CSCA with the issuer's name signed the document signer certificate");
    }
    problems.addAll(cscaProblems);
    if (csca != null) {
      details.putAll(certificateDetails("csca", csca));
    }
    if (problems.isEmpty()) {
      checks.add(DocumentCheck.pass(CHECK_CERTIFICATE, 1, details));
    } else {
      details.put("problems", List.copyOf(problems));
      checks.add(DocumentCheck.fail(CHECK_CERTIFICATE, 0, DocumentReason.CHIP_CERTIFICATE_UNTRUSTED, details));
    }
  }

  private static Optional<String> validityProblem(String what, X509Certificate c, Instant now) {
    Date at = Date.from(now);
    if (at.before(c.getNotBefore())) {
      return Optional.of("the " + what + " certificate is not valid before " + c.getNotBefore().toInstant());
    }
    if (at.after(c.getNotAfter())) {
      return Optional.of("the " + what + " certificate expired on " + c.getNotAfter().toInstant());
    }
    return Optional.empty();
  }

  private static void checkHashes(CMSSignedData signed, ChipData chip, List<DocumentCheck> checks) {
    Map<String, Object> details = new LinkedHashMap<>();
    LDSSecurityObject lds;
    MessageDigest digest;
    try {
      byte[] content = (byte[]) signed.getSignedContent().getContent();
      lds = LDSSecurityObject.getInstance(ASN1Primitive.fromByteArray(content));
      ASN1ObjectIdentifier algorithm = lds.getDigestAlgorithmIdentifier().getAlgorithm();
      details.put("digestAlgorithm", algorithmName(algorithm.getId()));
      // Bouncy Castle knows every digest by its OID.
      digest = MessageDigest.getInstance(algorithm.getId(), ChipCrypto.BC);
    } catch (Exception e) {
      details.put("problem", "the LDS security object cannot be read: " + e.getMessage());
      checks.add(DocumentCheck.fail(CHECK_HASHES, 0, DocumentReason.CHIP_DATA_INVALID, details));
      return;
    }
    Map<Integer, byte[]> stored = new TreeMap<>();
    for (DataGroupHash h : lds.getDatagroupHash()) {
      stored.put(h.getDataGroupNumber(), h.getDataGroupHashValue().getOctets());
    }
    List<Integer> matched = new ArrayList<>();
    List<Integer> mismatched = new ArrayList<>();
    List<Integer> unlisted = new ArrayList<>();
    for (var e : chip.dataGroups().entrySet()) {
      byte[] expected = stored.get(e.getKey());
      if (expected == null) {
        unlisted.add(e.getKey());
      } else if (MessageDigest.isEqual(expected, digest.digest(e.getValue()))) {
        matched.add(e.getKey());
      } else {
        mismatched.add(e.getKey());
      }
    }
    TreeSet<Integer> notRead = new TreeSet<>(stored.keySet());
    notRead.removeAll(chip.dataGroups().keySet());
    details.put("matched", matched);
    details.put("mismatched", mismatched);
    details.put("notInSod", unlisted);
    details.put("listedNotRead", List.copyOf(notRead));
    if (mismatched.isEmpty() && unlisted.isEmpty()) {
      checks.add(DocumentCheck.pass(CHECK_HASHES, 1, details));
    } else {
      checks.add(DocumentCheck.fail(CHECK_HASHES, 0, DocumentReason.CHIP_HASH_MISMATCH, details));
    }
  }

  private static Map<String, Object> certificateDetails(String prefix, X509Certificate c) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(prefix + "Subject", c.getSubjectX500Principal().getName());
    d.put(prefix + "Issuer", c.getIssuerX500Principal().getName());
    d.put(prefix + "Serial", c.getSerialNumber().toString(16));
    d.put(prefix + "NotAfter", c.getNotAfter().toInstant().toString());
    return d;
  }

  static String algorithmName(String oid) {
    try {
      return new DefaultAlgorithmNameFinder().getAlgorithmName(new ASN1ObjectIdentifier(oid));
    } catch (RuntimeException e) {
      return oid;
    }
  }
}
