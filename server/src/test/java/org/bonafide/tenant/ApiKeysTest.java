package org.bonafide.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void generatedKeysHaveThePrefixAnd256RandomBits() {
    String key = ApiKeys.generate(random);
    assertThat(key).startsWith("bfk_").hasSize(4 + 43);
    assertThat(ApiKeys.wellFormed(key)).isTrue();
    assertThat(ApiKeys.generate(random)).isNotEqualTo(key);
  }

  @Test
  void hashIsSha256OfTheKey() {
    // SHA-256("abc"), FIPS 180-2 appendix B.1
    assertThat(HexFormat.of().formatHex(ApiKeys.hash("abc")))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void displayPrefixIsTheStartOfTheKeyOnly() {
    String key = ApiKeys.generate(random);
    assertThat(ApiKeys.displayPrefix(key)).hasSize(10).isEqualTo(key.substring(0, 10));
  }

  @Test
  void rejectsMalformedKeys() {
    String key = ApiKeys.generate(random);
    assertThat(ApiKeys.wellFormed(null)).isFalse();
    assertThat(ApiKeys.wellFormed("")).isFalse();
    assertThat(ApiKeys.wellFormed(key.substring(0, key.length() - 1))).isFalse();
    assertThat(ApiKeys.wellFormed(key + "A")).isFalse();
    assertThat(ApiKeys.wellFormed("xyz_" + key.substring(4))).isFalse();
    assertThat(ApiKeys.wellFormed(key.substring(0, 10) + "+" + key.substring(11))).isFalse();
  }

  @Test
  void readsTheBearerToken() {
    assertThat(ApiKeys.bearerToken("Bearer bfk_abc")).contains("bfk_abc");
    assertThat(ApiKeys.bearerToken("bearer bfk_abc")).contains("bfk_abc");
    assertThat(ApiKeys.bearerToken(null)).isEmpty();
    assertThat(ApiKeys.bearerToken("Bearer")).isEmpty();
    assertThat(ApiKeys.bearerToken("Bearer ")).isEmpty();
    assertThat(ApiKeys.bearerToken("Basic dXNlcjpwYXNz")).isEmpty();
    assertThat(ApiKeys.bearerToken("Bearer a b")).isEmpty();
  }
}
