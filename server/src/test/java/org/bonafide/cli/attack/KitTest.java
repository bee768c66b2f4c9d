package org.bonafide.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bonafide.shared.BonafideException;
import org.junit.jupiter.api.Test;

/** The kinds {@code eval attacks --kit} names. */
class KitTest {
  @Test
  void kitAllLeavesOutTheKindsThatNeedAVideoWithoutOne() {
    assertThat(Kit.parse("all", false))
        .containsExactly("photo", "animated-photo", "id-photo-as-selfie", "replay-session", "virtual-camera", "face-swap", "face-swap-3d", "blend-swap", "reenactment");
    assertThat(Kit.parse("all", true)).contains("replay-video").hasSize(Kit.KIT.size());
  }

  @Test
  void kitListIsTakenInTheKitsOrderWithoutRepeats() {
    assertThat(Kit.parse("virtual-camera, photo,photo", false)).containsExactly("photo", "virtual-camera");
  }

  @Test
  void kitRejectsUnknownKindsAndAVideoKindWithoutAVideo() {
    assertThatThrownBy(() -> Kit.parse("photo,print", false))
        .isInstanceOf(BonafideException.class)
        .hasMessageContaining("'print'")
        .hasMessageContaining("replay-session");
    assertThatThrownBy(() -> Kit.parse("replay-video", false))
        .isInstanceOf(BonafideException.class)
        .hasMessageContaining("needs --video");
  }
}
