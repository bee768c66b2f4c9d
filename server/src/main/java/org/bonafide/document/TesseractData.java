package org.bonafide.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * Tesseract's trained data. The build unpacks it from the npm package named in {@link #PACKAGE}
 * into the classpath folder {@code tessdata/}; Tesseract reads only files, so it is copied once
 * into a temporary folder that is removed when the JVM exits.
 */
final class TesseractData {
  static final String PACKAGE = "@tesseract.js-data/eng@1.0.0";
  static final String LANGUAGE = "eng";
  private static final String RESOURCE = "tessdata/" + LANGUAGE + ".traineddata";
  private static Path folder;

  private TesseractData() {}

  /** The folder holding {@code eng.traineddata}, extracted on first use. */
  static synchronized Path folder() {
    if (folder != null && Files.isRegularFile(folder.resolve(LANGUAGE + ".traineddata"))) {
      return folder;
    }
    try (InputStream in = TesseractData.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new BonafideException(
            ErrorCode.INTERNAL,
            "Tesseract's trained data (classpath " + RESOURCE + ") is missing: it comes from the npm package "
                + PACKAGE + ", which the build fetches (build/fetch-tessdata.sh). Build the jar again with npm available.");
      }
      Path dir = Files.createTempDirectory("bonafide-tessdata");
      // deleted at exit in the reverse order of these calls: the file, then its folder (the other
      // order left an empty folder behind at every run)
      dir.toFile().deleteOnExit();
      Path file = dir.resolve(LANGUAGE + ".traineddata");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      folder = dir;
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract Tesseract's trained data to a temporary folder", e);
    }
  }
}
