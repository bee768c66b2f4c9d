package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;

/**
 * The country signing CA (CSCA) certificates a document signer must chain to. Loaded once at
 * startup from a folder of PEM or DER certificates and/or ICAO CSCA master lists. Empty is a valid
 * state: then no chip passes passive authentication (every chip is {@code
 * chip-certificate-untrusted}), which is the honest answer when nobody configured trust.
 *
 * <p>Certificates are anchors as they are: their validity and CA flags are checked when a document
 * signer is chained to them, so an expired CSCA can stay in the folder.
 */
public final class CscaTrustStore {
  private final Map<String, X509Certificate> byFingerprint;
  private final List<String> sources;

  private CscaTrustStore(Map<String, X509Certificate> byFingerprint, List<String> sources) {
    this.byFingerprint = Map.copyOf(byFingerprint);
    this.sources = List.copyOf(sources);
  }

  /** No trusted CSCA: every document signer is untrusted. */
  public static CscaTrustStore empty() {
    return new CscaTrustStore(Map.of(), List.of());
  }

  /** Trusts exactly these certificates (tests, or a caller that loaded them itself). */
  public static CscaTrustStore of(Collection<X509Certificate> certificates) {
    Map<String, X509Certificate> map = new LinkedHashMap<>();
    for (X509Certificate c : certificates) {
      map.put(fingerprint(c), c);
    }
    return new CscaTrustStore(map, List.of("given"));
  }

  /**
   * Loads the CSCA certificates of a folder (files ending .pem, .crt, .cer, .der; each PEM file may
   * hold several certificates) and of ICAO master lists (CMS files, usually .ml).
   *
   * @throws IllegalArgumentException when a path is missing or unreadable, a certificate file does
   *     not parse, a folder certificate is not a CA certificate, or a master list's signature does
   *     not verify: trust configuration errors stop the startup rather than silently trusting less
   */
  public static CscaTrustStore load(Optional<Path> folder, List<Path> masterLists) {
    checkArgument(folder != null && masterLists != null, "folder and master lists must be given (possibly empty)");
    Map<String, X509Certificate> map = new LinkedHashMap<>();
    List<String> sources = new ArrayList<>();
    if (folder.isPresent()) {
      Path dir = folder.get();
      checkArgument(Files.isDirectory(dir), "CSCA folder %s does not exist or is not a folder", dir.toAbsolutePath());
      List<Path> files;
      try (Stream<Path> list = Files.list(dir)) {
        files = list.filter(Files::isRegularFile).filter(CscaTrustStore::isCertificateFile).sorted().toList();
      } catch (IOException e) {
        throw new IllegalArgumentException("CSCA folder " + dir.toAbsolutePath() + " cannot be read: " + e.getMessage(), e);
      }
      for (Path file : files) {
        for (X509Certificate c : readCertificates(file)) {
          checkArgument(c.getBasicConstraints() >= 0, "%s holds %s, which is not a CA certificate", file, c.getSubjectX500Principal());
          map.put(fingerprint(c), c);
        }
      }
      sources.add(dir + " (" + files.size() + " files)");
    }
    for (Path ml : masterLists) {
      checkArgument(Files.isRegularFile(ml), "CSCA master list %s does not exist", ml.toAbsolutePath());
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(ml);
      } catch (IOException e) {
        throw new IllegalArgumentException("CSCA master list " + ml.toAbsolutePath() + " cannot be read: " + e.getMessage(), e);
      }
      CscaMasterList list;
      try {
        list = CscaMasterList.parse(bytes);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("CSCA master list " + ml.toAbsolutePath() + ": " + e.getMessage(), e);
      }
      for (X509Certificate c : list.certificates()) {
        map.put(fingerprint(c), c);
      }
      sources.add(ml + " (" + list.certificates().size() + " certificates, signed by " + list.signer().getSubjectX500Principal() + ")");
    }
    return new CscaTrustStore(map, sources);
  }

  /** How many distinct certificates are trusted. */
  public int size() {
    return byFingerprint.size();
  }

  /** Where the certificates came from, for the startup log. */
  public List<String> sources() {
    return sources;
  }

  /** Trusted certificates whose subject is this issuer name. */
  List<X509Certificate> withSubject(X500Principal issuer) {
    return byFingerprint.values().stream().filter(c -> c.getSubjectX500Principal().equals(issuer)).toList();
  }

  static String fingerprint(X509Certificate c) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static boolean isCertificateFile(Path p) {
    String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer") || name.endsWith(".der");
  }

  private static List<X509Certificate> readCertificates(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      CertificateFactory factory = CertificateFactory.getInstance("X.509", ChipCrypto.BC);
      List<X509Certificate> out = new ArrayList<>();
      // generateCertificates reads both one DER certificate and a PEM file with several.
      for (var c : factory.generateCertificates(new java.io.ByteArrayInputStream(bytes))) {
        out.add((X509Certificate) c);
      }
      checkArgument(!out.isEmpty(), "%s holds no certificate", file);
      return out;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("CSCA certificate " + file.toAbsolutePath() + " cannot be read: " + e.getMessage(), e);
    }
  }
}
