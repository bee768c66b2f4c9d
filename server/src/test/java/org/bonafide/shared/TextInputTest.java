package org.bonafide.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextInputTest {
  record Inner(String label, List<String> tags) {}

  record Outer(String reference, Map<String, Object> telemetry, Inner inner, int count) {}

  @Test
  void nulAndLoneSurrogatesAreRefusedAndPairsAreText() {
    assertThat(TextInput.problem("plain ? text 中文")).isNull();
    assertThat(TextInput.problem("emoji \ud83d\ude00")).isNull();
    assertThat(TextInput.problem(null)).isNull();
    assertThat(TextInput.problem("a\u0000b")).contains("NUL").contains("position 1");
    assertThat(TextInput.problem("SURR-\ud800")).contains("surrogate").contains("position 5");
    assertThat(TextInput.problem("SURR-\udfff")).contains("surrogate");
    assertThat(TextInput.problem("\udc00\ud800")).contains("position 0");
    assertThat(TextInput.problem("\ud800x")).contains("position 0");
  }

  @Test
  void requireAllNamesTheFirstRefusedStringByItsPath() {
    Outer clean = new Outer("A-1", Map.of("cameraLabel", "cam"), new Inner("x", List.of("a", "b")), 3);
    assertThat(TextInput.requireAll(clean, TextInput.TOP)).isSameAs(clean);
    assertThatThrownBy(() -> TextInput.requireAll(new Outer("A\u0000", null, null, 0), TextInput.TOP))
        .isInstanceOfSatisfying(
            BonafideException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TEXT);
              assertThat(e.properties()).containsEntry("field", "reference");
            });
    assertThatThrownBy(() -> TextInput.requireAll(new Outer("A", Map.of("cameraLabel", "c\u0000"), null, 0), TextInput.TOP))
        .isInstanceOfSatisfying(BonafideException.class, e -> assertThat(e.properties()).containsEntry("field", "telemetry.cameraLabel"));
    assertThatThrownBy(() -> TextInput.requireAll(new Outer("A", Map.of("k\ud800", 1), null, 0), TextInput.TOP))
        .isInstanceOfSatisfying(BonafideException.class, e -> assertThat(e.properties()).containsEntry("field", "telemetry key"));
    assertThatThrownBy(() -> TextInput.requireAll(new Outer("A", null, new Inner("x", List.of("ok", "\udfff")), 0), TextInput.TOP))
        .isInstanceOfSatisfying(BonafideException.class, e -> assertThat(e.properties()).containsEntry("field", "inner.tags[1]"));
  }

  @Test
  void nestingDeeperThanAnyRequestNeedsIsRefused() {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> at = root;
    for (int i = 0; i < TextInput.MAX_DEPTH + 5; i++) {
      Map<String, Object> next = new LinkedHashMap<>();
      at.put("n", next);
      at = next;
    }
    assertThatThrownBy(() -> TextInput.requireAll(root, "telemetry"))
        .isInstanceOfSatisfying(BonafideException.class, e -> assertThat(e.getMessage()).contains("nests deeper"));
    List<Object> shallow = new ArrayList<>(List.of("a", List.of("b", Map.of("c", "d"))));
    assertThat(TextInput.requireAll(shallow, "items")).isSameAs(shallow);
  }
}
