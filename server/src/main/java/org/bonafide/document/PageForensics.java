package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bonafide.shared.BonafideException;

/**
 * Traces of forgery on the photo of a document's printed page: editing software in the metadata
 * ({@code editing-traces}), parts compressed differently from the rest ({@code
 * compression-inconsistent}), seams around the portrait ({@code portrait-pasted}) and a screen
 * photographed instead of the document ({@code screen-recapture}). {@code
 * docs/document-forensics.md} describes each check, its defaults and its limits.
 *
 * <p>Region rectangles are in the stored raster (EXIF orientation not applied), because the JPEG
 * block grid lives there; parts outside the image are clipped away.
 */
public final class PageForensics {
  private final Settings settings;

  public PageForensics(Settings settings) {
    this.settings = checkNotNull(settings, "settings");
  }

  public PageForensics() {
    this(Settings.defaults());
  }

  /**
   * Runs the four checks, in the order editing-traces, compression-inconsistent, portrait-pasted,
   * screen-recapture.
   *
   * @param imageBytes the page photo, JPEG, PNG or WebP
   * @param regions the portrait and data-field boxes the caller found; may be empty (the
   *     compression check then compares tiles of the page, the seam check looks for the portrait)
   * @throws BonafideException with an image {@code ErrorCode} when the bytes cannot be decoded or
   *     exceed the pixel limit; nothing else escapes
   */
  public List<DocumentCheck> analyse(byte[] imageBytes, List<Region> regions) {
    checkNotNull(regions, "regions (may be empty, not null)");
    PageForensicsImage image = PageForensicsImage.decode(imageBytes, settings.maxPixels());
    List<Region> clipped = new ArrayList<>();
    for (Region r : regions) {
      Region c = r.clip(image.width(), image.height());
      if (c != null) {
        clipped.add(c);
      }
    }
    List<DocumentCheck> checks = new ArrayList<>();
    checks.add(guard(EditingTraces.ID, () -> new EditingTraces(settings).check(image)));
    checks.add(guard(ErrorLevel.ID, () -> new ErrorLevel(settings).check(image, clipped)));
    checks.add(guard(PortraitSeam.ID, () -> new PortraitSeam(settings).check(image, clipped)));
    checks.add(guard(ScreenRecapture.ID, () -> new ScreenRecapture(settings).check(image)));
    return List.copyOf(checks);
  }

  /**
   * A check that breaks on an odd image must not take the others down: it passes with score 0.5
   * and says why, so an analyst sees that it could not judge.
   */
  private static DocumentCheck guard(String id, java.util.function.Supplier<DocumentCheck> check) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return DocumentCheck.pass(id, 0.5, Map.of("note", "could not measure: " + e.getClass().getSimpleName()));
    }
  }

  /**
   * A box on the page.
   *
   * @param name what it holds, for analysts ({@code portrait}, {@code surname})
   * @param kind portrait or data field
   */
  public record Region(String name, Kind kind, int x, int y, int width, int height) {
    /** What a region holds. */
    public enum Kind {
      PORTRAIT,
      FIELD
    }

    public Region {
      checkNotNull(name, "name");
      checkNotNull(kind, "kind");
      checkArgument(width > 0 && height > 0, "a region has a positive width and height");
    }

    public static Region portrait(int x, int y, int width, int height) {
      return new Region("portrait", Kind.PORTRAIT, x, y, width, height);
    }

    public static Region field(String name, int x, int y, int width, int height) {
      return new Region(name, Kind.FIELD, x, y, width, height);
    }

    /** This region cut to the image, or null when less than 8x8 pixels of it remain inside. */
    Region clip(int imageWidth, int imageHeight) {
      int x0 = Math.max(0, x);
      int y0 = Math.max(0, y);
      long x1 = Math.min((long) imageWidth, (long) x + width);
      long y1 = Math.min((long) imageHeight, (long) y + height);
      if (x1 - x0 < 8 || y1 - y0 < 8) {
        return null;
      }
      return new Region(name, kind, x0, y0, (int) (x1 - x0), (int) (y1 - y0));
    }

    Map<String, Object> describe() {
      return Map.of("name", name, "x", x, "y", y, "width", width, "height", height);
    }
  }

  /**
   * Thresholds of the page checks ({@code bonafide.detectors.page-forensics.*}); {@link
   * #defaults()} documents the defaults.
   *
   * @param maxPixels larger images are refused before decoding
   * @param editorNames case-insensitive fragments of Software / CreatorTool values that name
   *     editing software
   * @param thumbnailMaxMeanDifference mean absolute grey difference (0-255) above which the EXIF
   *     thumbnail differs from the image
   * @param thumbnailMaxHashDistance difference-hash bits (of 64) above which the thumbnail differs
   * @param thumbnailMaxCellDifference mean absolute grey difference in any one cell of an 8x8 grid
   *     over the thumbnail above which it differs (a replaced portrait is a local change)
   * @param maxModifyHours hours between DateTimeOriginal and the modify date beyond which the file
   *     was edited after capture
   * @param elaQuality JPEG quality (0-1) of the error-level re-encoding
   * @param maxRegionZ robust z-score (median/MAD over page tiles) above which a region's error
   *     level or block-grid strength stands out
   * @param minGridStrength block-grid strength ((boundary - median phase difference) / (median +
   *     0.25)) from which a region's 8x8 grid counts as present
   * @param maxSeamScore portrait boundary score (the seam's crispness against the page's edges
   *     times its straight coverage) above which the portrait looks pasted
   * @param minPeakContrast spectral peak power over its ring's median for a moiré peak
   * @param minPeakIsolation spectral peak power over its radial neighbours' for a moiré peak
   * @param minMoireWindows windows (of five) with a moiré peak for screen-recapture to fire
   * @param minBandContrast row-mean spectrum peak over its median for refresh banding
   */
  public record Settings(
      long maxPixels,
      List<String> editorNames,
      double thumbnailMaxMeanDifference,
      int thumbnailMaxHashDistance,
      double thumbnailMaxCellDifference,
      double maxModifyHours,
      double elaQuality,
      double maxRegionZ,
      double minGridStrength,
      double maxSeamScore,
      double minPeakContrast,
      double minPeakIsolation,
      int minMoireWindows,
      double minBandContrast) {
    public Settings {
      editorNames = List.copyOf(editorNames);
      checkArgument(maxPixels > 0, "max-pixels is positive");
      checkArgument(elaQuality > 0 && elaQuality < 1, "ela-quality lies strictly between 0 and 1");
      checkArgument(minMoireWindows >= 1 && minMoireWindows <= 5, "min-moire-windows is 1 to 5");
    }

    /** The defaults, calibrated on made pages and on the development photos (see the docs). */
    public static Settings defaults() {
      return new Settings(
          60_000_000L,
          List.of(
              "photoshop", "gimp", "affinity", "pixelmator", "canva", "snapseed", "picsart", "paint.net",
              "photopea", "krita", "paintshop", "corel", "fotor", "facetune", "meitu", "lightroom",
              "photo editor", "inkscape", "faceapp", "remini", "polarr", "vsco"),
          24,
          16,
          20,
          24,
          0.90,
          4.5,
          0.12,
          1.25,
          60,
          4,
          2,
          20);
    }
  }
}
