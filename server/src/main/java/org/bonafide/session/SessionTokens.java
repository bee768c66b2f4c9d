package org.bonafide.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The two bearer tokens of a capture: the single-use capture token in the capture link
 * ({@code bfc_}), exchanged once for the upload token ({@code bfu_}) that the page or app then
 * sends frames with. Only their SHA-256 is stored.
 */
final class SessionTokens {
  static final String CAPTURE_PREFIX = "bfc_";
  static final String UPLOAD_PREFIX = "bfu_";

  private final SecureRandom random;

  SessionTokens(SecureRandom random) {
    this.random = random;
  }

  String newCaptureToken() {
    return CAPTURE_PREFIX + randomPart();
  }

  String newUploadToken() {
    return UPLOAD_PREFIX + randomPart();
  }

  private String randomPart() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static boolean isSessionToken(String token) {
    return token.startsWith(CAPTURE_PREFIX) || token.startsWith(UPLOAD_PREFIX);
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
