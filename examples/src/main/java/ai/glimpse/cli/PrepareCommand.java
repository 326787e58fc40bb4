package ai.glimpse.cli;

import ai.glimpse.preprocessing.prepare.Manifest;
import ai.glimpse.preprocessing.prepare.PrepareConfig;
import ai.glimpse.preprocessing.prepare.Preparer;
import ai.glimpse.preprocessing.prepare.WordVectors;
import ai.glimpse.preprocessing.text.EmbeddingSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glimpse prepare}: vocabularies, encoded questions, soft targets and pixel tensors; word
 * vectors from GloVe, or a WordPiece vocabulary with its embedding matrix.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true,
    description = "Prepare a dataset for training: vocabularies from the training split, encoded "
        + "questions, top-K answers with soft scores, images as an HDF5 tensor [N, C, H, W] and/or "
        + "a grid or object feature file.")
final class PrepareCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--dataset", description = "A dataset laid out as 'glimpse synth' writes it.")
  Path dataset;

  @Option(names = "--train-questions", description = "Training questions file (official VQA format).")
  Path trainQuestions;

  @Option(names = "--train-annotations", description = "Training annotations file.")
  Path trainAnnotations;

  @Option(names = "--val-questions", description = "Validation questions file.")
  Path valQuestions;

  @Option(names = "--val-annotations", description = "Validation annotations file.")
  Path valAnnotations;

  @Option(names = "--images", description = "Directory of the images (searched recursively; ids from file names).")
  Path images;

  @Option(names = "--features", description = "HDF5 feature file (grid features [N, C, H, W] with image_ids, "
      + "or object features as convert-tsv writes them) holding the images of both splits; referenced, not copied.")
  Path features;

  @Option(names = "--train-features", description = "Feature file of the training images (with --val-features, instead of --features).")
  Path trainFeatures;

  @Option(names = "--val-features", description = "Feature file of the validation images.")
  Path valFeatures;

  @Option(names = "--out", required = true, description = "Prepared output directory.")
  Path out;

  @Option(names = "--image-size", defaultValue = "64", description = "Side of the pixel tensors (default: ${DEFAULT-VALUE}).")
  int imageSize;

  @Option(names = "--max-length", defaultValue = "14", description = "Token positions per question (default: ${DEFAULT-VALUE}).")
  int maxLength;

  @Option(names = "--top-answers", defaultValue = "1000", description = "K of the top-K answers (default: ${DEFAULT-VALUE}).")
  int topAnswers;

  @Option(names = "--glove", description = "GloVe text file (e.g. glove.6B.300d.txt): word vectors for the question vocabulary, written as PREPARED/glove.h5.")
  Path glove;

  @Option(names = "--wordpiece-vocab", description = "BERT vocab.txt: tokenize questions into its WordPiece "
      + "pieces ([PAD] on line 1, [UNK] anywhere) instead of words; the vocabulary is the file as it stands.")
  Path wordpieceVocab;

  @Option(names = "--cased", description = "With --wordpiece-vocab: keep case and accents (cased vocabularies); "
      + "by default text is lower-cased and accents stripped, as for uncased ones.")
  boolean cased;

  @Option(names = "--embeddings", paramLabel = "FILE[:/DATASET]", description = "With --wordpiece-vocab: the "
      + "embedding matrix [vocab lines, dim] as .npy (<f4, <f8 or <f2) or HDF5 (its only 2-D float dataset, "
      + "or FILE.h5:/path/to/dataset), written as PREPARED/glove.h5.")
  String embeddings;

  @Override
  public Integer call() throws Exception {
    PrepareConfig config;
    if (dataset != null) {
      config = PrepareConfig.forLayout(dataset);
    } else {
      if (trainQuestions == null || trainAnnotations == null || valQuestions == null
          || valAnnotations == null || (images == null && features == null && trainFeatures == null)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "give --dataset DIR, or all of "
            + "--train-questions, --train-annotations, --val-questions, --val-annotations and --images "
            + "and/or --features (or --train-features with --val-features)");
      }
      config = new PrepareConfig(trainQuestions, trainAnnotations, valQuestions, valAnnotations,
          images, images, PrepareConfig.DEFAULT_IMAGE_SIZE, PrepareConfig.DEFAULT_MAX_LENGTH,
          PrepareConfig.DEFAULT_TOP_ANSWERS, 1, null,
          features != null ? features : trainFeatures, features != null ? features : valFeatures);
    }
    if (features != null && (trainFeatures != null || valFeatures != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give --features or --train-features with --val-features, not both");
    }
    if ((trainFeatures == null) != (valFeatures == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--train-features and --val-features go together");
    }
    if (features != null) {
      config = config.withFeatures(features, features);
    } else if (trainFeatures != null) {
      config = config.withFeatures(trainFeatures, valFeatures);
    }
    if (wordpieceVocab == null && (embeddings != null || cased)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          (embeddings != null ? "--embeddings" : "--cased") + " goes with --wordpiece-vocab");
    }
    if (wordpieceVocab != null && glove != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --glove (words tokenizer) or "
          + "--wordpiece-vocab with --embeddings (WordPiece tokenizer), not both");
    }
    EmbeddingSource matrix;
    try {
      matrix = embeddings == null ? null : EmbeddingSource.parse(embeddings);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--embeddings: " + e.getMessage());
    }
    config = config.withImageSize(imageSize).withMaxQuestionLength(maxLength).withTopAnswers(topAnswers)
        .withGlove(glove)
        .withWordpiece(wordpieceVocab == null ? null : new PrepareConfig.Wordpiece(wordpieceVocab, !cased, matrix));
    Manifest m = new Preparer(config).prepare(out);
    System.out.printf("prepared %s: vocabulary %d tokens, %d answers%n", out, m.vocabularySize(), m.answerCount());
    for (Manifest.FeatureInfo f : m.features()) {
      System.out.printf("  image input %s (%s)%n", f.shape(), f.files().get("train"));
    }
    for (Map.Entry<String, Manifest.SplitInfo> e : m.splits().entrySet()) {
      System.out.printf("  %-5s %7d questions %6d images, answer coverage %.2f%%%n", e.getKey(),
          e.getValue().questions(), e.getValue().images(), 100 * e.getValue().answerCoverage());
    }
    if (glove != null) {
      WordVectors v = WordVectors.read(out.resolve(WordVectors.FILE));
      System.out.printf("  GloVe: %d-d vectors for %.2f%% of the vocabulary (%s)%n", v.dim(),
          100 * v.coverage(), out.resolve(WordVectors.FILE));
    }
    if (wordpieceVocab != null) {
      System.out.printf("  WordPiece: %s, %s, %d tokens%n", wordpieceVocab, cased ? "cased" : "lower-cased",
          m.vocabularySize());
    }
    if (matrix != null) {
      WordVectors v = WordVectors.read(out.resolve(WordVectors.FILE));
      System.out.printf("  Embeddings: %d-d vectors for %.2f%% of the vocabulary from %s (%s)%n", v.dim(),
          100 * v.coverage(), matrix, out.resolve(WordVectors.FILE));
    }
    return 0;
  }
}
