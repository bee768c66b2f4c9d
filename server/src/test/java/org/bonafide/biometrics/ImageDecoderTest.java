package org.bonafide.biometrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.bonafide.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Base64;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
  private final ImageDecoder decoder = new ImageDecoder(1_000_000, 4_000_000);

  private static BufferedImage marked(int w, int h) {
    // red block in the top-left corner, so orientation is visible in the decoded pixels
    BufferedImage image = TestImages.gradient(w, h);
    var g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, w / 4, h / 4);
    g.dispose();
    return image;
  }

  private static boolean isRed(BufferedImage image, int x, int y) {
    Color c = new Color(image.getRGB(x, y));
    return c.getRed() > 180 && c.getGreen() < 80 && c.getBlue() < 80;
  }

  @Test
  void decodesJpegAndPngIntoBgrRasters() {
    DecodedImage jpeg = decoder.decode(TestImages.jpeg(marked(120, 80), 0.9f));
    DecodedImage png = decoder.decode(TestImages.png(marked(120, 80)));
    assertThat(jpeg.format()).isEqualTo("jpeg");
    assertThat(png.format()).isEqualTo("png");
    for (DecodedImage image : new DecodedImage[] {jpeg, png}) {
      assertThat(image.pixels().getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
      assertThat(image.width()).isEqualTo(120);
      assertThat(image.height()).isEqualTo(80);
      assertThat(image.sha256()).hasSize(64);
    }
  }

  @Test
  void aFramesBudgetIsCheckedFromTheHeaderBeforeDecoding() {
    BonafideException pixels =
        catchThrowableOfType(BonafideException.class, () -> decoder.decode(TestImages.pngDeclaring(1, 40_000_000), 2_500_000, 4));
    assertThat(pixels.errorCode()).isEqualTo(ErrorCode.IMAGE_TOO_MANY_PIXELS);
    assertThat(pixels.properties()).containsEntry("limit", 2_500_000L);
    BonafideException strip =
        catchThrowableOfType(BonafideException.class, () -> decoder.decode(TestImages.gradientPng(500, 100), 2_500_000, 4));
    assertThat(strip.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(decoder.decode(TestImages.gradientPng(400, 100), 2_500_000, 4).width()).isEqualTo(400);
    // the configured limit still holds when the budget asks for more
    assertThat(catchThrowableOfType(BonafideException.class, () -> decoder.decode(TestImages.pngDeclaring(20_000, 20_000), Long.MAX_VALUE, 4)).errorCode())
        .isEqualTo(ErrorCode.IMAGE_TOO_MANY_PIXELS);
  }

  @Test
  void decodesLosslessAndLossyWebP() {
    // the 1x1 images browsers use to detect WebP support: one lossless (VP8L), one lossy (VP8)
    byte[] lossless = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    byte[] lossy = Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
    for (byte[] webp : new byte[][] {lossless, lossy}) {
      DecodedImage image = decoder.decode(webp);
      assertThat(image.format()).isEqualTo("webp");
      assertThat(image.width()).isEqualTo(1);
      assertThat(image.height()).isEqualTo(1);
      assertThat(image.pixels().getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    }
  }

  @Test
  void honoursExifOrientation() {
    byte[] plain = TestImages.jpeg(marked(120, 80), 0.95f);
    // orientation 6: the camera was turned 90 degrees clockwise; upright image is 80 wide, 120 high
    DecodedImage rotated = decoder.decode(TestImages.withExifOrientation(plain, 6));
    assertThat(rotated.width()).isEqualTo(80);
    assertThat(rotated.height()).isEqualTo(120);
    // the red top-left corner of the stored image ends up top-right after a clockwise turn
    assertThat(isRed(rotated.pixels(), 75, 5)).isTrue();
    assertThat(isRed(rotated.pixels(), 5, 5)).isFalse();

    DecodedImage upsideDown = decoder.decode(TestImages.withExifOrientation(plain, 3));
    assertThat(upsideDown.width()).isEqualTo(120);
    assertThat(isRed(upsideDown.pixels(), 115, 75)).isTrue();
  }

  @Test
  void refusesDecompressionBombBeforeDecoding() {
    byte[] bomb = TestImages.pngDeclaring(100_000, 100_000);
    assertThat(bomb.length).isLessThan(1000);
    assertThatThrownBy(() -> decoder.decode(bomb))
        .isInstanceOfSatisfying(
            BonafideException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.IMAGE_TOO_MANY_PIXELS));
  }

  @Test
  void refusesImagesOverTheByteLimit() {
    byte[] big = new byte[1_000_001];
    big[0] = (byte) 0xFF;
    big[1] = (byte) 0xD8;
    big[2] = (byte) 0xFF;
    assertThatThrownBy(() -> decoder.decode(big))
        .isInstanceOfSatisfying(
            BonafideException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE));
  }

  @Test
  void refusesUnknownFormatsByContentNotName() {
    byte[] gif = "GIF89a........".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> decoder.decode(gif))
        .isInstanceOfSatisfying(
            BonafideException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.IMAGE_FORMAT_UNSUPPORTED));
  }

  @Test
  void reportsCorruptImagesAsUnreadable() {
    byte[] jpeg = TestImages.jpeg(marked(200, 200), 0.9f);
    byte[] truncated = Arrays.copyOf(jpeg, 200);
    byte[] garbage = Arrays.copyOf(jpeg, jpeg.length);
    for (int i = 20; i < garbage.length; i++) {
      garbage[i] = (byte) (i * 31);
    }
    for (byte[] bad : new byte[][] {truncated, garbage, new byte[0]}) {
      assertThatThrownBy(() -> decoder.decode(bad))
          .isInstanceOfSatisfying(
              BonafideException.class,
              e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.IMAGE_UNREADABLE));
    }
  }
}
