package org.bonafide.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddedPostgresServerTest {
  private static final long GB = 1024L * 1024 * 1024;

  @Test
  void theBufferPoolIsAQuarterOfTheMemoryWithinLimits() {
    assertThat(EmbeddedPostgresServer.sharedBuffersMb(24 * GB)).isEqualTo(6144);
    assertThat(EmbeddedPostgresServer.sharedBuffersMb(2 * GB)).isEqualTo(512);
    // unknown or tiny: PostgreSQL's own default; a large server: capped
    assertThat(EmbeddedPostgresServer.sharedBuffersMb(0)).isEqualTo(128);
    assertThat(EmbeddedPostgresServer.sharedBuffersMb(256L * 1024 * 1024)).isEqualTo(128);
    assertThat(EmbeddedPostgresServer.sharedBuffersMb(256 * GB)).isEqualTo(8192);
  }
}
