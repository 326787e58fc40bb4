package ai.glimpse.onnx.features;

import ai.glimpse.preprocessing.prepare.ImageIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PNG and JPEG images of a directory tree in id order, identified by the number their file
 * name ends with, as {@link ImageIndex} finds them: the id of
 * {@code COCO_train2014_000000123456.jpg} is 123456. Image files without such a number are
 * skipped with a warning; two files with the same id are an error.
 */
public final class ImageDirectory {
  /**
   * One image file and its id.
   *
   * @param id the number the file name ends with
   * @param file the image file
   */
  public record Image(long id, Path file) {}

  private ImageDirectory() {}

  /**
   * Lists the images under {@code dir}, sorted by id (scanned by {@link ImageIndex}).
   *
   * @param dir the directory to scan recursively
   * @return the images in ascending id order; empty if none has an id
   * @throws IOException if {@code dir} is not a directory ({@link java.nio.file.NoSuchFileException}),
   *     cannot be walked, or two files share an id or an id overflows a {@code long}; the message
   *     names the files
   */
  public static List<Image> scan(Path dir) throws IOException {
    ImageIndex index = ImageIndex.scan(dir);
    List<Image> images = new ArrayList<>(index.size());
    for (long id : index.ids()) {
      images.add(new Image(id, index.find(id)));
    }
    return images;
  }
}
