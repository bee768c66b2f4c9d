package org.bonafide.identitygraph;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * Keyed hashes of canonical identifiers: HMAC-SHA-256 under the deployment's secret over {@code
 * kind-code ":" canonical-text} (UTF-8). The graph stores and compares only these, so one
 * institution never sees another's raw values, and without the secret a hash cannot be tested
 * against guessed values (phone numbers and birth dates are few enough to enumerate; a plain hash
 * of them would hide nothing). Kind codes contain no {@code :}, so equal text of two kinds never
 * gives one message.
 *
 * <p>The public id of a key, used in URLs such as {@code /v1/identities/{id}/links}, is its
 * lower-case hex (64 characters).
 *
 * <p>Thread-safe: each call works on its own copy of an initialised {@link Mac}.
 */
public final class IdentifierKeys {
  /** Fewest bytes of secret accepted: the output size of SHA-256. */
  public static final int MIN_SECRET_BYTES = 32;

  /** Bytes of a key. */
  public static final int KEY_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
  private static final HexFormat HEX = HexFormat.of();

  private final Mac prototype;
  private final boolean cloneable;
  private final SecretKeySpec secret;

  /**
   * @param secret the deployment secret, at least {@value #MIN_SECRET_BYTES} bytes (copied)
   */
  public IdentifierKeys(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    checkArgument(
        secret.length >= MIN_SECRET_BYTES,
        "the identifier secret has at least %s bytes, got %s",
        MIN_SECRET_BYTES,
        secret.length);
    this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
    this.prototype = newMac();
    boolean canClone;
    try {
      prototype.clone();
      canClone = true;
    } catch (CloneNotSupportedException e) {
      canClone = false;
    }
    this.cloneable = canClone;
  }

  /**
   * From the secret written in base64 (standard or URL alphabet), as it is configured.
   *
   * @throws IllegalArgumentException when it is not base64 or decodes to fewer than {@value
   *     #MIN_SECRET_BYTES} bytes
   */
  public static IdentifierKeys fromBase64(String secret) {
    Objects.requireNonNull(secret, "secret");
    String text = secret.strip().replace('-', '+').replace('_', '/');
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the identifier secret is not base64", e);
    }
    return new IdentifierKeys(bytes);
  }

  /**
   * The keyed hash of a canonical identifier ({@link Identifiers} gives the canonical text).
   *
   * @return {@value #KEY_BYTES} bytes, a fresh array
   */
  public byte[] key(EntityKind kind, String canonical) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(canonical, "canonical");
    checkArgument(!canonical.isEmpty(), "an identifier's canonical text is not empty");
    return mac().doFinal((kind.code() + ":" + canonical).getBytes(StandardCharsets.UTF_8));
  }

  /** The public id of the keyed hash of a canonical identifier: {@link #hex} of {@link #key}. */
  public String id(EntityKind kind, String canonical) {
    return hex(key(kind, canonical));
  }

  /** Lower-case hex of a key: the public id form. */
  public static String hex(byte[] key) {
    Objects.requireNonNull(key, "key");
    return HEX.formatHex(key);
  }

  /**
   * The key behind a public id, as read from a URL.
   *
   * @throws BonafideException {@link ErrorCode#VALIDATION_FAILED} when it is not 64 lower-case hex
   *     characters
   */
  public static byte[] parseId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "An identity id is 64 lower-case hex characters",
          Map.of("part", "id"));
    }
    return HEX.parseHex(id);
  }

  /** Whether two keys are equal, in time that does not depend on where they differ. */
  public static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  private Mac mac() {
    if (cloneable) {
      try {
        return (Mac) prototype.clone();
      } catch (CloneNotSupportedException e) {
        // Checked at construction; fall through to a new instance.
      }
    }
    return newMac();
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(secret);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
    }
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "IdentifierKeys[HMAC-SHA-256]";
  }
}
