package org.bonafide.shared;

/**
 * The container formats the service accepts, recognised by their first bytes (never by a name or
 * a declared type): JPEG, PNG and WebP.
 */
public final class ImageFormat {
  public static final String JPEG = "jpeg";
  public static final String PNG = "png";
  public static final String WEBP = "webp";

  private ImageFormat() {}

  /** {@link #JPEG}, {@link #PNG} or {@link #WEBP} by the magic number; null for anything else. */
  public static String sniff(byte[] b) {
    if (b == null) {
      return null;
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
      return JPEG;
    }
    if (b.length >= 8
        && (b[0] & 0xff) == 0x89
        && b[1] == 'P'
        && b[2] == 'N'
        && b[3] == 'G'
        && b[4] == 0x0D
        && b[5] == 0x0A
        && b[6] == 0x1A
        && b[7] == 0x0A) {
      return PNG;
    }
    if (b.length >= 12
        && b[0] == 'R'
        && b[1] == 'I'
        && b[2] == 'F'
        && b[3] == 'F'
        && b[8] == 'W'
        && b[9] == 'E'
        && b[10] == 'B'
        && b[11] == 'P') {
      return WEBP;
    }
    return null;
  }
}
