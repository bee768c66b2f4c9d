package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * False fires on the development photos (faces and document specimens, none of them a forgery of
 * the kind these checks look for). Skipped where {@code ../shared/data} is absent.
 */
class PageForensicsDevDataTest {
  private static final Path DATA = Path.of(System.getProperty("bonafide.dev-data", "../../shared/data"));

  @Test
  void genuinePhotosRarelyFire() throws IOException {
    List<Path> images = new ArrayList<>();
    for (String folder : List.of("faces", "mrz/images")) {
      Path dir = DATA.resolve(folder);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          files.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().forEach(images::add);
        }
      }
    }
    assumeTrue(!images.isEmpty(), "development data absent");
    PageForensics forensics = new PageForensics();
    Map<String, Integer> fires = new TreeMap<>();
    Map<String, List<String>> which = new TreeMap<>();
    for (Path image : images) {
      List<DocumentCheck> checks;
      try {
        checks = forensics.analyse(Files.readAllBytes(image), List.of());
      } catch (org.bonafide.shared.BonafideException e) {
        fires.merge("refused:" + e.errorCode().code(), 1, Integer::sum);
        which.computeIfAbsent("refused", k -> new ArrayList<>()).add(DATA.relativize(image) + " " + e.getMessage());
        continue;
      }
      for (DocumentCheck c : checks) {
        fires.merge(c.id(), c.passed() ? 0 : 1, Integer::sum);
        if (!c.passed()) {
          which.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(DATA.relativize(image) + " " + c.details());
        }
      }
    }
    System.out.println("page forensics on " + images.size() + " development photos, fires per check: " + fires);
    which.forEach((id, list) -> list.forEach(line -> System.out.println("  " + id + ": " + line)));
    // Pixel checks: at most one in ten genuine photos may fire. Editing traces are real traces (web
    // photos went through editors) and are reported, not bounded.
    for (String id : List.of(ErrorLevel.ID, PortraitSeam.ID, ScreenRecapture.ID)) {
      assertThat(fires.getOrDefault(id, 0)).as(id).isLessThanOrEqualTo(images.size() / 10);
    }
  }
}
