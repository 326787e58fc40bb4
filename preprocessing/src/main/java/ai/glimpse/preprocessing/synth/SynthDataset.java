package ai.glimpse.preprocessing.synth;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@link SyntheticGenerator} wrote a dataset, and how much.
 *
 * @param root the output directory
 * @param config the configuration it was generated from
 * @param train the training split, under {@code root/train}
 * @param val the validation split, under {@code root/val}
 */
public record SynthDataset(Path root, SynthConfig config, Split train, Split val) {
  /**
   * Validates that every part is present.
   *
   * @param root the output directory; not null
   * @param config the configuration; not null
   * @param train the training split; not null
   * @param val the validation split; not null
   * @throws NullPointerException if a part is null
   */
  public SynthDataset {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(val, "val");
  }

  /**
   * One split of a synthetic dataset.
   *
   * @param name {@code "train"} or {@code "val"}
   * @param dir the split's directory
   * @param images the number of images written
   * @param questions the number of questions written (and of annotations)
   */
  public record Split(String name, Path dir, int images, int questions) {
    /**
     * Validates that the name and directory are present; the counts are not checked.
     *
     * @param name the split name; not null
     * @param dir the split's directory; not null
     * @param images the number of images written
     * @param questions the number of questions written
     * @throws NullPointerException if {@code name} or {@code dir} is null
     */
    public Split {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(dir, "dir");
    }

    /**
     * Returns the official VQA v2 questions file.
     *
     * @return {@code dir/questions.json}
     */
    public Path questionsFile() {
      return dir.resolve("questions.json");
    }

    /**
     * Returns the official VQA v2 annotations file.
     *
     * @return {@code dir/annotations.json}
     */
    public Path annotationsFile() {
      return dir.resolve("annotations.json");
    }

    /**
     * Returns the scene descriptions (the objects of every image).
     *
     * @return {@code dir/scenes.json}
     */
    public Path scenesFile() {
      return dir.resolve("scenes.json");
    }

    /**
     * Returns the captions in the COCO captions format.
     *
     * @return {@code dir/captions.json} ({@link SyntheticGenerator#CAPTIONS_FILE})
     */
    public Path captionsFile() {
      return dir.resolve(SyntheticGenerator.CAPTIONS_FILE);
    }

    /**
     * Returns the directory of the PNG images.
     *
     * @return {@code dir/images}
     */
    public Path imagesDir() {
      return dir.resolve("images");
    }
  }
}
