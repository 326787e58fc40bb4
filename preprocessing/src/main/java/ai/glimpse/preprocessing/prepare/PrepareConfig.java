package ai.glimpse.preprocessing.prepare;

import ai.glimpse.preprocessing.synth.SyntheticGenerator;
import ai.glimpse.preprocessing.text.EmbeddingSource;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code glimpse prepare} reads and how it encodes it.
 *
 * @param trainQuestions the training questions file (official VQA v2 format)
 * @param trainAnnotations the training annotations file
 * @param valQuestions the validation questions file
 * @param valAnnotations the validation annotations file
 * @param trainImages the directory holding the training images (searched recursively; an image's
 *     id is the number its file name ends with, as in COCO names), or {@code null} when the
 *     split's images come as features only
 * @param valImages the directory holding the validation images, or {@code null}
 * @param imageSize the side of the square pixel tensors, in pixels
 * @param maxQuestionLength the number of token positions per question
 * @param topAnswers the number of answers kept in the answer vocabulary (K of top-K)
 * @param minWordCount words seen fewer times in training questions become unknown
 * @param glove a GloVe text file (e.g. {@code glove.6B.300d.txt}) from which to build the word
 *     vectors of the question vocabulary, or {@code null}
 * @param trainFeatures an HDF5 feature file (grid or object features) holding the training
 *     images, or {@code null}; it is referenced, not copied
 * @param valFeatures the feature file of the validation images (may be the same file), or
 *     {@code null}; the two are given together or not at all
 * @param wordpiece tokenize questions into BERT WordPiece pieces with the user's
 *     {@code vocab.txt} (and optionally take their vectors from an embedding matrix) instead of
 *     words with a vocabulary built from the training questions, or {@code null}; excludes
 *     {@code glove}
 */
public record PrepareConfig(
    Path trainQuestions,
    Path trainAnnotations,
    Path valQuestions,
    Path valAnnotations,
    Path trainImages,
    Path valImages,
    int imageSize,
    int maxQuestionLength,
    int topAnswers,
    int minWordCount,
    Path glove,
    Path trainFeatures,
    Path valFeatures,
    Wordpiece wordpiece) {

  /** The default side of pixel tensors. */
  public static final int DEFAULT_IMAGE_SIZE = 64;
  /** The default number of token positions. */
  public static final int DEFAULT_MAX_LENGTH = 14;
  /** The default K of the top-K answers. */
  public static final int DEFAULT_TOP_ANSWERS = 1000;

  /**
   * Validates the paths and the numbers. Only the presence of paths is checked here; files are
   * opened by {@link Preparer#prepare}.
   *
   * @param trainQuestions the training questions file (official VQA v2 format); not null
   * @param trainAnnotations the training annotations file; not null
   * @param valQuestions the validation questions file; not null
   * @param valAnnotations the validation annotations file; not null
   * @param trainImages the directory of the training images, or {@code null} (features only)
   * @param valImages the directory of the validation images; null exactly when
   *     {@code trainImages} is
   * @param imageSize the side of the square pixel tensors, in pixels, at least 8
   * @param maxQuestionLength the number of token positions per question, at least 1
   * @param topAnswers the number of answers kept in the answer vocabulary, at least 2
   * @param minWordCount the fewest training occurrences of a kept word, at least 1
   * @param glove a GloVe text file for the word vectors, or {@code null}
   * @param trainFeatures the feature file of the training images, or {@code null}
   * @param valFeatures the feature file of the validation images; null exactly when
   *     {@code trainFeatures} is
   * @param wordpiece the WordPiece tokenizer's inputs, or {@code null} for the words tokenizer
   * @throws NullPointerException if a questions or annotations file is null
   * @throws IllegalArgumentException if images or features are given for one split only, neither
   *     images nor features are given, a number is below its minimum, or both {@code glove} and
   *     {@code wordpiece} are given
   */
  public PrepareConfig {
    Objects.requireNonNull(trainQuestions, "trainQuestions");
    Objects.requireNonNull(trainAnnotations, "trainAnnotations");
    Objects.requireNonNull(valQuestions, "valQuestions");
    Objects.requireNonNull(valAnnotations, "valAnnotations");
    if ((trainImages == null) != (valImages == null)) {
      throw new IllegalArgumentException("give images for both splits or for neither");
    }
    if ((trainFeatures == null) != (valFeatures == null)) {
      throw new IllegalArgumentException("give features for both splits or for neither");
    }
    if (trainImages == null && trainFeatures == null) {
      throw new IllegalArgumentException("give the images (--images) or a feature file (--features), or both");
    }
    if (imageSize < 8) {
      throw new IllegalArgumentException("imageSize must be >= 8, got " + imageSize);
    }
    if (maxQuestionLength < 1) {
      throw new IllegalArgumentException("maxQuestionLength must be >= 1, got " + maxQuestionLength);
    }
    if (topAnswers < 2) {
      throw new IllegalArgumentException("topAnswers must be >= 2, got " + topAnswers);
    }
    if (minWordCount < 1) {
      throw new IllegalArgumentException("minWordCount must be >= 1, got " + minWordCount);
    }
    if (glove != null && wordpiece != null) {
      throw new IllegalArgumentException("GloVe vectors (" + glove + ") are for the words tokenizer;"
          + " with the wordpiece vocabulary " + wordpiece.vocab() + " give its embedding matrix"
          + " instead, not both");
    }
  }

  /**
   * The configuration with the words tokenizer (no {@link Wordpiece}).
   *
   * @param trainQuestions the training questions file (official VQA v2 format); not null
   * @param trainAnnotations the training annotations file; not null
   * @param valQuestions the validation questions file; not null
   * @param valAnnotations the validation annotations file; not null
   * @param trainImages the directory of the training images, or {@code null} (features only)
   * @param valImages the directory of the validation images; null exactly when
   *     {@code trainImages} is
   * @param imageSize the side of the square pixel tensors, in pixels, at least 8
   * @param maxQuestionLength the number of token positions per question, at least 1
   * @param topAnswers the number of answers kept in the answer vocabulary, at least 2
   * @param minWordCount the fewest training occurrences of a kept word, at least 1
   * @param glove a GloVe text file for the word vectors, or {@code null}
   * @param trainFeatures the feature file of the training images, or {@code null}
   * @param valFeatures the feature file of the validation images; null exactly when
   *     {@code trainFeatures} is
   * @throws NullPointerException if a questions or annotations file is null
   * @throws IllegalArgumentException if images or features are given for one split only, neither
   *     images nor features are given, or a number is below its minimum
   */
  public PrepareConfig(Path trainQuestions, Path trainAnnotations, Path valQuestions,
      Path valAnnotations, Path trainImages, Path valImages, int imageSize, int maxQuestionLength,
      int topAnswers, int minWordCount, Path glove, Path trainFeatures, Path valFeatures) {
    this(trainQuestions, trainAnnotations, valQuestions, valAnnotations, trainImages, valImages,
        imageSize, maxQuestionLength, topAnswers, minWordCount, glove, trainFeatures, valFeatures, null);
  }

  /**
   * The WordPiece tokenizer's inputs.
   *
   * @param vocab a BERT {@code vocab.txt}: one token per line, {@code [PAD]} on line 1,
   *     {@code [UNK]} somewhere; it is the question vocabulary as it stands (index = line - 1)
   * @param lowercase lower-case and strip accents before splitting (true for uncased
   *     vocabularies such as {@code bert-base-uncased})
   * @param embeddings the matrix {@code [vocab lines, dim]} whose rows become the word vectors
   *     ({@code glove.h5}), or {@code null} for none
   */
  public record Wordpiece(Path vocab, boolean lowercase, EmbeddingSource embeddings) {
    /**
     * Validates that the vocabulary file is given; it is read by {@link Preparer#prepare}.
     *
     * @param vocab a BERT {@code vocab.txt}; not null
     * @param lowercase lower-case and strip accents before splitting
     * @param embeddings the matrix whose rows become the word vectors, or {@code null} for none
     * @throws NullPointerException if {@code vocab} is null
     */
    public Wordpiece {
      Objects.requireNonNull(vocab, "vocab");
    }
  }

  /**
   * The configuration for a dataset laid out as {@code glimpse synth} writes it:
   * {@code DIR/{train,val}/{questions.json, annotations.json, images/}}, and the object features
   * {@code DIR/{train,val}/objects.h5} when both exist.
   *
   * @param dir the dataset directory; only the two feature files are looked for now, the other
   *     paths are checked when the dataset is prepared
   * @return a configuration with the default image size, question length and top-K answers, a
   *     minimum word count of 1, no GloVe file and the words tokenizer
   */
  public static PrepareConfig forLayout(Path dir) {
    Path trainObjects = dir.resolve("train/" + SyntheticGenerator.OBJECTS_FILE);
    Path valObjects = dir.resolve("val/" + SyntheticGenerator.OBJECTS_FILE);
    boolean objects = java.nio.file.Files.isRegularFile(trainObjects)
        && java.nio.file.Files.isRegularFile(valObjects);
    return new PrepareConfig(
        dir.resolve("train/questions.json"), dir.resolve("train/annotations.json"),
        dir.resolve("val/questions.json"), dir.resolve("val/annotations.json"),
        dir.resolve("train/images"), dir.resolve("val/images"),
        DEFAULT_IMAGE_SIZE, DEFAULT_MAX_LENGTH, DEFAULT_TOP_ANSWERS, 1, null,
        objects ? trainObjects.toAbsolutePath() : null, objects ? valObjects.toAbsolutePath() : null);
  }

  /**
   * Returns a copy that takes the images' features from {@code train} and {@code val}.
   *
   * @param train the feature file of the training images, or {@code null} for none
   * @param val the feature file of the validation images (may be the same file); null exactly
   *     when {@code train} is
   * @return the new configuration
   * @throws IllegalArgumentException if only one file is given, or both are null and there are no
   *     image directories
   */
  public PrepareConfig withFeatures(Path train, Path val) {
    return new PrepareConfig(trainQuestions, trainAnnotations, valQuestions, valAnnotations,
        trainImages, valImages, imageSize, maxQuestionLength, topAnswers, minWordCount, glove, train, val, wordpiece);
  }

  /**
   * Returns a copy that reads no image files (features only).
   *
   * @return the new configuration
   * @throws IllegalArgumentException if this configuration has no feature files
   */
  public PrepareConfig withoutImages() {
    return new PrepareConfig(trainQuestions, trainAnnotations, valQuestions, valAnnotations,
        null, null, imageSize, maxQuestionLength, topAnswers, minWordCount, glove, trainFeatures, valFeatures, wordpiece);
  }

  /**
   * Returns a copy with another image size.
   *
   * @param size the side of the square pixel tensors, in pixels, at least 8
   * @return the new configuration
   * @throws IllegalArgumentException if {@code size < 8}
   */
  public PrepareConfig withImageSize(int size) {
    return new PrepareConfig(trainQuestions, trainAnnotations, valQuestions, valAnnotations,
        trainImages, valImages, size, maxQuestionLength, topAnswers, minWordCount, glove, trainFeatures, valFeatures, wordpiece);
  }

  /**
   * Returns a copy with another maximum question length.
   *
   * @param length the number of token positions per question, at least 1
   * @return the new configuration
   * @throws IllegalArgumentException if {@code length < 1}
   */
  public PrepareConfig withMaxQuestionLength(int length) {
    return new PrepareConfig(trainQuestions, trainAnnotations, valQuestions, valAnnotations,
        trainImages, valImages, imageSize, length, topAnswers, minWordCount, glove, trainFeatures, valFeatures, wordpiece);
  }

  /**
   * Returns a copy with another K of the top-K answers.
   *
   * @param k the number of answers kept in the answer vocabulary, at least 2
   * @return the new configuration
   * @throws IllegalArgumentException if {@code k < 2}
   */
  public PrepareConfig withTopAnswers(int k) {
    return new PrepareConfig(trainQuestions, trainAnnotations, valQuestions, valAnnotations,
        trainImages, valImages, imageSize, maxQuestionLength, k, minWordCount, glove, trainFeatures, valFeatures, wordpiece);
  }

  /**
   * Returns a copy that builds word vectors from the GloVe file {@code file} ({@code null}: none).
   *
   * @param file a GloVe text file, e.g. {@code glove.6B.300d.txt}, or {@code null}
   * @return the new configuration
   * @throws IllegalArgumentException if {@code file} is given and this configuration uses WordPiece
   */
  public PrepareConfig withGlove(Path file) {
    return new PrepareConfig(trainQuestions, trainAnnotations, valQuestions, valAnnotations,
        trainImages, valImages, imageSize, maxQuestionLength, topAnswers, minWordCount, file, trainFeatures, valFeatures, wordpiece);
  }

  /**
   * Returns a copy that tokenizes questions with WordPiece ({@code null}: with words).
   *
   * @param settings the WordPiece vocabulary and options, or {@code null}
   * @return the new configuration
   * @throws IllegalArgumentException if this configuration has a GloVe file
   */
  public PrepareConfig withWordpiece(Wordpiece settings) {
    return new PrepareConfig(trainQuestions, trainAnnotations, valQuestions, valAnnotations,
        trainImages, valImages, imageSize, maxQuestionLength, topAnswers, minWordCount, glove, trainFeatures, valFeatures, settings);
  }
}
