package org.bonafide.identitygraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bonafide.shared.BonafideException;
import org.junit.jupiter.api.Test;

class IdentifierKeysTest {
  private static byte[] secret(int seed) {
    byte[] b = new byte[32];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }

  private final IdentifierKeys keys = new IdentifierKeys(secret(1));

  @Test
  void isHmacSha256OverKindCodeAndCanonicalText() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret(1), "HmacSHA256"));
    byte[] expected = mac.doFinal("phone:+85291234567".getBytes(StandardCharsets.UTF_8));
    assertThat(keys.key(EntityKind.PHONE, "+85291234567")).isEqualTo(expected).hasSize(IdentifierKeys.KEY_BYTES);
  }

  @Test
  void sameValueSameKeyDifferentValueDifferentKey() {
    assertThat(keys.key(EntityKind.PHONE, "+85291234567")).isEqualTo(keys.key(EntityKind.PHONE, "+85291234567"));
    assertThat(keys.key(EntityKind.PHONE, "+85291234567")).isNotEqualTo(keys.key(EntityKind.PHONE, "+85291234568"));
  }

  @Test
  void equalTextOfDifferentKindsNeverCollides() {
    Set<String> seen = new HashSet<>();
    for (EntityKind kind : EntityKind.values()) {
      assertThat(seen.add(keys.id(kind, "A1234563"))).as(kind.code()).isTrue();
    }
  }

  @Test
  void anotherDeploymentGetsOtherKeys() {
    IdentifierKeys other = new IdentifierKeys(secret(2));
    assertThat(other.key(EntityKind.EMAIL, "anna@example.com")).isNotEqualTo(keys.key(EntityKind.EMAIL, "anna@example.com"));
  }

  @Test
  void theSecretIsCopiedAndNeverShown() {
    byte[] s = secret(3);
    IdentifierKeys k = new IdentifierKeys(s);
    byte[] before = k.key(EntityKind.IP, "203.0.113.7");
    Arrays.fill(s, (byte) 0);
    assertThat(k.key(EntityKind.IP, "203.0.113.7")).isEqualTo(before);
    assertThat(k.toString()).doesNotContain(IdentifierKeys.hex(secret(3)));
  }

  @Test
  void shortSecretsAndEmptyTextAreRefused() {
    assertThatThrownBy(() -> new IdentifierKeys(new byte[31])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
    assertThatThrownBy(() -> keys.key(EntityKind.PHONE, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.key(null, "x")).isInstanceOf(NullPointerException.class);
  }

  @Test
  void base64Secrets() {
    String text = Base64.getEncoder().encodeToString(secret(1));
    assertThat(IdentifierKeys.fromBase64(text).id(EntityKind.PHONE, "+85291234567")).isEqualTo(keys.id(EntityKind.PHONE, "+85291234567"));
    String url = Base64.getUrlEncoder().encodeToString(secret(1));
    assertThat(IdentifierKeys.fromBase64(url).id(EntityKind.PHONE, "+85291234567")).isEqualTo(keys.id(EntityKind.PHONE, "+85291234567"));
    assertThatThrownBy(() -> IdentifierKeys.fromBase64("not base64!")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IdentifierKeys.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publicIdsRoundTrip() {
    byte[] key = keys.key(EntityKind.DEVICE, "0123456789abcdef");
    String id = IdentifierKeys.hex(key);
    assertThat(id).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(keys.id(EntityKind.DEVICE, "0123456789abcdef")).isEqualTo(id);
    assertThat(IdentifierKeys.parseId(id)).isEqualTo(key);
    assertThat(IdentifierKeys.same(IdentifierKeys.parseId(id), key)).isTrue();
    for (String bad : new String[] {null, "", id.toUpperCase(), id.substring(1), id + "0", "g" + id.substring(1)}) {
      assertThatThrownBy(() -> IdentifierKeys.parseId(bad)).isInstanceOf(BonafideException.class);
    }
  }

  @Test
  void concurrentCallersGetTheSameKeys() throws Exception {
    List<String> values = IntStream.range(0, 2000).mapToObj(i -> "+8529" + (1000000 + i)).toList();
    List<String> serial = values.stream().map(v -> keys.id(EntityKind.PHONE, v)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> runs =
          IntStream.range(0, 4)
              .mapToObj(r -> pool.submit(() -> values.stream().map(v -> keys.id(EntityKind.PHONE, v)).toList()))
              .toList();
      for (Future<List<String>> run : runs) {
        assertThat(run.get()).isEqualTo(serial);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
