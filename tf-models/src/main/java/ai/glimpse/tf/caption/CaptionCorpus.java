package ai.glimpse.tf.caption;

import ai.glimpse.preprocessing.captions.CaptionDataset;
import ai.glimpse.preprocessing.captions.CaptionImage;
import ai.glimpse.preprocessing.captions.CocoCaptionsJson;
import ai.glimpse.preprocessing.features.ImageLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The images and captions of one split of a captions dataset, in memory: a directory holding
 * {@code captions.json} (COCO format) and the images under {@code images/}, as {@code glimpse
 * synth} writes {@code DIR/train} and {@code DIR/val}.
 *
 * @param references the parsed captions file (the references for scoring)
 * @param imageIds the image ids, in file order
 * @param pixels each image's pixels {@code [3·S·S]} in [0, 1], flat {@code [C, H, W]}, aligned with
 *     {@code imageIds}
 * @param captions each image's raw captions, aligned with {@code imageIds}; every image has at least one
 */
public record CaptionCorpus(CaptionDataset references, List<Long> imageIds, List<float[]> pixels,
    List<List<String>> captions) {

  /**
   * Copies the lists and checks that they are aligned and that every image has a caption.
   *
   * @param references the parsed captions file (the references for scoring)
   * @param imageIds the image ids, in file order
   * @param pixels each image's pixels {@code [3·S·S]} in [0, 1], flat {@code [C, H, W]}, aligned with
   *     {@code imageIds}
   * @param captions each image's raw captions, aligned with {@code imageIds}; every image has at least one
   * @throws NullPointerException if an argument is null or a list holds a null
   * @throws IllegalArgumentException if the three lists differ in length or an image has no caption;
   *     the message gives the lengths or the image id
   */
  public CaptionCorpus {
    Objects.requireNonNull(references, "references");
    imageIds = List.copyOf(imageIds);
    pixels = List.copyOf(pixels);
    captions = List.copyOf(captions);
    if (pixels.size() != imageIds.size() || captions.size() != imageIds.size()) {
      throw new IllegalArgumentException("imageIds, pixels and captions must be aligned, got "
          + imageIds.size() + ", " + pixels.size() + " and " + captions.size());
    }
    for (int i = 0; i < imageIds.size(); i++) {
      if (captions.get(i).isEmpty()) {
        throw new IllegalArgumentException("image " + imageIds.get(i) + " has no caption");
      }
    }
  }

  /**
   * Loads {@code splitDir/captions.json} and every image with a caption from
   * {@code splitDir/images}, resized to {@code imageSize}² pixels. Images without a caption are
   * skipped; all images are decoded into memory ({@code 3·imageSize²} floats each).
   *
   * @param splitDir a split directory such as {@code DIR/train}, holding {@code captions.json} and
   *     {@code images/}
   * @param imageSize the side, in pixels, every image is resized to
   * @return the split's images with captions, in the file's image order
   * @throws IOException naming the file that is missing or cannot be read, or if no image has a
   *     caption
   */
  public static CaptionCorpus load(Path splitDir, int imageSize) throws IOException {
    CaptionDataset data = CocoCaptionsJson.read(splitDir.resolve("captions.json"));
    ImageLoader loader = new ImageLoader(imageSize);
    Map<Long, List<String>> byImage = data.captionsByImage();
    List<Long> ids = new ArrayList<>();
    List<float[]> pixels = new ArrayList<>();
    List<List<String>> captions = new ArrayList<>();
    for (CaptionImage image : data.images()) {
      List<String> texts = byImage.get(image.id());
      if (texts.isEmpty()) {
        continue;
      }
      ids.add(image.id());
      pixels.add(loader.load(splitDir.resolve("images").resolve(image.fileName())));
      captions.add(texts);
    }
    if (ids.isEmpty()) {
      throw new IOException(splitDir.resolve("captions.json") + ": no image has a caption");
    }
    return new CaptionCorpus(data, ids, pixels, captions);
  }

  /**
   * Returns the number of images.
   *
   * @return the number of images, each with at least one caption
   */
  public int size() {
    return imageIds.size();
  }

  /**
   * Returns the first {@code n} images (all if {@code n} is 0 or at least the size).
   *
   * @param n how many images to keep, &gt;= 0; 0 keeps all
   * @return this corpus when nothing is cut, otherwise a corpus of the first {@code n} images with
   *     the same {@link #references}
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public CaptionCorpus first(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    if (n == 0 || n >= size()) {
      return this;
    }
    return new CaptionCorpus(references, imageIds.subList(0, n), pixels.subList(0, n), captions.subList(0, n));
  }

  /**
   * Returns every caption of every image, for building the vocabulary.
   *
   * @return a new mutable list of the raw captions, image by image in corpus order
   */
  public List<String> allCaptions() {
    List<String> all = new ArrayList<>();
    captions.forEach(all::addAll);
    return all;
  }
}
