package ai.glimpse.tf.caption;

import ai.glimpse.preprocessing.captions.CaptionSearch;
import ai.glimpse.tf.layers.Params;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Captions images with a trained {@link ShowAttendTell} in TensorFlow Java: it owns an inference
 * graph of the encoder (image to annotations and initial state) and of one decoder step (previous
 * word, state, annotations to word probabilities, attention and the new state), and runs
 * {@link CaptionSearch} on them. The same two subgraphs are what {@link CaptionOnnxExport}
 * writes. Not thread-safe; close it to free the graph and session.
 */
public final class CaptionDecoder implements CaptionSearch.Steps, AutoCloseable {
  private final ShowAttendTell model;
  private final Graph graph;
  private final Session session;
  final Placeholder<TFloat32> image;
  final Operand<TFloat32> annotationsOut;
  final Operand<TFloat32> h0;
  final Operand<TFloat32> c0;
  final Placeholder<TFloat32> previousWord;
  final Placeholder<TFloat32> hIn;
  final Placeholder<TFloat32> cIn;
  final Placeholder<TFloat32> annotationsIn;
  final Operand<TFloat32> probabilities;
  final Operand<TFloat32> alpha;
  final Operand<TFloat32> hOut;
  final Operand<TFloat32> cOut;
  private boolean closed;

  /**
   * Builds the inference graph of {@code model} and loads {@code weights} (by parameter name, as
   * {@link Params#fetch} or a checkpoint gives them; optimizer state and other extra entries are
   * ignored).
   *
   * @param model the captioner whose inference graph to build; its configuration fixes the image
   *     and state shapes
   * @param weights the trained values by parameter name, each flat in the parameter's shape; read
   *     during construction and not kept
   * @throws IllegalArgumentException naming a model parameter missing from {@code weights} or
   *     of the wrong size
   * @throws NullPointerException if {@code model} or {@code weights} is null
   */
  public CaptionDecoder(ShowAttendTell model, Map<String, float[]> weights) {
    this(model, Objects.requireNonNull(weights, "weights"), true);
  }

  /**
   * A decoder with the untrained initial weights drawn from the configuration's seed.
   *
   * @param model the captioner whose inference graph to build
   * @return a new open decoder with untrained weights; the caller closes it
   * @throws NullPointerException if {@code model} is null
   */
  public static CaptionDecoder initialized(ShowAttendTell model) {
    return new CaptionDecoder(model, Map.of(), false);
  }

  private CaptionDecoder(ShowAttendTell model, Map<String, float[]> weights, boolean load) {
    this.model = Objects.requireNonNull(model, "model");
    ShowAttendTellConfig cfg = model.config();
    graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      Params params = new Params(tf, cfg.seed());
      List<Integer> dims = cfg.imageDims();
      image = tf.withName("image").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, dims.get(0), dims.get(1), dims.get(2))));
      ShowAttendTell.Encoded enc = model.encode(tf.withSubScope("encoder"), params, image);
      annotationsOut = enc.annotations();
      h0 = enc.h();
      c0 = enc.c();
      long u = cfg.lstmUnits();
      previousWord = tf.withName("previous_word").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      hIn = tf.withName("h").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, u)));
      cIn = tf.withName("c").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, u)));
      annotationsIn = tf.withName("annotations").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, cfg.locations(), cfg.annotationDim())));
      Ops step = tf.withSubScope("step");
      // The word id arrives as float so that the exported step has float inputs only.
      Operand<TInt64> words = step.dtypes.cast(previousWord, TInt64.class);
      ShowAttendTell.Step s = model.step(step, params, words, hIn, cIn, annotationsIn);
      probabilities = step.nn.softmax(s.logits());
      alpha = s.alpha();
      hOut = s.h();
      cOut = s.c();
      session = new Session(graph);
      params.initialize(session);
      Map<String, float[]> mine = new HashMap<>();
      for (Params.Spec spec : load ? params.specs() : List.<Params.Spec>of()) {
        float[] v = weights.get(spec.name());
        if (v == null) {
          throw new IllegalArgumentException("the weights have no parameter '" + spec.name() + "'");
        }
        mine.put(spec.name(), v);
      }
      if (!mine.isEmpty()) {
        params.assign(session, mine);
      }
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * Returns the model.
   *
   * @return the captioner this decoder was built for
   */
  public ShowAttendTell model() {
    return model;
  }

  Session session() {
    return session;
  }

  @Override
  public CaptionSearch.Encoded encode(float[][] images) {
    checkOpen();
    int n = images.length;
    List<Integer> d = model.config().imageDims();
    try (TFloat32 x = tensor(images, n, d.get(0), d.get(1), d.get(2));
        Result r = session.runner().feed(image, x).fetch(annotationsOut).fetch(h0).fetch(c0).run()) {
      return new CaptionSearch.Encoded(rows((TFloat32) r.get(0), n), rows((TFloat32) r.get(1), n),
          rows((TFloat32) r.get(2), n));
    }
  }

  @Override
  public CaptionSearch.StepOutput step(int[] previousWords, float[][] h, float[][] c, float[][] annotations) {
    checkOpen();
    int n = previousWords.length;
    float[] prev = new float[n];
    for (int i = 0; i < n; i++) {
      prev[i] = previousWords[i];
    }
    ShowAttendTellConfig cfg = model.config();
    try (TFloat32 p = TFloat32.tensorOf(Shape.of(n), DataBuffers.of(prev, true, false));
        TFloat32 ht = tensor(h, n, cfg.lstmUnits());
        TFloat32 ct = tensor(c, n, cfg.lstmUnits());
        TFloat32 at = tensor(annotations, n, cfg.locations(), cfg.annotationDim());
        Result r = session.runner().feed(previousWord, p).feed(hIn, ht).feed(cIn, ct)
            .feed(annotationsIn, at).fetch(probabilities).fetch(alpha).fetch(hOut).fetch(cOut).run()) {
      return new CaptionSearch.StepOutput(rows((TFloat32) r.get(0), n), rows((TFloat32) r.get(1), n),
          rows((TFloat32) r.get(2), n), rows((TFloat32) r.get(3), n));
    }
  }

  /**
   * Greedy captions of images {@code [n][C·H·W]}, up to the configured maximum length.
   *
   * @param images {@code n} flat images, each {@link ShowAttendTellConfig#imageLength()} floats in
   *     {@code [C, H, W]} order (pixels in [0, 1] or a feature grid, as configured)
   * @return one caption per image, in order, of at most {@code maxWords} words
   * @throws IllegalStateException if the decoder is closed
   * @throws IllegalArgumentException if an image has the wrong number of values
   */
  public List<CaptionSearch.Generated> greedy(float[][] images) {
    return CaptionSearch.greedy(this, images, model.config().maxWords());
  }

  /**
   * The length-normalized beam search caption of one image {@code [C·H·W]}.
   *
   * @param image one flat image of {@link ShowAttendTellConfig#imageLength()} floats in
   *     {@code [C, H, W]} order
   * @param width the beam width, &gt;= 1; width 1 is greedy decoding
   * @return the finished hypothesis with the best log-probability per scored token, of at most
   *     {@code maxWords} words
   * @throws IllegalStateException if the decoder is closed
   * @throws IllegalArgumentException if {@code width} is below 1 or the image has the wrong size
   */
  public CaptionSearch.Generated beam(float[] image, int width) {
    return CaptionSearch.beam(this, image, width, model.config().maxWords(), true);
  }

  /**
   * A caption of one image sampled at {@code temperature} from {@code seed}.
   *
   * @param image one flat image of {@link ShowAttendTellConfig#imageLength()} floats in
   *     {@code [C, H, W]} order
   * @param temperature finite and &gt; 0; below 1 sharpens the word distribution, above 1
   *     flattens it, 1 samples from the model's probabilities
   * @param seed the seed of the draws; the same seed gives the same caption
   * @return the sampled caption, of at most {@code maxWords} words
   * @throws IllegalStateException if the decoder is closed
   * @throws IllegalArgumentException if {@code temperature} is not finite and positive
   */
  public CaptionSearch.Generated sample(float[] image, double temperature, long seed) {
    return CaptionSearch.sample(this, image, model.config().maxWords(), temperature, seed);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("CaptionDecoder is closed");
    }
  }

  static TFloat32 tensor(float[][] rows, long... shape) {
    float[] flat = CaptionSearch.flatten(rows, shape);
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(flat, true, false));
  }

  static float[][] rows(TFloat32 t, int n) {
    float[] flat = new float[Math.toIntExact(t.size())];
    t.asRawTensor().data().asFloats().read(flat);
    int per = n == 0 ? 0 : flat.length / n;
    float[][] out = new float[n][per];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * per, out[i], 0, per);
    }
    return out;
  }

  /** Closes the session, then the graph. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      session.close();
      graph.close();
    }
  }
}
