package org.bonafide.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * The npm demo photos the build puts on the test classpath (build/test-photos.sha256). They are
 * group photos; the commands use the largest face.
 */
final class TestPhotos {
  static final int COUNT = 6;

  private TestPhotos() {}

  static Path photo(int n) {
    URL url = TestPhotos.class.getResource("/photos/sample" + n + ".jpg");
    if (url == null) {
      throw new IllegalStateException(
          "photos/sample" + n + ".jpg is not on the test classpath: the build fetches it from npm; run ./mvnw -B verify");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path copy(int n, Path dir) throws IOException {
    return Files.copy(photo(n), dir.resolve("sample" + n + ".jpg"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes photo {@code n} scaled by {@code factor} as a new JPEG: same faces, other pixels. */
  static Path resized(int n, double factor, Path target) throws IOException {
    BufferedImage src = ImageIO.read(photo(n).toFile());
    int w = (int) Math.round(src.getWidth() * factor);
    int h = (int) Math.round(src.getHeight() * factor);
    BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = dst.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(dst, "jpg", target.toFile())) {
      throw new IOException("no JPEG writer");
    }
    return target;
  }
}
