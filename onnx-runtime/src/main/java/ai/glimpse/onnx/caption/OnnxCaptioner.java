package ai.glimpse.onnx.caption;

import ai.glimpse.onnx.OrtCleanup;
import ai.glimpse.preprocessing.captions.CaptionSearch;
import ai.glimpse.preprocessing.captions.CaptionVocabulary;
import ai.glimpse.preprocessing.format.CaptionerFormat;
import ai.glimpse.preprocessing.format.FormatVersion;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Captions images with an exported Show, Attend and Tell model on ONNX Runtime: a directory with
 * {@code encoder.onnx} ({@code image [batch, C, H, W]} to {@code annotations [batch, L, D]},
 * {@code h0}, {@code c0 [batch, U]}), {@code decoder_step.onnx} ({@code previous_word [batch]},
 * {@code h}, {@code c}, {@code annotations} to {@code probabilities [batch, V]}, {@code alpha
 * [batch, L]}, {@code h_next}, {@code c_next}), {@code vocab.json} and {@code captioner.json}.
 * It owns its two sessions and their options, and closes them in reverse order; the shared
 * {@link OrtEnvironment} stays open. Not thread-safe.
 */
public final class OnnxCaptioner implements CaptionSearch.Steps, AutoCloseable {
  private static final String FORMAT = CaptionerFormat.NAME;

  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession encoder;
  private final OrtSession step;
  private final CaptionVocabulary vocab;
  private final int[] imageDims;
  private final int maxWords;
  private final int units;
  private final int locations;
  private final int annotationDim;
  private final int gridHeight;
  private final int gridWidth;
  private boolean closed;

  private OnnxCaptioner(Path dir, JsonNode meta, CaptionVocabulary vocab) throws IOException {
    this.vocab = vocab;
    JsonNode model = meta.get("model");
    if (model == null || !model.has("imageDims") || !model.has("maxWords") || !model.has("lstmUnits")) {
      throw new IOException(dir.resolve("captioner.json") + ": no \"model\" with imageDims, maxWords and lstmUnits");
    }
    imageDims = new int[3];
    for (int i = 0; i < 3; i++) {
      imageDims[i] = model.get("imageDims").get(i).asInt();
    }
    maxWords = model.get("maxWords").asInt();
    units = model.get("lstmUnits").asInt();
    gridHeight = meta.path("gridHeight").asInt();
    gridWidth = meta.path("gridWidth").asInt();
    locations = gridHeight * gridWidth;
    boolean pixels = "PIXELS".equals(model.path("imageInput").asText());
    JsonNode stem = model.path("stemChannels");
    annotationDim = pixels ? stem.get(stem.size() - 1).asInt() : imageDims[0];
    if (meta.path("vocabularySize").asInt() != vocab.size()) {
      throw new IOException(dir + ": captioner.json says " + meta.path("vocabularySize").asInt()
          + " words but vocab.json has " + vocab.size());
    }
    env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions opts = null;
    OrtSession enc = null;
    try {
      opts = new OrtSession.SessionOptions();
      enc = env.createSession(dir.resolve("encoder.onnx").toString(), opts);
      step = env.createSession(dir.resolve("decoder_step.onnx").toString(), opts);
    } catch (OrtException e) {
      OrtCleanup.closeQuietly(enc, opts);
      throw new IOException(dir + ": cannot load the captioner's ONNX models: " + e.getMessage(), e);
    }
    options = opts;
    encoder = enc;
  }

  /**
   * Opens the captioner exported in {@code dir}; the caller closes it.
   *
   * @param dir the export directory holding {@code captioner.json}, {@code vocab.json},
   *     {@code encoder.onnx} and {@code decoder_step.onnx}
   * @return an open captioner owning its two ONNX Runtime sessions
   * @throws IOException naming the missing or invalid file ({@link NoSuchFileException} when
   *     {@code captioner.json} is absent)
   */
  public static OnnxCaptioner open(Path dir) throws IOException {
    Path metaFile = dir.resolve("captioner.json");
    if (!Files.exists(metaFile)) {
      throw new NoSuchFileException(metaFile.toString(), null, "not a captioner export (no captioner.json)");
    }
    JsonNode meta = new ObjectMapper().readTree(metaFile.toFile());
    if (meta == null || !FORMAT.equals(meta.path("format").asText())) {
      throw new IOException(metaFile + ": expected \"format\": \"" + FORMAT + "\", got "
          + (meta == null ? "nothing" : meta.path("format")));
    }
    JsonNode version = meta.path("formatVersion");
    FormatVersion formatVersion;
    try {
      formatVersion = version.isMissingNode() ? FormatVersion.of(1) : FormatVersion.parse(version.asText());
    } catch (IllegalArgumentException e) {
      throw new IOException(metaFile + ": \"formatVersion\": " + e.getMessage(), e);
    }
    formatVersion.requireReadableFile(CaptionerFormat.VERSION, metaFile);
    return new OnnxCaptioner(dir, meta, CaptionVocabulary.read(dir.resolve("vocab.json")));
  }

  /**
   * Returns the vocabulary.
   *
   * @return the caption vocabulary read from {@code vocab.json}, mapping word ids to tokens
   */
  public CaptionVocabulary vocabulary() {
    return vocab;
  }

  /**
   * Returns the image input shape {@code [C, H, W]}.
   *
   * @return a fresh three-element array the caller may modify
   */
  public int[] imageDims() {
    return imageDims.clone();
  }

  /**
   * Returns the longest caption in words.
   *
   * @return the {@code maxWords} of the exported model; captions stop there if {@code <end>} is not
   *     produced first
   */
  public int maxWords() {
    return maxWords;
  }

  /**
   * Greedy captions of images {@code [n][C·H·W]}.
   *
   * @param images {@code n} flat image tensors, each of {@link #imageDims()} size, run as one batch
   * @return one caption per image, in order
   * @throws IllegalArgumentException if an image row does not hold {@code C·H·W} values
   * @throws IllegalStateException if the captioner is closed
   */
  public List<GeneratedCaption> greedy(float[][] images) {
    List<GeneratedCaption> out = new ArrayList<>();
    for (CaptionSearch.Generated g : CaptionSearch.greedy(this, images, maxWords)) {
      out.add(caption(g));
    }
    return out;
  }

  /**
   * The length-normalized beam search caption of width {@code width} of one image {@code [C·H·W]}.
   *
   * @param image one flat image tensor of {@link #imageDims()} size
   * @param width the beam width, at least 1; 1 is greedy
   * @return the finished hypothesis with the best log-probability per scored token
   * @throws IllegalArgumentException if {@code width} is below 1
   * @throws IllegalStateException if the captioner is closed
   */
  public GeneratedCaption beam(float[] image, int width) {
    return caption(CaptionSearch.beam(this, image, width, maxWords, true));
  }

  /**
   * A caption of one image sampled at {@code temperature} from {@code seed}.
   *
   * @param image one flat image tensor of {@link #imageDims()} size
   * @param temperature finite and positive; below 1 sharpens the word distribution, above 1 flattens it
   * @param seed the random seed; the same seed and image give the same caption
   * @return the sampled caption
   * @throws IllegalArgumentException if {@code temperature} is not finite and positive
   * @throws IllegalStateException if the captioner is closed
   */
  public GeneratedCaption sample(float[] image, double temperature, long seed) {
    return caption(CaptionSearch.sample(this, image, maxWords, temperature, seed));
  }

  private GeneratedCaption caption(CaptionSearch.Generated g) {
    List<String> words = new ArrayList<>(g.words().length);
    for (int id : g.words()) {
      words.add(vocab.token(id));
    }
    return new GeneratedCaption(words, g.attention(), gridHeight, gridWidth, g.logProbability());
  }

  @Override
  public CaptionSearch.Encoded encode(float[][] images) {
    checkOpen();
    int n = images.length;
    try (OnnxTensor x = tensor(images, n, imageDims[0], imageDims[1], imageDims[2]);
        OrtSession.Result r = encoder.run(Map.of("image", x))) {
      return new CaptionSearch.Encoded(rows(r, "annotations", n), rows(r, "h0", n), rows(r, "c0", n));
    } catch (OrtException e) {
      throw new IllegalStateException("captioner encoder failed on " + n + " images: " + e.getMessage(), e);
    }
  }

  @Override
  public CaptionSearch.StepOutput step(int[] previousWords, float[][] h, float[][] c, float[][] annotations) {
    checkOpen();
    int n = previousWords.length;
    float[][] w = new float[n][1];
    for (int i = 0; i < n; i++) {
      w[i][0] = previousWords[i];
    }
    try (OnnxTensor wt = tensor(w, n);
        OnnxTensor ht = tensor(h, n, units);
        OnnxTensor ct = tensor(c, n, units);
        OnnxTensor at = tensor(annotations, n, locations, annotationDim);
        OrtSession.Result r = step.run(Map.of("previous_word", wt, "h", ht, "c", ct, "annotations", at))) {
      return new CaptionSearch.StepOutput(rows(r, "probabilities", n), rows(r, "alpha", n),
          rows(r, "h_next", n), rows(r, "c_next", n));
    } catch (OrtException e) {
      throw new IllegalStateException("captioner decoder step failed on " + n + " rows: " + e.getMessage(), e);
    }
  }

  private OnnxTensor tensor(float[][] rows, long... shape) throws OrtException {
    float[] flat = CaptionSearch.flatten(rows, shape);
    return OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), shape);
  }

  private static float[][] rows(OrtSession.Result r, String name, int n) {
    OnnxValue v = r.get(name).orElseThrow(() -> new IllegalStateException("the captioner has no output '" + name + "'"));
    FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
    float[] flat = new float[fb.remaining()];
    fb.get(flat);
    int per = n == 0 ? 0 : flat.length / n;
    float[][] out = new float[n][per];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * per, out[i], 0, per);
    }
    return out;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("OnnxCaptioner is closed");
    }
  }

  /** Closes the step and encoder sessions, then their options. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      step.close();
      encoder.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the captioner sessions: " + e.getMessage(), e);
    } finally {
      options.close();
    }
  }
}
