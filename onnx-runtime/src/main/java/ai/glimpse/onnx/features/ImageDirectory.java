package ai.glimpse.onnx.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PNG and JPEG images of a directory tree, identified by the number their file name ends
 * with, as {@link ai.glimpse.preprocessing.prepare.ImageIndex} finds them: the id of
 * {@code COCO_train2014_000000123456.jpg} is 123456. Image files without such a number are
 * skipped with a warning; two files with the same id are an error.
 */
public final class ImageDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(ImageDirectory.class);
  private static final Pattern IMAGE = Pattern.compile("(?i)\\.(png|jpe?g)$");
  private static final Pattern TRAILING_DIGITS = Pattern.compile("(\\d+)\\.(?i:png|jpe?g)$");

  /**
   * One image file and its id.
   *
   * @param id the number the file name ends with
   * @param file the image file
   */
  public record Image(long id, Path file) {}

  private ImageDirectory() {}

  /** Lists the images under {@code dir}, sorted by id. */
  public static List<Image> scan(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "image directory not found");
    }
    Map<Long, Path> byId = new HashMap<>();
    int skipped = 0;
    Path firstSkipped = null;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        String name = p.getFileName().toString();
        if (!IMAGE.matcher(name).find()) {
          continue;
        }
        Matcher m = TRAILING_DIGITS.matcher(name);
        if (!m.find()) {
          LOG.debug("skipping {}: its name does not end with an image id", p);
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
        Path previous = byId.put(id, p);
        if (previous != null) {
          throw new IOException(dir + ": image id " + id + " has two files: " + previous + " and " + p);
        }
      }
    }
    if (skipped > 0) {
      LOG.warn("{}: skipped {} image file(s) whose names do not end with an image id, e.g. {}", dir, skipped,
          firstSkipped.getFileName());
    }
    List<Image> images = new ArrayList<>(byId.size());
    byId.forEach((id, file) -> images.add(new Image(id, file)));
    images.sort(Comparator.comparingLong(Image::id));
    return images;
  }
}
