package org.bonafide.biometrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FaceComparisonControllerTest {
  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"image/jpeg", "image/png", "IMAGE/WEBP", "image/heic", "application/octet-stream", "*/*"})
  void leavesImagesAndUndeclaredPartsToTheEngine(String declared) {
    assertThatNoException().isThrownBy(() -> FaceComparisonController.checkDeclaredType("probe", declared));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/json", "application/pdf", "video/mp4", "not a type"})
  void refusesPartsDeclaredAsSomethingElse(String declared) {
    assertThatThrownBy(() -> FaceComparisonController.checkDeclaredType("probe", declared))
        .isInstanceOfSatisfying(
            BonafideException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
              assertThat(e.properties()).containsEntry("part", "probe");
            });
  }

  @Test
  void readsTheMultipleFacesPolicyByItsCode() {
    assertThat(MultipleFacesPolicy.parse("most-prominent")).contains(MultipleFacesPolicy.MOST_PROMINENT);
    assertThat(MultipleFacesPolicy.parse("refuse")).contains(MultipleFacesPolicy.REFUSE);
    assertThat(MultipleFacesPolicy.parse("MOST_PROMINENT")).isEmpty();
    assertThat(MultipleFacesPolicy.parse("first")).isEmpty();
  }
}
