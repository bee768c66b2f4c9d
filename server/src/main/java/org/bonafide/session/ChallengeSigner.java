package org.bonafide.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bonafide.liveness.Challenge;
import org.bonafide.shared.TenantId;

/**
 * Signs a challenge with HMAC-SHA256 over a canonical text that binds it to its tenant, its session
 * and its expiry, so a challenge cannot be moved to another session or extended, and a stored one
 * that was altered no longer verifies.
 */
final class ChallengeSigner {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  ChallengeSigner(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("a challenge key has at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  String sign(TenantId tenant, UUID session, Instant expiresAt, Challenge challenge) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal(canonical(tenant, session, expiresAt, challenge).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** Whether {@code signature} is this challenge's, compared in constant time. */
  boolean verify(TenantId tenant, UUID session, Instant expiresAt, Challenge challenge, String signature) {
    if (signature == null) {
      return false;
    }
    byte[] expected = sign(tenant, session, expiresAt, challenge).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  static String canonical(TenantId tenant, UUID session, Instant expiresAt, Challenge challenge) {
    String prompts =
        challenge.prompts().stream().map(p -> p.prompt().code() + ":" + p.durationMs()).collect(Collectors.joining(","));
    String colours =
        challenge.colours().stream().map(c -> c.colour() + ":" + c.durationMs()).collect(Collectors.joining(","));
    return String.join(
        "\n",
        "bonafide-challenge/1",
        tenant.value().toString(),
        session.toString(),
        Long.toString(expiresAt.toEpochMilli()),
        prompts,
        colours);
  }
}
