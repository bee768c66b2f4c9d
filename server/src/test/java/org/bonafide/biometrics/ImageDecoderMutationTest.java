package org.bonafide.biometrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.bonafide.shared.BonafideException;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.Test;

/**
 * Corrupted uploads (flipped bytes, truncations, spliced headers) must come back as a decoded image
 * or a catalogued 4xx error: never another exception, which the service would turn into a 500.
 */
class ImageDecoderMutationTest {
  private static final int MUTANTS_PER_SEED = 400;

  private final ImageDecoder decoder = new ImageDecoder(2_000_000, 4_000_000);

  @Test
  void corruptedImagesDecodeOrFailWithAClientError() {
    byte[] jpeg = TestImages.jpeg(TestImages.scaled(TestImages.read(TestImages.photo(3)), 0.1), 0.8f);
    byte[] png = TestImages.png(TestImages.scaled(TestImages.read(TestImages.photo(1)), 0.05));
    byte[] webp = Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
    SplittableRandom random = new SplittableRandom(20261121);
    int decoded = 0;
    int refused = 0;
    for (byte[] seed : List.of(jpeg, png, webp)) {
      for (int i = 0; i < MUTANTS_PER_SEED; i++) {
        byte[] mutant = mutate(seed, random);
        try {
          DecodedImage image = decoder.decode(mutant);
          assertThat(image.width()).isPositive();
          decoded++;
        } catch (BonafideException e) {
          assertThat(e.errorCode().status()).as("status of %s", e.errorCode()).isBetween(400, 499);
          refused++;
        }
      }
    }
    // both outcomes must occur, or the mutations are too weak (or too strong) to test anything
    assertThat(decoded).isPositive();
    assertThat(refused).isPositive();
  }

  private static byte[] mutate(byte[] seed, SplittableRandom random) {
    byte[] out = seed.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        // flip a few bytes anywhere, headers included
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
      }
      case 1 -> out = java.util.Arrays.copyOf(out, 1 + random.nextInt(out.length));
      case 2 -> {
        // overwrite a run with 0xFF or 0x00 (marker and length fields)
        int start = random.nextInt(out.length);
        int end = Math.min(out.length, start + 1 + random.nextInt(32));
        byte fill = random.nextBoolean() ? (byte) 0xFF : 0;
        java.util.Arrays.fill(out, start, end, fill);
      }
      default -> {
        // huge declared sizes: bytes 16-23 hold the PNG width/height, and JPEG SOF lies early
        int at = Math.min(out.length - 1, 10 + random.nextInt(Math.min(200, out.length - 10)));
        out[at] = (byte) 0x7F;
      }
    }
    return out;
  }
}
