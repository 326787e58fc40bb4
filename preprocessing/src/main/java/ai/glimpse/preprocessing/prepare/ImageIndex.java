package ai.glimpse.preprocessing.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds image files by image id in a directory tree: the id of {@code COCO_val2014_000000000042.jpg}
 * or {@code synth_val_000001000001.png} is the number its file name ends with. PNG and JPEG files
 * without such a number are skipped with a warning; two files with the same id are an error.
 */
public final class ImageIndex {
  private static final Logger LOG = LoggerFactory.getLogger(ImageIndex.class);
  private static final Pattern IMAGE = Pattern.compile("(?i)\\.(png|jpe?g)$");
  private static final Pattern TRAILING_DIGITS = Pattern.compile("(\\d+)\\.(?i:png|jpe?g)$");

  private final Path root;
  private final Map<Long, Path> files;

  private ImageIndex(Path root, Map<Long, Path> files) {
    this.root = root;
    this.files = files;
  }

  /**
   * Scans {@code root} recursively for PNG and JPEG files whose names end with a number.
   *
   * @param root the image directory; subdirectories are searched too (symbolic links to
   *     directories are not followed)
   * @return the index of the images found; it is not updated when files change later
   * @throws java.nio.file.NoSuchFileException if {@code root} is not a directory
   * @throws IOException if the tree cannot be walked, a file's number does not fit in a
   *     {@code long}, or two files have the same id; the message names both files
   */
  public static ImageIndex scan(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null, "image directory not found");
    }
    Map<Long, Path> files = new HashMap<>();
    int skipped = 0;
    Path firstSkipped = null;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        String name = p.getFileName().toString();
        if (!IMAGE.matcher(name).find()) {
          continue;
        }
        Matcher m = TRAILING_DIGITS.matcher(name);
        if (!m.find()) {
          firstSkipped = skipped == 0 ? p : firstSkipped;
          skipped++;
          continue;
        }
        long id;
        try {
          id = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
          throw new IOException(p + ": image id " + m.group(1) + " does not fit in a 64-bit integer", e);
        }
        Path previous = files.put(id, p);
        if (previous != null) {
          throw new IOException(root + ": image id " + id + " has two files: " + previous + " and " + p);
        }
      }
    }
    if (skipped > 0) {
      LOG.warn("{}: skipped {} image file(s) whose names do not end with an image id, e.g. {}", root,
          skipped, firstSkipped.getFileName());
    }
    return new ImageIndex(root, files);
  }

  /**
   * Returns the file of {@code imageId}, or null when there is none.
   *
   * @param imageId an image id, e.g. 42 for {@code COCO_val2014_000000000042.jpg}
   * @return the file's path, under {@link #root()}, or null
   */
  public Path find(long imageId) {
    return files.get(imageId);
  }

  /**
   * Returns the scanned directory.
   *
   * @return the path given to {@link #scan}
   */
  public Path root() {
    return root;
  }

  /**
   * Returns the ids of the images found, in increasing order.
   *
   * @return a new array of {@link #size()} distinct ids
   */
  public long[] ids() {
    return files.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /**
   * Returns the number of images found.
   *
   * @return the number of distinct image ids; files without an id are not counted
   */
  public int size() {
    return files.size();
  }
}
