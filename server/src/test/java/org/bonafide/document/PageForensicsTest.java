package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.junit.jupiter.api.Test;

class PageForensicsTest {
  private final PageForensics forensics = new PageForensics();

  private static final List<PageForensics.Region> REGIONS =
      List.of(
          PageForensicsImages.PORTRAIT,
          PageForensics.Region.field("surname", 336, 160, 260, 24),
          PageForensics.Region.field("given-names", 336, 222, 260, 24),
          PageForensics.Region.field("birth-date", 336, 284, 200, 24),
          PageForensics.Region.field("mrz", 36, 515, 560, 75));

  private static Map<String, DocumentCheck> byId(List<DocumentCheck> checks) {
    return checks.stream().collect(Collectors.toMap(DocumentCheck::id, Function.identity()));
  }

  @Test
  void genuineCardPassesEveryCheck() {
    for (long seed = 1; seed <= 3; seed++) {
      byte[] page = PageForensicsImages.genuine(seed);
      for (List<PageForensics.Region> regions : List.of(REGIONS, List.<PageForensics.Region>of())) {
        List<DocumentCheck> checks = forensics.analyse(page, regions);
        assertThat(checks).extracting(DocumentCheck::id)
            .containsExactly(EditingTraces.ID, ErrorLevel.ID, PortraitSeam.ID, ScreenRecapture.ID);
        for (DocumentCheck c : checks) {
          assertThat(c.passed()).as("%s on seed %d: %s", c.id(), seed, c.details()).isTrue();
        }
      }
    }
  }

  @Test
  void aWebpPageIsAnalysedLikeAPng() {
    // the genuine page, decoded and stored losslessly as WebP
    byte[] webp = org.bonafide.testing.LosslessWebp.encode(PageForensicsImage.decode(PageForensicsImages.genuine(1), 100_000_000L).toBufferedImage());
    List<DocumentCheck> checks = forensics.analyse(webp, REGIONS);
    assertThat(checks).extracting(DocumentCheck::id)
        .containsExactly(EditingTraces.ID, ErrorLevel.ID, PortraitSeam.ID, ScreenRecapture.ID);
    for (DocumentCheck c : checks) {
      assertThat(c.passed()).as("%s: %s", c.id(), c.details()).isTrue();
    }
  }

  @Test
  void portraitPastedFromAnotherJpegIsFound() {
    for (long seed = 1; seed <= 3; seed++) {
      Map<String, DocumentCheck> checks = byId(forensics.analyse(PageForensicsImages.pasted(seed, 0.5f), REGIONS));
      DocumentCheck compression = checks.get(ErrorLevel.ID);
      DocumentCheck seam = checks.get(PortraitSeam.ID);
      assertThat(compression.passed() && seam.passed())
          .as("seed %d: %s / %s", seed, compression.details(), seam.details())
          .isFalse();
      assertThat(checks.get(EditingTraces.ID).passed()).isTrue();
    }
  }

  @Test
  void portraitPastedFromALowQualityJpegHasAShiftedBlockGrid() {
    for (long seed = 1; seed <= 3; seed++) {
      Map<String, DocumentCheck> checks = byId(forensics.analyse(PageForensicsImages.pasted(seed, 0.2f), REGIONS));
      DocumentCheck compression = checks.get(ErrorLevel.ID);
      assertThat(compression.passed()).as("compression on seed %d: %s", seed, compression.details()).isFalse();
      assertThat(compression.reason()).isEqualTo("compression-inconsistent");
      assertThat(compression.details().get("inconsistent").toString()).contains("name=portrait").contains("shifted-block-grid");
      assertThat(compression.evidence()).singleElement().satisfies(e -> assertThat(e.mediaType()).isEqualTo("image/png"));
    }
  }

  @Test
  void pastedPortraitSeamIsFoundWithoutAnyCompressionDifference() {
    // Pasted at the page's own quality: no grid difference to speak of, the sharp seam remains.
    Map<String, DocumentCheck> checks = byId(forensics.analyse(PageForensicsImages.pasted(4, 0.85f), REGIONS));
    DocumentCheck seam = checks.get(PortraitSeam.ID);
    assertThat(seam.passed()).as("%s", seam.details()).isFalse();
    assertThat(seam.reason()).isEqualTo("portrait-pasted");
  }

  @Test
  void pastedPortraitIsFoundWithoutABox() {
    DocumentCheck seam = byId(forensics.analyse(PageForensicsImages.pasted(2, 0.5f), List.of())).get(PortraitSeam.ID);
    assertThat(seam.passed()).as("%s", seam.details()).isFalse();
    assertThat(seam.details()).containsEntry("portraitSource", "found");
  }

  @Test
  void photoshopInExifSoftwareIsAnEditingTrace() {
    byte[] page = PageForensicsImages.withExif(PageForensicsImages.genuine(5), "Adobe Photoshop 25.0 (Windows)", "2024:05:01 10:00:00", "2024:05:01 09:59:00", null);
    DocumentCheck c = byId(forensics.analyse(page, List.of())).get(EditingTraces.ID);
    assertThat(c.passed()).isFalse();
    assertThat(c.reason()).isEqualTo("editing-traces");
    assertThat(c.details().get("traces").toString()).contains("editor:Adobe Photoshop");
  }

  @Test
  void cameraSoftwareAndDatesPass() {
    byte[] page = PageForensicsImages.withExif(PageForensicsImages.genuine(5), "PhoneOS 17.4", "2024:05:01 10:00:00", "2024:05:01 10:00:00", null);
    DocumentCheck c = byId(forensics.analyse(page, List.of())).get(EditingTraces.ID);
    assertThat(c.passed()).as("%s", c.details()).isTrue();
  }

  @Test
  void xmpCreatorToolAndEditHistoryAreEditingTraces() {
    byte[] page = PageForensicsImages.withXmp(PageForensicsImages.genuine(6), "GIMP 2.10");
    DocumentCheck c = byId(forensics.analyse(page, List.of())).get(EditingTraces.ID);
    assertThat(c.passed()).isFalse();
    assertThat(c.details().get("traces").toString()).contains("editor:GIMP 2.10").contains("xmp-history");
  }

  @Test
  void modifyDateLongAfterCaptureIsAnEditingTrace() {
    byte[] page = PageForensicsImages.withExif(PageForensicsImages.genuine(5), "PhoneOS 17.4", "2024:06:11 10:00:00", "2024:05:01 09:00:00", null);
    DocumentCheck c = byId(forensics.analyse(page, List.of())).get(EditingTraces.ID);
    assertThat(c.passed()).isFalse();
    assertThat(c.details().get("traces").toString()).contains("modified-after-capture");
  }

  @Test
  void thumbnailOfTheSameImagePassesAndOfAnotherImageFires() {
    BufferedImage card = PageForensicsImages.card(7);
    byte[] jpeg = PageForensicsImage.jpeg(card, 0.85f);
    byte[] matching = PageForensicsImages.withExif(jpeg, null, null, "2024:05:01 09:00:00", PageForensicsImages.thumbnailOf(card));
    DocumentCheck same = byId(forensics.analyse(matching, List.of())).get(EditingTraces.ID);
    assertThat(same.passed()).as("%s", same.details()).isTrue();
    assertThat(same.details()).containsKey("thumbnail");

    // An editor replaced the portrait (with a darker one) and kept the camera's EXIF, thumbnail
    // included: the whole-frame measures average the change away, one cell of the grid does not.
    BufferedImage edited = PageForensicsImages.card(7);
    java.awt.Graphics2D g = edited.createGraphics();
    g.setColor(new java.awt.Color(60, 50, 45));
    PageForensics.Region p = PageForensicsImages.PORTRAIT;
    g.fillRect(p.x(), p.y(), p.width(), p.height());
    g.dispose();
    byte[] swapped = PageForensicsImages.withExif(PageForensicsImage.jpeg(edited, 0.85f), null, null, "2024:05:01 09:00:00", PageForensicsImages.thumbnailOf(card));
    DocumentCheck swappedCheck = byId(forensics.analyse(swapped, List.of())).get(EditingTraces.ID);
    assertThat(swappedCheck.passed()).as("%s", swappedCheck.details()).isFalse();
    assertThat(swappedCheck.details().get("traces").toString()).contains("thumbnail-differs");

    BufferedImage flipped = new BufferedImage(card.getWidth(), card.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < card.getHeight(); y++) {
      for (int x = 0; x < card.getWidth(); x++) {
        flipped.setRGB(x, y, card.getRGB(card.getWidth() - 1 - x, y));
      }
    }
    byte[] flippedThumb = PageForensicsImages.withExif(jpeg, null, null, "2024:05:01 09:00:00", PageForensicsImages.thumbnailOf(flipped));
    DocumentCheck flippedCheck = byId(forensics.analyse(flippedThumb, List.of())).get(EditingTraces.ID);
    assertThat(flippedCheck.passed()).as("%s", flippedCheck.details()).isFalse();
    assertThat(flippedCheck.details().get("traces").toString()).contains("thumbnail-differs");
  }

  @Test
  void screenRecaptureFires() {
    for (long seed = 1; seed <= 3; seed++) {
      DocumentCheck c = byId(forensics.analyse(PageForensicsImages.screenRecapture(seed), List.of())).get(ScreenRecapture.ID);
      assertThat(c.passed()).as("seed %d: %s", seed, c.details()).isFalse();
      assertThat(c.reason()).isEqualTo("screen-recapture");
    }
  }

  @Test
  void refreshBandingAloneFires() {
    DocumentCheck c = byId(forensics.analyse(PageForensicsImages.banded(PageForensicsImages.plainPhoto(4), 0.04, 11), List.of())).get(ScreenRecapture.ID);
    assertThat(c.passed()).as("%s", c.details()).isFalse();
    assertThat(c.details()).containsEntry("banding", true).containsEntry("moire", false);
  }

  @Test
  void plainPhotoIsNotAScreenRecapture() {
    for (long seed = 1; seed <= 3; seed++) {
      List<DocumentCheck> checks = forensics.analyse(PageForensicsImages.plainPhoto(seed), List.of());
      for (DocumentCheck c : checks) {
        assertThat(c.passed()).as("%s on seed %d: %s", c.id(), seed, c.details()).isTrue();
      }
    }
  }

  @Test
  void findsThePortraitWhenNoBoxIsGiven() {
    PageForensicsImage image = PageForensicsImage.decode(PageForensicsImages.genuine(9), Long.MAX_VALUE);
    PageForensics.Region found = PortraitSeam.findPortrait(image);
    assertThat(found).isNotNull();
    PageForensics.Region p = PageForensicsImages.PORTRAIT;
    int ix = Math.max(0, Math.min(found.x() + found.width(), p.x() + p.width()) - Math.max(found.x(), p.x()));
    int iy = Math.max(0, Math.min(found.y() + found.height(), p.y() + p.height()) - Math.max(found.y(), p.y()));
    assertThat((double) ix * iy / (p.width() * p.height())).as("%s", found).isGreaterThan(0.7);
  }

  @Test
  void undecodableBytesAreAnImageError() {
    assertThatThrownBy(() -> forensics.analyse(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3}, List.of()))
        .isInstanceOf(BonafideException.class)
        .satisfies(e -> assertThat(((BonafideException) e).errorCode()).isEqualTo(ErrorCode.IMAGE_UNREADABLE));
    assertThatThrownBy(() -> forensics.analyse(new byte[0], List.of()))
        .isInstanceOf(BonafideException.class)
        .satisfies(e -> assertThat(((BonafideException) e).errorCode()).isEqualTo(ErrorCode.IMAGE_UNREADABLE));
    assertThatThrownBy(() -> forensics.analyse("GIF89a....".getBytes(java.nio.charset.StandardCharsets.US_ASCII), List.of()))
        .isInstanceOf(BonafideException.class)
        .satisfies(e -> assertThat(((BonafideException) e).errorCode()).isEqualTo(ErrorCode.IMAGE_FORMAT_UNSUPPORTED));
  }

  @Test
  void tinyImagesAndRegionsOutsideThePageDoNotBreakTheChecks() {
    BufferedImage tiny = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
    List<DocumentCheck> checks =
        forensics.analyse(PageForensicsImage.jpeg(tiny, 0.9f), List.of(PageForensics.Region.portrait(-50, -50, 20, 20), PageForensics.Region.field("x", 2000, 10, 40, 40)));
    assertThat(checks).hasSize(4).allSatisfy(c -> assertThat(c.passed()).isTrue());
  }

  @Test
  void fftMatchesTheDirectTransform() {
    int n = 16;
    double[] re = new double[n];
    double[] im = new double[n];
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < n; i++) {
      re[i] = random.nextGaussian();
    }
    double[] input = re.clone();
    ScreenRecapture.Fft.transform(re, im);
    for (int k = 0; k < n; k++) {
      double r = 0;
      double i = 0;
      for (int t = 0; t < n; t++) {
        r += input[t] * Math.cos(-2 * Math.PI * k * t / n);
        i += input[t] * Math.sin(-2 * Math.PI * k * t / n);
      }
      assertThat(re[k]).isCloseTo(r, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(im[k]).isCloseTo(i, org.assertj.core.data.Offset.offset(1e-9));
    }
  }
}
