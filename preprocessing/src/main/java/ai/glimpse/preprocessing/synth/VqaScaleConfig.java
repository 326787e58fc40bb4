package ai.glimpse.preprocessing.synth;

/**
 * The size and seed of a {@link VqaScaleCorpus}: how many questions over how many images in each
 * split.
 *
 * <p>Every image gets at least one question and at most {@value #MAX_QUESTIONS_PER_IMAGE}, since
 * question ids are {@code image_id * 1000 + k}; so {@code images <= questions <= 1000 * images}.
 *
 * @param trainQuestions the number of training questions (and annotations)
 * @param trainImages the number of training images, 1 to {@value #MAX_IMAGES}
 * @param valQuestions the number of validation questions
 * @param valImages the number of validation images, 1 to {@value #MAX_IMAGES}
 * @param seed the seed of every draw; the same config gives byte-identical files
 */
public record VqaScaleConfig(int trainQuestions, int trainImages, int valQuestions, int valImages,
    long seed) {
  /** The largest number of images per split; it keeps the image ids of the splits apart. */
  public static final int MAX_IMAGES = 1_000_000;
  /** The largest number of questions per image. */
  public static final int MAX_QUESTIONS_PER_IMAGE = 1000;

  /** The number of VQA v2 training questions (train2014). */
  public static final int VQA_V2_TRAIN_QUESTIONS = 443_757;
  /** The number of VQA v2 training images (COCO train2014). */
  public static final int VQA_V2_TRAIN_IMAGES = 82_783;
  /** The number of VQA v2 validation questions (val2014). */
  public static final int VQA_V2_VAL_QUESTIONS = 214_354;
  /** The number of VQA v2 validation images (COCO val2014). */
  public static final int VQA_V2_VAL_IMAGES = 40_504;

  /**
   * Validates the counts of both splits.
   *
   * @param trainQuestions the number of training questions, {@code trainImages} to
   *     {@code 1000 * trainImages}
   * @param trainImages the number of training images, 1 to {@value #MAX_IMAGES}
   * @param valQuestions the number of validation questions, {@code valImages} to
   *     {@code 1000 * valImages}
   * @param valImages the number of validation images, 1 to {@value #MAX_IMAGES}
   * @param seed the seed of every draw; any value
   * @throws IllegalArgumentException naming the split if a count is out of range
   */
  public VqaScaleConfig {
    check("train", trainQuestions, trainImages);
    check("val", valQuestions, valImages);
  }

  /**
   * Returns the sizes of VQA v2: 443,757 questions over 82,783 images, and 214,354 over 40,504.
   *
   * @param seed the seed of every draw
   * @return the full-scale config
   */
  public static VqaScaleConfig fullScale(long seed) {
    return new VqaScaleConfig(VQA_V2_TRAIN_QUESTIONS, VQA_V2_TRAIN_IMAGES, VQA_V2_VAL_QUESTIONS,
        VQA_V2_VAL_IMAGES, seed);
  }

  /**
   * Returns a small corpus for tests: 2,000 questions over 370 images, and 1,000 over 185.
   *
   * @param seed the seed of every draw
   * @return the small config
   */
  public static VqaScaleConfig small(long seed) {
    return new VqaScaleConfig(2_000, 370, 1_000, 185, seed);
  }

  /**
   * Returns a copy with another seed.
   *
   * @param newSeed the seed
   * @return a new config with the same sizes
   */
  public VqaScaleConfig withSeed(long newSeed) {
    return new VqaScaleConfig(trainQuestions, trainImages, valQuestions, valImages, newSeed);
  }

  private static void check(String split, int questions, int images) {
    if (images < 1 || images > MAX_IMAGES) {
      throw new IllegalArgumentException(
          split + " images must be in [1, " + MAX_IMAGES + "], got " + images);
    }
    if (questions < images || (long) questions > (long) MAX_QUESTIONS_PER_IMAGE * images) {
      throw new IllegalArgumentException(split + " questions must be in [" + images + ", "
          + (long) MAX_QUESTIONS_PER_IMAGE * images + "] for " + images
          + " images (at least one and at most " + MAX_QUESTIONS_PER_IMAGE
          + " per image), got " + questions);
    }
  }
}
