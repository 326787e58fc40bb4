package ai.glimpse.preprocessing.prepare;

import ai.glimpse.preprocessing.answers.AnswerVocabulary;
import ai.glimpse.preprocessing.answers.SoftTargets;
import ai.glimpse.preprocessing.data.Annotation;
import ai.glimpse.preprocessing.data.Question;
import ai.glimpse.preprocessing.data.VqaJson;
import ai.glimpse.preprocessing.features.FeatureFiles;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.features.FeatureSource;
import ai.glimpse.preprocessing.features.ImageLoader;
import ai.glimpse.preprocessing.text.EmbeddingMatrix;
import ai.glimpse.preprocessing.text.GloveEmbeddings;
import ai.glimpse.preprocessing.text.GloveMatrix;
import ai.glimpse.preprocessing.features.PixelStore;
import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.preprocessing.text.TokenizerConfig;
import ai.glimpse.preprocessing.text.Vocabulary;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code glimpse prepare}: reads the train and val questions, annotations and images,
 * builds the question vocabulary and the top-K answer vocabulary from the training split only,
 * and writes the prepared directory:
 *
 * <pre>
 * OUT/manifest.json, OUT/vocab.json, OUT/answers.json
 * OUT/{train,val}/questions.json, annotations.json   (official VQA format, the kept questions)
 * OUT/{train,val}/encoded.h5                          (see {@link EncodedSplit})
 * OUT/{train,val}/features.h5                         (with images; see {@link PixelStore})
 * OUT/glove.h5                                        (with --glove or --embeddings; see {@link WordVectors})
 * </pre>
 *
 * <p>Questions are split into words, with a vocabulary of the training questions' words, or,
 * with {@link PrepareConfig#wordpiece()}, into BERT WordPiece pieces of the user's
 * {@code vocab.txt}, whose embedding matrix (if given) becomes {@code glove.h5} row for row.
 *
 * A feature file ({@code --features}, grid or object features) is not copied: the manifest
 * records its absolute path, and every question's image must be in it.
 *
 * <p>The directory is built under a temporary name and moved into place at the end, so a failed
 * or interrupted run leaves no partial output.
 */
public final class Preparer {
  private static final Logger LOG = LoggerFactory.getLogger(Preparer.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The pixel store of a split, in the prepared directory. */
  public static final String PIXELS_FILE = "features.h5";

  /** The split names, in the order they are prepared. */
  public static final List<String> SPLITS = List.of("train", "val");

  private final PrepareConfig config;

  /**
   * Creates a preparer for {@code config}.
   *
   * @param config what to read and how to encode it; no file is opened before {@link #prepare}
   */
  public Preparer(PrepareConfig config) {
    this.config = config;
  }

  /**
   * Prepares the dataset into {@code out}, replacing what was there only once all succeeded.
   *
   * @param out the prepared directory; it is built as a hidden sibling directory first, then an
   *     existing {@code out} is renamed aside, the new one renamed into its place, and the old one
   *     deleted
   * @return the manifest, also written as {@code out/manifest.json}
   * @throws IOException if an input cannot be read or is inconsistent (a question without an
   *     annotation or without its image file or features, feature files of different shapes, an
   *     embedding matrix whose rows do not match the vocabulary) or the output cannot be written;
   *     the message names the file. A failure before the final move leaves {@code out} as it was
   */
  public Manifest prepare(Path out) throws IOException {
    Path target = out.toAbsolutePath();
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    AtomicFiles.deleteRecursively(tmp);
    Files.createDirectories(tmp);
    boolean done = false;
    try {
      Manifest manifest = prepareInto(tmp);
      replace(target, tmp);
      done = true;
      return manifest;
    } finally {
      if (!done) {
        AtomicFiles.deleteRecursively(tmp);
      }
    }
  }

  /**
   * Puts the finished directory {@code built} in place of {@code target} by renames only: an
   * existing {@code target} is first renamed aside and deleted once {@code built} has taken its
   * name, so no moment leaves neither (a kill in between leaves both, under their hidden names).
   */
  private static void replace(Path target, Path built) throws IOException {
    if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.move(built, target);
      return;
    }
    Path old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
    AtomicFiles.deleteRecursively(old);
    Files.move(target, old);
    try {
      Files.move(built, target);
    } catch (IOException e) {
      Files.move(old, target);
      throw e;
    }
    AtomicFiles.deleteRecursively(old);
  }

  private Manifest prepareInto(Path dir) throws IOException {
    long start = System.nanoTime();
    List<Question> trainQ = VqaJson.readQuestions(config.trainQuestions());
    List<Annotation> trainA = VqaJson.readAnnotations(config.trainAnnotations());
    List<Question> valQ = VqaJson.readQuestions(config.valQuestions());
    List<Annotation> valA = VqaJson.readAnnotations(config.valAnnotations());
    LOG.info("read {} train and {} val questions ({} ms)", trainQ.size(), valQ.size(), (System.nanoTime() - start) / 1_000_000);

    PrepareConfig.Wordpiece wordpiece = config.wordpiece();
    TokenizerConfig tokenizer = wordpiece == null
        ? TokenizerConfig.defaults(config.maxQuestionLength())
        : TokenizerConfig.wordpiece(wordpiece.lowercase(), config.maxQuestionLength());
    Vocabulary vocab = wordpiece == null
        ? Vocabulary.build(trainQ.stream().map(Question::question)::iterator, tokenizer, config.minWordCount())
        : Vocabulary.readWordpiece(wordpiece.vocab(), tokenizer);
    AnswerVocabulary answers = AnswerVocabulary.topK(trainA, config.topAnswers());
    LOG.info("vocabulary: {} tokens, {} answers", vocab.size(), answers.size());

    writeJson(dir.resolve(PreparedDataset.VOCAB_FILE), new PreparedDataset.VocabFile(tokenizer, vocab.tokens()));
    writeJson(dir.resolve(PreparedDataset.ANSWERS_FILE), new PreparedDataset.AnswersFile(answers.answers()));
    if (config.glove() != null) {
      GloveMatrix glove = GloveEmbeddings.read(config.glove(), vocab, 1L);
      new WordVectors(glove.dim(), vocab.size(), glove.weights(), glove.coverage())
          .write(dir.resolve(WordVectors.FILE));
      LOG.info("GloVe {}: {}-d vectors for {} of {} vocabulary words", config.glove(), glove.dim(),
          glove.found(), glove.total());
    }
    if (wordpiece != null && wordpiece.embeddings() != null) {
      writeEmbeddingMatrix(wordpiece, vocab, dir.resolve(WordVectors.FILE));
    }

    Map<String, Manifest.SplitInfo> infos = new LinkedHashMap<>();
    MessageDigest digest = sha256();
    List<Manifest.FeatureInfo> features = new ArrayList<>();
    if (config.trainImages() != null) {
      features.add(new Manifest.FeatureInfo(FeatureShape.pixels(config.imageSize()),
          Map.of("train", "train/" + PIXELS_FILE, "val", "val/" + PIXELS_FILE)));
    }
    // One file may hold both splits' images: it is opened once then.
    FeatureSource train = config.trainFeatures() == null ? null : FeatureFiles.open(config.trainFeatures());
    FeatureSource val = train;
    try {
      if (config.valFeatures() != null && !config.valFeatures().equals(config.trainFeatures())) {
        val = FeatureFiles.open(config.valFeatures());
      }
      if (train != null && !train.shape().equals(val.shape())) {
        throw new IOException("the feature files disagree: " + config.trainFeatures() + " holds "
            + train.shape() + ", " + config.valFeatures() + " holds " + val.shape());
      }
      infos.put("train", prepareSplit(dir, "train", trainQ, trainA, config.trainQuestions(),
          config.trainAnnotations(), config.trainImages(), train, config.trainFeatures(), vocab, answers, digest));
      infos.put("val", prepareSplit(dir, "val", valQ, valA, config.valQuestions(),
          config.valAnnotations(), config.valImages(), val, config.valFeatures(), vocab, answers, digest));
      if (train != null) {
        features.add(new Manifest.FeatureInfo(train.shape(), Map.of(
            "train", config.trainFeatures().toAbsolutePath().toString(),
            "val", config.valFeatures().toAbsolutePath().toString())));
        LOG.info("image features: {} from {}", train.shape(), config.trainFeatures());
      }
    } finally {
      if (train != null) {
        train.close();
      }
      if (val != null && val != train) {
        val.close();
      }
    }
    Manifest manifest = new Manifest(Manifest.FORMAT_VERSION,
        config.trainImages() == null ? 0 : config.imageSize(),
        config.maxQuestionLength(), vocab.size(), answers.size(), infos,
        HexFormat.of().formatHex(digest.digest()), features, tokenizer);
    writeJson(dir.resolve(PreparedDataset.MANIFEST_FILE), manifest);
    return manifest;
  }

  /**
   * Writes the rows of the user's embedding matrix as the word vectors: it must have one row per
   * line of the wordpiece vocabulary, and every token has its row (coverage 1).
   */
  private static void writeEmbeddingMatrix(PrepareConfig.Wordpiece wordpiece, Vocabulary vocab,
      Path file) throws IOException {
    EmbeddingMatrix matrix = EmbeddingMatrix.read(wordpiece.embeddings());
    if (matrix.rows() != vocab.size()) {
      throw new IOException("the embedding matrix " + wordpiece.embeddings() + " has " + matrix.rows()
          + " rows but the vocabulary " + wordpiece.vocab() + " has " + vocab.size()
          + " lines; they must match one to one");
    }
    new WordVectors(matrix.dim(), matrix.rows(), matrix.weights(), 1.0).write(file);
    LOG.info("embedding matrix {}: {}-d vectors for all {} wordpiece tokens", wordpiece.embeddings(),
        matrix.dim(), matrix.rows());
  }

  private Manifest.SplitInfo prepareSplit(Path dir, String split, List<Question> questions,
      List<Annotation> annotations, Path questionsFile, Path annotationsFile, Path imageDir,
      FeatureSource features, Path featuresFile, Vocabulary vocab, AnswerVocabulary answers,
      MessageDigest digest) throws IOException {
    Map<Long, Annotation> byId = new HashMap<>(annotations.size() * 2);
    for (Annotation a : annotations) {
      if (byId.put(a.questionId(), a) != null) {
        throw new IOException(annotationsFile + ": question_id " + a.questionId() + " is annotated twice");
      }
    }
    ImageIndex images = imageDir == null ? null : ImageIndex.scan(imageDir);
    Map<Long, Integer> imageRows = new LinkedHashMap<>();
    List<Annotation> kept = new ArrayList<>(questions.size());
    for (Question q : questions) {
      Annotation a = byId.get(q.questionId());
      if (a == null) {
        throw new IOException(annotationsFile + ": question_id " + q.questionId() + " of "
            + questionsFile.getFileName() + " has no annotation");
      }
      if (a.imageId() != q.imageId()) {
        throw new IOException(annotationsFile + ": question_id " + q.questionId() + " is about image "
            + q.imageId() + " in " + questionsFile.getFileName() + " but image " + a.imageId() + " here");
      }
      if (!imageRows.containsKey(q.imageId())) {
        if (images != null && images.find(q.imageId()) == null) {
          throw new IOException(questionsFile + ": question_id " + q.questionId() + " refers to image_id "
              + q.imageId() + ", which has no image file in " + imageDir);
        }
        if (features != null && features.row(q.imageId()) < 0) {
          throw new IOException(questionsFile + ": question_id " + q.questionId() + " refers to image_id "
              + q.imageId() + ", which has no features in " + featuresFile);
        }
        imageRows.put(q.imageId(), imageRows.size());
      }
      kept.add(a);
    }
    int n = questions.size();
    int t = vocab.config().maxLength();
    long[] ids = new long[n];
    long[] tokens = new long[n * t];
    int[] rows = new int[n];
    SoftTargets[] targets = new SoftTargets[n];
    // Tokenizing and answer processing are per question: both cores share them.
    IntStream.range(0, n).parallel().forEach(i -> {
      Question q = questions.get(i);
      ids[i] = q.questionId();
      vocab.encodeInto(q.question(), tokens, i * t);
      rows[i] = imageRows.get(q.imageId());
      targets[i] = answers.softTargets(kept.get(i));
    });
    int slots = 1;
    int covered = 0;
    for (SoftTargets st : targets) {
      slots = Math.max(slots, st.size());
      if (st.size() > 0) {
        covered++;
      }
    }
    int[] ti = new int[n * slots];
    float[] ts = new float[n * slots];
    java.util.Arrays.fill(ti, -1);
    for (int i = 0; i < n; i++) {
      SoftTargets st = targets[i];
      System.arraycopy(st.indices(), 0, ti, i * slots, st.size());
      System.arraycopy(st.scores(), 0, ts, i * slots, st.size());
    }
    double coverage = n == 0 ? 0 : (double) covered / n;
    LOG.info("{}: {} questions, {} images, answer coverage {}%", split, n, imageRows.size(),
        String.format("%.2f", 100 * coverage));

    Path splitDir = dir.resolve(split);
    Files.createDirectories(splitDir);
    long[] imageIds = new long[imageRows.size()];
    imageRows.forEach((id, row) -> imageIds[row] = id);
    EncodedSplit encoded = new EncodedSplit(ids, tokens, t, rows, ti, ts, slots, imageIds);
    encoded.write(splitDir.resolve("encoded.h5"));
    if (images != null) {
      loadPixels(images, imageIds).write(splitDir.resolve(PIXELS_FILE));
    }
    // Every question is kept: the question file is the input's; so is the annotation file when
    // every annotation belongs to a question.
    AtomicFiles.write(splitDir.resolve("questions.json"), out -> Files.copy(questionsFile, out));
    if (annotations.size() == kept.size()) {
      AtomicFiles.write(splitDir.resolve("annotations.json"), out -> Files.copy(annotationsFile, out));
    } else {
      VqaJson.writeAnnotations(splitDir.resolve("annotations.json"), kept, split);
    }
    digest.update(Files.readAllBytes(splitDir.resolve("encoded.h5")));
    return new Manifest.SplitInfo(n, imageRows.size(), coverage);
  }

  private PixelStore loadPixels(ImageIndex images, long[] ids) throws IOException {
    ImageLoader loader = new ImageLoader(config.imageSize());
    int len = loader.tensorLength();
    float[] pixels = new float[ids.length * len];
    try {
      IntStream.range(0, ids.length).parallel().forEach(row -> {
        try {
          float[] px = loader.load(images.find(ids[row]));
          System.arraycopy(px, 0, pixels, row * len, len);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new PixelStore(ids, pixels, 3, config.imageSize(), config.imageSize());
  }

  private interface Read<T> {
    T read() throws IOException;
  }

  private static <T> CompletableFuture<T> readAsync(Read<T> read) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return read.read();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static <T> T await(CompletableFuture<T> future) throws IOException {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private static void writeJson(Path file, Object value) throws IOException {
    AtomicFiles.write(file, out -> JSON.writeValue(out, value));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

}
