package org.bonafide.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts evidence at rest (frames, face crops, audit frames): AES-256-GCM with a random nonce per
 * value, bound to where the value is stored (its context, such as the session and frame index), so a
 * ciphertext copied to another row does not decrypt. The key comes from {@code
 * bonafide.storage.evidence-key} (32 bytes, base64) or, unset, is generated once and kept in the
 * database, which protects backups and dumps of the evidence tables only together with a separately
 * stored key; operators who need that set the key outside the database.
 */
@Component
public class EvidenceCipher {
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  static final String SECRET_NAME = "evidence-aes-256-gcm";

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  @Autowired
  EvidenceCipher(@Value("${bonafide.storage.evidence-key:}") String configured, DeploymentSecrets secrets) {
    this(configured == null || configured.isBlank() ? secrets.getOrCreate(SECRET_NAME) : decode(configured));
  }

  EvidenceCipher(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the evidence key is 32 bytes (AES-256)");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  private static byte[] decode(String configured) {
    try {
      return Base64.getDecoder().decode(configured.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("bonafide.storage.evidence-key must be 32 bytes in base64", e);
    }
  }

  /** Encrypts {@code plain} for storage under {@code context}. */
  public byte[] encrypt(byte[] plain, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  /**
   * Decrypts what {@link #encrypt} stored under the same context.
   *
   * @throws IllegalStateException when the value was altered, moved to another context, or sealed
   *     with another key
   */
  public byte[] decrypt(byte[] stored, String context) {
    if (stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
      throw new IllegalStateException("Stored evidence is not in the expected format");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalStateException("Stored evidence failed its integrity check (" + context + ")", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }
}
