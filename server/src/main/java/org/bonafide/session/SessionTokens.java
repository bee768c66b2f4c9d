package org.bonafide.session;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
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
    return Hashing.sha256().hashString(token, StandardCharsets.UTF_8).asBytes();
  }
}
