package ai.glimpse.onnx.predict;

import ai.glimpse.onnx.OrtCleanup;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.features.ImageLoader;
import ai.glimpse.preprocessing.features.ObjectInputs;
import ai.glimpse.preprocessing.format.ModelMetadata;
import ai.glimpse.preprocessing.text.Vocabulary;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers questions about images with an exported Glimpse model in ONNX Runtime. Everything it
 * needs (vocabulary, tokenizer, answers, input shapes) comes from the model file's metadata.
 * Safe for concurrent callers. Owns its ONNX Runtime session and session options and closes them
 * in {@link #close()}; the shared {@link OrtEnvironment} is never closed here.
 */
public final class Predictor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Predictor.class);
  /** The token input's name. */
  public static final String QUESTION_TOKENS = "question_tokens";
  /** The probability output's name. */
  public static final String ANSWER_PROBS = "answer_probs";
  /** The attention output's name. */
  public static final String ATTENTION = "attention";

  private final Path path;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions sessionOptions;
  private final OrtSession session;
  private final ModelMetadata metadata;
  private final Vocabulary vocabulary;
  private final ImageLoader imageLoader;
  private final ExecutionProvider provider;
  private final boolean hasAttention;
  // Input buffers lent to one call at a time; enough for a few concurrent calls of three inputs.
  private final DirectBufferPool buffers = new DirectBufferPool(8);
  private volatile boolean closed;

  private Predictor(Path path, OrtEnvironment env, OrtSession.SessionOptions sessionOptions,
      OrtSession session, ModelMetadata metadata, ExecutionProvider provider) {
    this.path = path;
    this.env = env;
    this.sessionOptions = sessionOptions;
    this.session = session;
    this.hasAttention = session.getOutputNames().contains(ATTENTION);
    this.metadata = metadata;
    this.vocabulary = new Vocabulary(metadata.vocabulary(), metadata.tokenizer());
    FeatureShape shape = metadata.imageInput().shape();
    this.imageLoader = shape.kind() == FeatureKind.PIXELS && shape.dims().get(1).equals(shape.dims().get(2))
        ? new ImageLoader(shape.dims().get(1)) : null;
    this.provider = provider;
  }

  /**
   * Loads a model with default options (CPU).
   *
   * @param model the exported {@code .onnx} file with Glimpse metadata
   * @return a ready predictor; the caller closes it
   * @throws IOException if the file is missing, is not a loadable ONNX model, or lacks the Glimpse
   *     metadata, inputs or outputs; the message names the file
   * @see #load(Path, PredictorOptions)
   */
  public static Predictor load(Path model) throws IOException {
    return load(model, PredictorOptions.defaults());
  }

  /**
   * Loads an exported model. A file that is not ONNX, or an ONNX file without Glimpse metadata,
   * is refused with an {@link IOException} that says what was expected. A CUDA provider that cannot
   * be set up falls back to CPU with a warning (see {@link #provider()}).
   *
   * @param model the exported {@code .onnx} file with Glimpse metadata
   * @param options the session setup (provider, threads, optimization level, spinning, memory patterns)
   * @return a ready predictor; the caller closes it
   * @throws IOException if the file is missing ({@link NoSuchFileException}), is not a loadable ONNX
   *     model, lacks the Glimpse metadata, or its inputs and outputs do not match the metadata; the
   *     message names the file
   */
  public static Predictor load(Path model, PredictorOptions options) throws IOException {
    if (!Files.isRegularFile(model)) {
      throw new NoSuchFileException(model.toString(), null, "model file not found");
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions so = new OrtSession.SessionOptions();
    OrtSession session = null;
    try {
      ExecutionProvider provider = configure(so, options);
      session = env.createSession(model.toString(), so);
      ModelMetadata metadata;
      try {
        metadata = ModelMetadata.fromProperties(session.getMetadata().getCustomMetadata(), model.toString());
      } catch (IllegalArgumentException e) {
        throw new IOException(e.getMessage(), e);
      }
      checkInputs(session, metadata, model);
      Predictor p = new Predictor(model, env, so, session, metadata, provider);
      LOG.info("loaded {} model {} ({} answers) on {}", metadata.model(), model,
          metadata.answers().size(), provider);
      return p;
    } catch (OrtException e) {
      OrtCleanup.closeQuietly(session, so);
      throw new IOException(model + ": not a loadable ONNX model: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      OrtCleanup.closeQuietly(session, so);
      throw e;
    }
  }

  private static ExecutionProvider configure(OrtSession.SessionOptions so, PredictorOptions options)
      throws OrtException {
    if (options.intraOpThreads() > 0) {
      so.setIntraOpNumThreads(options.intraOpThreads());
    }
    if (!options.spinning()) {
      so.addConfigEntry("session.intra_op.allow_spinning", "0");
      so.addConfigEntry("session.inter_op.allow_spinning", "0");
    }
    so.setMemoryPatternOptimization(options.memoryPattern());
    so.setOptimizationLevel(switch (options.optimization()) {
      case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
      case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
      case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
      case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
    });
    if (options.provider() == ExecutionProvider.CUDA) {
      try {
        so.addCUDA(0);
        return ExecutionProvider.CUDA;
      } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
        LOG.warn("CUDA execution provider unavailable ({}); falling back to CPU", e.getMessage());
      }
    }
    return ExecutionProvider.CPU;
  }

  private static void checkInputs(OrtSession session, ModelMetadata metadata, Path model)
      throws OrtException, IOException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    List<String> expected = new ArrayList<>(List.of(QUESTION_TOKENS));
    String image = metadata.imageInput().name();
    // Object models take three inputs; files from before the split take one joined tensor.
    expected.addAll(image.equals(FeatureKind.OBJECT_FEATURES) ? FeatureKind.OBJECTS.onnxInputs() : List.of(image));
    for (String name : expected) {
      if (!inputs.containsKey(name)) {
        throw new IOException(model + ": model has no input '" + name + "', found " + inputs.keySet());
      }
    }
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    if (!outputs.containsKey(ANSWER_PROBS)) {
      throw new IOException(model + ": model has no output '" + ANSWER_PROBS + "', found " + outputs.keySet());
    }
    long[] probs = ((TensorInfo) outputs.get(ANSWER_PROBS).getInfo()).getShape();
    if (probs.length != 2 || probs[1] != metadata.answers().size()) {
      throw new IOException(model + ": output '" + ANSWER_PROBS + "' has shape " + Arrays.toString(probs)
          + " but the metadata lists " + metadata.answers().size() + " answers");
    }
  }

  /**
   * Returns the model's metadata.
   *
   * @return the metadata read from the ONNX file: model name, config, vocabulary, answers, image input
   *     and provenance
   */
  public ModelMetadata metadata() {
    return metadata;
  }

  /**
   * Returns the execution provider in use (CPU after a CUDA fallback).
   *
   * @return the provider the session actually runs on
   */
  public ExecutionProvider provider() {
    return provider;
  }

  /**
   * Returns the loader that turns images into this model's pixel tensors.
   *
   * @return a loader producing flat {@code [3, size, size]} tensors for the model's square input size
   * @throws IllegalStateException when the model takes features rather than pixels
   */
  public ImageLoader imageLoader() {
    if (imageLoader == null) {
      throw new IllegalStateException(path + ": the " + metadata.model() + " model takes "
          + metadata.imageInput().shape() + " features, not image files; pass the image's features");
    }
    return imageLoader;
  }

  /**
   * Returns what one image is to this model (pixels, a grid or objects) and its shape.
   *
   * @return the per-image input shape, without the batch dimension
   */
  public FeatureShape imageShape() {
    return metadata.imageInput().shape();
  }

  /**
   * Returns the question vocabulary of the model.
   *
   * @return the vocabulary and tokenizer settings from the model's metadata
   */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * Answers one question about an image file (pixel models only).
   *
   * @param question the question text; at most the model's maximum number of words, at least one
   * @param image a PNG or JPEG file, resized to the model's input size
   * @param topK how many answers to return, at least 1 (fewer if the model has fewer answers)
   * @return the top answers, most probable first, with the attention maps
   * @throws IOException if the image file cannot be read or decoded
   * @throws IllegalStateException if the model takes features rather than pixels, or the predictor is
   *     closed
   * @throws IllegalArgumentException if the question is empty or too long, or {@code topK} is below 1
   */
  public Prediction predict(String question, Path image, int topK) throws IOException {
    return predict(List.of(new VqaQuery(question, imageLoader().load(image))), topK).get(0);
  }

  /**
   * Answers a batch of questions in one ONNX Runtime call; each result holds the top {@code topK}
   * answers and the attention maps. Each query's image is the tensor of {@link #imageShape()}:
   * pixels, a feature grid, or object features.
   *
   * @param queries the questions with their image tensors; the batch size is their count
   * @param topK how many answers to return per query, at least 1 (fewer if the model has fewer answers)
   * @return one prediction per query, in the order of {@code queries}
   * @throws IllegalArgumentException when a question is longer than the model takes or has no
   *     words, an image tensor has the wrong size, or {@code topK} is below 1
   * @throws IllegalStateException when the predictor is closed or ONNX Runtime fails
   */
  public List<Prediction> predict(List<VqaQuery> queries, int topK) {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be >= 1, got " + topK);
    }
    int n = queries.size();
    int t = metadata.tokenizer().maxLength();
    int len = imageLength();
    long[] tokens = new long[n * t];
    float[] images = new float[n * len];
    for (int i = 0; i < n; i++) {
      VqaQuery q = queries.get(i);
      int words = vocabulary.encodeInto(q.question(), tokens, i * t);
      if (words > t) {
        throw new IllegalArgumentException("question " + i + " has " + words
            + " words, the model takes at most " + t + ": \"" + q.question() + "\"");
      }
      if (words == 0) {
        throw new IllegalArgumentException("question " + i + " has no words");
      }
      if (q.image().length != len) {
        throw new IllegalArgumentException("image " + i + " has " + q.image().length
            + " values, the model expects " + imageShape() + " = " + len);
      }
      System.arraycopy(q.image(), 0, images, i * len, len);
    }
    Outputs out = run(tokens, images, n, true);
    int answers = metadata.answers().size();
    List<Prediction> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      result.add(new Prediction(topAnswers(out.probs(), i * answers, answers, topK),
          out.attention() == null ? new float[0][] : out.attention()[i], out.gridSize()));
    }
    return result;
  }

  /**
   * Runs already-encoded inputs: {@code tokens} flat {@code [n, length]} and {@code images} flat
   * {@code [n, ...]} in {@link #imageShape()}; returns the answer probabilities flat
   * {@code [n, answers]}. Attention is not computed.
   *
   * @param tokens the token ids, flat {@code [n, length]} with the tokenizer's maximum length; only
   *     the first {@code n * length} values are read
   * @param images the image tensors, flat {@code [n, ...]} in {@link #imageShape()}; only the first
   *     {@code n} images are read
   * @param n the batch size
   * @return the answer probabilities, flat {@code [n, answers]}, answers in metadata order
   * @throws IllegalStateException when the predictor is closed or ONNX Runtime fails
   */
  public float[] answerProbs(long[] tokens, float[] images, int n) {
    return run(tokens, images, n, false).probs();
  }

  /**
   * Whether the model has an {@value #ATTENTION} output (models without attention have none).
   *
   * @return true if predictions carry attention maps
   */
  public boolean hasAttention() {
    return hasAttention;
  }

  private record Outputs(float[] probs, float[][][] attention, int gridSize) {}

  private Outputs run(long[] tokens, float[] images, int n, boolean withAttention) {
    if (closed) {
      throw new IllegalStateException("Predictor is closed");
    }
    int t = metadata.tokenizer().maxLength();
    List<OnnxTensor> tensors = new ArrayList<>(4);
    List<FloatBuffer> lent = new ArrayList<>(3);
    try {
      Map<String, OnnxTensor> feed = new HashMap<>();
      OnnxTensor tok = OnnxTensor.createTensor(env, LongBuffer.wrap(tokens, 0, n * t), new long[] {n, t});
      tensors.add(tok);
      feed.put(QUESTION_TOKENS, tok);
      imageInputs(images, n, tensors, lent, feed);
      withAttention &= hasAttention();
      java.util.Set<String> wanted = withAttention ? java.util.Set.of(ANSWER_PROBS, ATTENTION)
          : java.util.Set.of(ANSWER_PROBS);
      try (OrtSession.Result r = session.run(feed, wanted)) {
        OnnxTensor probsTensor = (OnnxTensor) r.get(ANSWER_PROBS).orElseThrow();
        FloatBuffer fb = probsTensor.getFloatBuffer();
        float[] probs = new float[fb.remaining()];
        fb.get(probs);
        float[][][] attention = null;
        int grid = 0;
        if (withAttention) {
          OnnxValue att = r.get(ATTENTION).orElseThrow();
          attention = (float[][][]) att.getValue();
          int locations = attention.length == 0 || attention[0].length == 0 ? 0 : attention[0][0].length;
          grid = imageShape().kind() == FeatureKind.OBJECTS ? 0 : (int) Math.round(Math.sqrt(locations));
        }
        return new Outputs(probs, attention, grid);
      }
    } catch (OrtException e) {
      throw new IllegalStateException(path + ": ONNX Runtime failed on a batch of " + n + ": " + e.getMessage(), e);
    } finally {
      tensors.forEach(OnnxTensor::close);
      lent.forEach(buffers::release);
    }
  }

  /**
   * Adds the image tensors of {@code n} images to {@code feed}: one tensor named by the metadata,
   * or for object models exported with split inputs, the features, spatial features and mask. Each
   * tensor reads a pooled direct buffer in place; the buffers are added to {@code lent}.
   */
  private void imageInputs(float[] images, int n, List<OnnxTensor> tensors, List<FloatBuffer> lent,
      Map<String, OnnxTensor> feed) throws OrtException {
    ModelMetadata.ImageInput img = metadata.imageInput();
    if (img.name().equals(FeatureKind.OBJECT_FEATURES)) {
      ObjectInputs objects = ObjectInputs.split(images, img.shape(), n);
      put(feed, tensors, lent, FeatureKind.OBJECT_FEATURES, objects.features(), objects.featuresShape());
      put(feed, tensors, lent, FeatureKind.OBJECT_SPATIALS, objects.spatials(), objects.spatialsShape());
      put(feed, tensors, lent, FeatureKind.OBJECT_MASK, objects.mask(), objects.maskShape());
    } else {
      long[] shape = img.shape().withBatch(n);
      if ((long) n * imageLength() > images.length) {
        throw new IllegalArgumentException(n + " images of " + img.shape() + " need " + (long) n * imageLength()
            + " values, got " + images.length);
      }
      FloatBuffer b = buffers.copyOf(images, n * imageLength());
      lent.add(b);
      OnnxTensor px = OnnxTensor.createTensor(env, b, shape);
      tensors.add(px);
      feed.put(img.name(), px);
    }
  }

  private void put(Map<String, OnnxTensor> feed, List<OnnxTensor> tensors, List<FloatBuffer> lent, String name,
      float[] values, long[] shape) throws OrtException {
    FloatBuffer b = buffers.copyOf(values, values.length);
    lent.add(b);
    OnnxTensor x = OnnxTensor.createTensor(env, b, shape);
    tensors.add(x);
    feed.put(name, x);
  }

  private List<RankedAnswer> topAnswers(float[] probs, int offset, int count, int k) {
    Integer[] idx = new Integer[count];
    for (int i = 0; i < count; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Float.compare(probs[offset + b], probs[offset + a]));
    List<RankedAnswer> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, count); i++) {
      out.add(new RankedAnswer(metadata.answers().get(idx[i]), probs[offset + idx[i]]));
    }
    return out;
  }

  private int imageLength() {
    return metadata.imageInput().shape().length();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(path + ": closing the ONNX Runtime session failed", e);
    } finally {
      sessionOptions.close();
      buffers.clear();
    }
  }
}
