package ai.glimpse.preprocessing.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds image files by image id in a directory tree: the id of {@code COCO_val2014_000000000042.jpg}
 * or {@code synth_val_000001000001.png} is the number its file name ends with.
 */
public final class ImageIndex {
  private static final Pattern TRAILING_DIGITS = Pattern.compile("(\\d+)\\.(?i:png|jpe?g)$");

  private final Path root;
  private final Map<Long, Path> files;

  private ImageIndex(Path root, Map<Long, Path> files) {
    this.root = root;
    this.files = files;
  }

  /** Scans {@code root} recursively for PNG and JPEG files whose names end with a number. */
  public static ImageIndex scan(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null, "image directory not found");
    }
    Map<Long, Path> files = new HashMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        Matcher m = TRAILING_DIGITS.matcher(p.getFileName().toString().toLowerCase(Locale.ROOT));
        if (m.find()) {
          long id = Long.parseLong(m.group(1));
          Path previous = files.put(id, p);
          if (previous != null) {
            throw new IOException("image id " + id + " has two files: " + previous + " and " + p);
          }
        }
      }
    }
    return new ImageIndex(root, files);
  }

  /** Returns the file of {@code imageId}, or null when there is none. */
  public Path find(long imageId) {
    return files.get(imageId);
  }

  /** Returns the scanned directory. */
  public Path root() {
    return root;
  }

  /** Returns the number of images found. */
  public int size() {
    return files.size();
  }
}
