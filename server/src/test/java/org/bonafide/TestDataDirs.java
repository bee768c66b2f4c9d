package org.bonafide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Data directories for services started by integration tests, under {@code target/it-data}: fresh
 * per test JVM, so every run starts from an empty database, and removed by {@code mvn clean}.
 */
final class TestDataDirs {
  private static final Path ROOT = Path.of("target", "it-data").toAbsolutePath();

  static {
    // the previous run's databases; no server uses them any more (one build at a time)
    deleteRecursively(ROOT);
  }

  private TestDataDirs() {}

  static Path fresh(String name) {
    try {
      Files.createDirectories(ROOT);
      return Files.createTempDirectory(ROOT, name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear " + root, e);
    }
  }
}
