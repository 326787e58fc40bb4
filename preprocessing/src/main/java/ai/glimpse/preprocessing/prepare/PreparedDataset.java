package ai.glimpse.preprocessing.prepare;

import ai.glimpse.preprocessing.answers.AnswerVocabulary;
import ai.glimpse.preprocessing.features.FeatureFiles;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.features.FeatureSource;
import ai.glimpse.preprocessing.features.PixelStore;
import ai.glimpse.preprocessing.features.ReindexedSource;
import ai.glimpse.preprocessing.text.TokenizerConfig;
import ai.glimpse.preprocessing.text.Vocabulary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A prepared directory written by {@link Preparer}: its manifest and vocabularies are read on
 * {@link #open(Path)}, its splits on {@link #split(String)}.
 */
public final class PreparedDataset {
  /** The manifest's file name. */
  public static final String MANIFEST_FILE = "manifest.json";
  /** The question vocabulary's file name. */
  public static final String VOCAB_FILE = "vocab.json";
  /** The answer vocabulary's file name. */
  public static final String ANSWERS_FILE = "answers.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The content of {@code vocab.json}.
   *
   * @param tokenizer the tokenizer settings
   * @param tokens the tokens in index order
   */
  public record VocabFile(TokenizerConfig tokenizer, List<String> tokens) {}

  /**
   * The content of {@code answers.json}.
   *
   * @param answers the answers in index order
   */
  public record AnswersFile(List<String> answers) {}

  private final Path dir;
  private final Manifest manifest;
  private final Vocabulary vocabulary;
  private final AnswerVocabulary answers;

  private PreparedDataset(Path dir, Manifest manifest, Vocabulary vocabulary, AnswerVocabulary answers) {
    this.dir = dir;
    this.manifest = manifest;
    this.vocabulary = vocabulary;
    this.answers = answers;
  }

  /**
   * Opens a prepared directory; errors name the missing or malformed file.
   *
   * @param dir a directory written by {@link Preparer#prepare}
   * @return the dataset, with the manifest and both vocabularies in memory; no split is read yet
   *     and nothing needs closing
   * @throws NoSuchFileException if {@code dir} is not a directory or lacks {@value #MANIFEST_FILE},
   *     {@value #VOCAB_FILE} or {@value #ANSWERS_FILE}
   * @throws IOException if a JSON file is malformed (the message names the file and line) or the
   *     manifest's format version is newer than this code reads
   */
  public static PreparedDataset open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "prepared data directory not found (run glimpse prepare)");
    }
    Manifest manifest = readJson(dir.resolve(MANIFEST_FILE), Manifest.class);
    manifest.formatVersion().requireReadableFile(Manifest.FORMAT_VERSION, dir.resolve(MANIFEST_FILE));
    VocabFile vocab = readJson(dir.resolve(VOCAB_FILE), VocabFile.class);
    AnswersFile answers = readJson(dir.resolve(ANSWERS_FILE), AnswersFile.class);
    return new PreparedDataset(dir, manifest,
        new Vocabulary(vocab.tokens(), vocab.tokenizer()), new AnswerVocabulary(answers.answers()));
  }

  private static <T> T readJson(Path file, Class<T> type) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "missing from the prepared directory");
    }
    try {
      return JSON.readValue(file.toFile(), type);
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": malformed " + type.getSimpleName() + " at line "
          + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Loads one split ({@code train} or {@code val}): its encoded questions into memory, its pixels
   * into memory, and its feature files opened for lazy reads. The first image input of the
   * manifest is selected. The caller closes the split.
   *
   * @param name a split of the manifest, {@code train} or {@code val}
   * @return the split, owning its open feature sources; close it (try-with-resources) to release
   *     them
   * @throws IllegalArgumentException if the manifest has no split {@code name}
   * @throws IOException if {@code encoded.h5} or a feature file cannot be read, a feature file's
   *     shape differs from the manifest's, or it lacks one of the split's images; sources opened
   *     so far are closed
   */
  public PreparedSplit split(String name) throws IOException {
    if (!manifest.splits().containsKey(name)) {
      throw new IllegalArgumentException("unknown split '" + name + "', expected one of "
          + manifest.splits().keySet());
    }
    Path splitDir = dir.resolve(name);
    EncodedSplit encoded = EncodedSplit.read(splitDir.resolve("encoded.h5"));
    Map<FeatureKind, FeatureSource> sources = new EnumMap<>(FeatureKind.class);
    try {
      long[] imageIds = encoded.imageIds();
      for (Manifest.FeatureInfo info : manifest.features()) {
        String file = info.files().get(name);
        if (file == null) {
          throw new IOException(dir.resolve(MANIFEST_FILE) + ": no " + info.shape().kind().cliName()
              + " file for split '" + name + "'");
        }
        Path path = dir.resolve(file);
        FeatureSource source = info.shape().kind() == FeatureKind.PIXELS
            ? PixelStore.read(path) : FeatureFiles.open(path);
        if (!source.shape().equals(info.shape())) {
          source.close();
          throw new IOException(path + ": holds " + source.shape() + " but " + dir.resolve(MANIFEST_FILE)
              + " expects " + info.shape() + "; prepare again");
        }
        if (imageIds == null && source instanceof PixelStore px) {
          imageIds = new long[px.size()];
          for (int i = 0; i < imageIds.length; i++) {
            imageIds[i] = px.imageId(i);
          }
        }
        try {
          sources.put(info.shape().kind(), imageIds == null ? source : ReindexedSource.of(source, imageIds, path));
        } catch (IllegalArgumentException e) {
          source.close();
          throw new IOException(e.getMessage(), e);
        }
      }
      return new PreparedSplit(name, encoded, sources, manifest.features().get(0).shape().kind(),
          splitDir.resolve("questions.json"), splitDir.resolve("annotations.json"));
    } catch (IOException | RuntimeException e) {
      sources.values().forEach(FeatureSource::close);
      throw e;
    }
  }

  /**
   * Returns the official-format annotations file of {@code split} (the kept questions).
   *
   * @param split a split name, {@code train} or {@code val}; not checked against the manifest
   * @return {@code DIR/split/annotations.json}; its existence is not checked
   */
  public Path annotationsFile(String split) {
    return dir.resolve(split).resolve("annotations.json");
  }

  /**
   * Returns the shape of the image input {@code kind}, or null when the data lacks it.
   *
   * @param kind pixels, a feature grid or object features
   * @return the shape recorded in the manifest, or null
   */
  public FeatureShape featureShape(FeatureKind kind) {
    Manifest.FeatureInfo info = manifest.feature(kind);
    return info == null ? null : info.shape();
  }

  /**
   * Returns the directory.
   *
   * @return the path given to {@link #open}
   */
  public Path dir() {
    return dir;
  }

  /**
   * Returns the manifest.
   *
   * @return the content of {@value #MANIFEST_FILE}, read on {@link #open}
   */
  public Manifest manifest() {
    return manifest;
  }

  /**
   * Returns the question vocabulary (built from the training split, or a WordPiece
   * {@code vocab.txt} as it stands).
   *
   * @return the vocabulary of {@value #VOCAB_FILE}, with its tokenizer settings
   */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * Returns the answer vocabulary (the top-K training answers).
   *
   * @return the answers of {@value #ANSWERS_FILE}, in index order
   */
  public AnswerVocabulary answers() {
    return answers;
  }
}
