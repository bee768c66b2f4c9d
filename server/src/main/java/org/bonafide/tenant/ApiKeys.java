package org.bonafide.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/** Format, hashing and parsing of API keys: {@code bfk_} + base64url of 32 random bytes. */
final class ApiKeys {
  static final String PREFIX = "bfk_";
  private static final int RANDOM_BYTES = 32;
  /** 32 bytes in unpadded base64url. */
  private static final int ENCODED_LENGTH = 43;

  /**
   * Characters shown to identify a key: 6 base64url characters disclose 36 of its 256 random bits,
   * leaving 220 bits unknown.
   */
  private static final int DISPLAY_LENGTH = PREFIX.length() + 6;

  private static final Pattern FORMAT = Pattern.compile("bfk_[A-Za-z0-9_-]{" + ENCODED_LENGTH + "}");
  private static final Pattern BEARER = Pattern.compile("(?i)bearer +(\\S+) *");

  private ApiKeys() {}

  static String generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static boolean wellFormed(String key) {
    return key != null && FORMAT.matcher(key).matches();
  }

  /**
   * SHA-256 of the key. A fast unsalted hash is right here, unlike for passwords: a key is 256 bits
   * from {@link SecureRandom}, so there is no dictionary to try and a brute-force search of the
   * key space is out of reach however fast each guess is. It also lets the key be found by an index
   * lookup on its hash.
   */
  static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static String displayPrefix(String key) {
    return key.substring(0, DISPLAY_LENGTH);
  }

  /** The token of an {@code Authorization: Bearer <token>} header, if the header has that form. */
  static Optional<String> bearerToken(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    var matcher = BEARER.matcher(authorization);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
