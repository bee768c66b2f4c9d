package org.bonafide.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EvidenceCipherTest {
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private final EvidenceCipher cipher = new EvidenceCipher(KEY);
  private final byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3, 4, 5};

  @Test
  void decryptsWhatItEncryptedAndStoresNoPlaintext() {
    byte[] stored = cipher.encrypt(jpeg, "session-frame:s:0");
    assertThat(cipher.decrypt(stored, "session-frame:s:0")).isEqualTo(jpeg);
    assertThat(Arrays.copyOfRange(stored, 0, 4)).isNotEqualTo(Arrays.copyOfRange(jpeg, 0, 4));
    // a fresh nonce each time: equal images do not give equal ciphertexts
    assertThat(cipher.encrypt(jpeg, "session-frame:s:0")).isNotEqualTo(stored);
  }

  @Test
  void refusesAValueMovedToAnotherRowAlteredOrSealedWithAnotherKey() {
    byte[] stored = cipher.encrypt(jpeg, "session-frame:s:0");
    assertThatThrownBy(() -> cipher.decrypt(stored, "session-frame:s:1")).hasMessageContaining("integrity");
    byte[] altered = stored.clone();
    altered[altered.length - 1] ^= 1;
    assertThatThrownBy(() -> cipher.decrypt(altered, "session-frame:s:0")).hasMessageContaining("integrity");
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    assertThatThrownBy(() -> new EvidenceCipher(otherKey).decrypt(stored, "session-frame:s:0"))
        .hasMessageContaining("integrity");
    assertThatThrownBy(() -> cipher.decrypt(new byte[5], "session-frame:s:0")).hasMessageContaining("format");
  }

  @Test
  void needsAnAes256Key() {
    assertThatThrownBy(() -> new EvidenceCipher(new byte[16])).hasMessageContaining("32 bytes");
  }
}
