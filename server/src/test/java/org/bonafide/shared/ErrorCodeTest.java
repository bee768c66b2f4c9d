package org.bonafide.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
  @Test
  void codesAreUnique() {
    Set<String> seen = new HashSet<>();
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(seen.add(code.code())).as("code %s is used twice", code.code()).isTrue();
    }
  }

  @Test
  void codesAreLowerCaseWordsJoinedByHyphens() {
    assertThat(ErrorCode.values())
        .allSatisfy(code -> assertThat(code.code()).matches("[a-z]+(-[a-z]+)*"));
  }

  @Test
  void statusesAreClientOrServerErrors() {
    assertThat(ErrorCode.values())
        .allSatisfy(code -> assertThat(code.status()).as(code.name()).isBetween(400, 599));
  }

  @Test
  void everyCodeHasATitle() {
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::title)).allSatisfy(t -> assertThat(t).isNotBlank());
  }

  @Test
  void everyCodeIsDocumentedWithItsStatus() throws IOException {
    // surefire runs in the server module; the API reference lives at the repository root
    String api = Files.readString(Path.of("..", "docs", "api.md"));
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(api)
          .as("docs/api.md lists %s with status %d", code.code(), code.status())
          .contains("| `" + code.code() + "` | " + code.status() + " |");
    }
  }
}
