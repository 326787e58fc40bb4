package ai.glimpse.preprocessing.synth;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@link VqaScaleCorpus} wrote a corpus, and how much.
 *
 * @param root the output directory
 * @param config the configuration it was generated from
 * @param train the training split, under {@code root/train}
 * @param val the validation split, under {@code root/val}
 */
public record VqaScaleOutput(Path root, VqaScaleConfig config, Split train, Split val) {
  /**
   * Validates that every part is present.
   *
   * @param root the output directory; not null
   * @param config the configuration; not null
   * @param train the training split; not null
   * @param val the validation split; not null
   * @throws NullPointerException if a part is null
   */
  public VqaScaleOutput {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(val, "val");
  }

  /**
   * Returns the total size of the four files.
   *
   * @return the sum of both splits' questions and annotations file sizes, in bytes
   */
  public long totalBytes() {
    return train.questionsBytes() + train.annotationsBytes() + val.questionsBytes()
        + val.annotationsBytes();
  }

  /**
   * One split of the corpus. Its images have the ids {@code firstImageId .. firstImageId + images
   * - 1}, every one of them with at least one question.
   *
   * @param name {@code "train"} or {@code "val"}
   * @param dir the split's directory
   * @param questions the number of questions (and of annotations)
   * @param images the number of images
   * @param firstImageId the id of the first image
   * @param questionsBytes the size of {@code questions.json} in bytes
   * @param annotationsBytes the size of {@code annotations.json} in bytes
   */
  public record Split(String name, Path dir, int questions, int images, long firstImageId,
      long questionsBytes, long annotationsBytes) {
    /**
     * Validates that the name and directory are present; the counts are not checked.
     *
     * @param name the split name; not null
     * @param dir the split's directory; not null
     * @param questions the number of questions
     * @param images the number of images
     * @param firstImageId the id of the first image: 1 for train, 1,000,001 for val
     * @param questionsBytes the size of {@code questions.json} in bytes
     * @param annotationsBytes the size of {@code annotations.json} in bytes
     * @throws NullPointerException if {@code name} or {@code dir} is null
     */
    public Split {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(dir, "dir");
    }

    /**
     * Returns the official VQA v2 questions file.
     *
     * @return {@code dir/questions.json} ({@link VqaScaleCorpus#QUESTIONS_FILE})
     */
    public Path questionsFile() {
      return dir.resolve(VqaScaleCorpus.QUESTIONS_FILE);
    }

    /**
     * Returns the official VQA v2 annotations file.
     *
     * @return {@code dir/annotations.json} ({@link VqaScaleCorpus#ANNOTATIONS_FILE})
     */
    public Path annotationsFile() {
      return dir.resolve(VqaScaleCorpus.ANNOTATIONS_FILE);
    }
  }
}
