package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChipTlvTest {
  @Test
  void acceptsNestedTlvThatFillsTheBytesExactly() {
    byte[] dg = {0x61, 0x05, 0x5F, 0x1F, 0x02, 'A', 'B'};
    assertThat(ChipTlv.wellFormedTag(dg)).hasValue(0x61);
    assertThat(ChipTlv.outerTag(dg)).hasValue(0x61);
  }

  @Test
  void refusesLengthsThatRunPastTheBytesAtAnyDepth() {
    assertThat(ChipTlv.wellFormedTag(new byte[] {0x61, 0x05, 0x5F, 0x1F, 0x09, 'A', 'B'})).isEmpty();
    // The outer header alone is consistent: only the deep walk sees the inner lie.
    assertThat(ChipTlv.outerTag(new byte[] {0x61, 0x05, 0x5F, 0x1F, 0x09, 'A', 'B'})).hasValue(0x61);
    assertThat(ChipTlv.wellFormedTag(new byte[] {0x61, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF})).isEmpty();
    assertThat(ChipTlv.wellFormedTag(new byte[] {0x61, 0x02, 0x5F, 0x1F, 0x00})).isEmpty();
  }

  @Test
  void refusesIndefiniteLengthsAndTrailingBytes() {
    assertThat(ChipTlv.wellFormedTag(new byte[] {0x30, (byte) 0x80, 0x00, 0x00})).isEmpty();
    assertThat(ChipTlv.wellFormedTag(new byte[] {0x04, 0x01, 0x00, 0x00})).isEmpty();
    assertThat(ChipTlv.wellFormedTag(new byte[0])).isEmpty();
  }
}
