package ai.glimpse.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the examples' {@code main} methods share. */
final class Examples {
  private Examples() {}

  /** Returns the first PNG in {@code dir} by name. */
  static Path firstImage(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".png")).sorted().findFirst()
          .orElseThrow(() -> new NoSuchFileException(dir.toString(), null, "no PNG image"));
    }
  }
}
