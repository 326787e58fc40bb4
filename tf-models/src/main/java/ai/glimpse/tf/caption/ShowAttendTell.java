package ai.glimpse.tf.caption;

import ai.glimpse.tf.layers.ConvStem;
import ai.glimpse.tf.layers.Dense;
import ai.glimpse.tf.layers.Dropout;
import ai.glimpse.tf.layers.Embedding;
import ai.glimpse.tf.layers.Init;
import ai.glimpse.tf.layers.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Show, Attend and Tell (Xu et al. 2015) with deterministic soft attention, as graph pieces
 * sharing one {@link Params} store (every parameter under {@value #SCOPE}/).
 *
 * <p>Encoder: the image becomes L annotation vectors a_i {@code [batch, L, D]} (the stem's grid
 * cells plus a learned per-location bias, or a feature grid's cells); the LSTM state starts at
 * {@code h0 = tanh(W_h · mean_i a_i)}, {@code c0 = tanh(W_c · mean_i a_i)}. Each decoder step
 * attends with an MLP {@code e_i = w · tanh(W_a a_i + W_h h_{t-1})}, {@code α = softmax(e)},
 * gates the context with {@code β = sigmoid(f_β(h_{t-1}))}, feeds {@code [E y_{t-1}; β Σ α_i a_i]}
 * to the LSTM, and predicts the next word with the deep output layer
 * {@code L_o(dropout(tanh(E y_{t-1} + L_h h_t + L_z z_t)))}. Training uses teacher forcing over
 * {@code maxWords + 1} statically unrolled steps.
 */
public final class ShowAttendTell {
  /** The name scope of every parameter. */
  public static final String SCOPE = "sat";

  private final ShowAttendTellConfig config;
  private final int vocabularySize;

  /** The annotations {@code [batch, L, D]} and the initial LSTM state, each {@code [batch, U]}. */
  public record Encoded(Operand<TFloat32> annotations, Operand<TFloat32> h, Operand<TFloat32> c) {}

  /** The attention weights α {@code [batch, L]} and the gated context β·Σα_i a_i {@code [batch, D]}. */
  public record Attention(Operand<TFloat32> alpha, Operand<TFloat32> context) {}

  /**
   * One decoder step: word logits {@code [batch, V]}, attention weights {@code [batch, L]} and the
   * new LSTM state {@code [batch, U]}.
   */
  public record Step(Operand<TFloat32> logits, Operand<TFloat32> alpha, Operand<TFloat32> h,
      Operand<TFloat32> c) {}

  /**
   * The training loss: {@code total = crossEntropy + penalty}, the cross-entropy averaged over the
   * real target tokens ({@code <end>} included, padding excluded) and the penalty
   * {@code c · mean_batch Σ_i (1 − Σ_t α_ti)²} over real steps; all scalars.
   */
  public record Loss(Operand<TFloat32> total, Operand<TFloat32> crossEntropy, Operand<TFloat32> penalty) {}

  /**
   * Creates the model for a vocabulary of {@code vocabularySize} tokens (the special tokens
   * included). No graph is built until {@link #encode}, {@link #step} or {@link #loss}.
   *
   * @param config the validated configuration
   * @param vocabularySize V, the size of the word embedding table and of the output layer; at
   *     least 5 (4 special tokens and a word)
   * @throws NullPointerException if {@code config} is null
   * @throws IllegalArgumentException if {@code vocabularySize} is below 5
   */
  public ShowAttendTell(ShowAttendTellConfig config, int vocabularySize) {
    this.config = Objects.requireNonNull(config, "config");
    if (vocabularySize < 5) {
      throw new IllegalArgumentException("vocabularySize must be >= 5 (4 special tokens and a word), got "
          + vocabularySize);
    }
    this.vocabularySize = vocabularySize;
  }

  /**
   * Returns the configuration.
   *
   * @return the configuration given to the constructor
   */
  public ShowAttendTellConfig config() {
    return config;
  }

  /**
   * Returns the vocabulary size V.
   *
   * @return V, the number of tokens the model predicts, special tokens included
   */
  public int vocabularySize() {
    return vocabularySize;
  }

  /**
   * Encodes images {@code [batch, C, H, W]} (pixels or a grid, per the configuration) into
   * annotations {@code [batch, L, D]} and the initial state.
   *
   * @param tf the ops of the graph to add to
   * @param params the parameter store; the encoder's weights are created on first use and shared
   * @param image images {@code [batch, C, H, W]}, as {@link ShowAttendTellConfig#imageDims()} says
   * @return the annotations {@code [batch, L, D]} and the initial {@code h}, {@code c}
   *     {@code [batch, U]}
   */
  public Encoded encode(Ops tf, Params params, Operand<TFloat32> image) {
    long l = config.locations();
    long d = config.annotationDim();
    Operand<TFloat32> a;
    if (config.imageInput() == ShowAttendTellConfig.ImageInput.PIXELS) {
      Operand<TFloat32> grid = ConvStem.apply(tf, params, SCOPE + "/stem", image, config.stemChannels(),
          false, false);
      a = tf.math.add(tf.reshape(grid, tf.constant(new long[] {-1, l, d})),
          params.get(SCOPE + "/position", Init.normal(0.1), 1, l, d));
    } else {
      a = tf.linalg.transpose(tf.reshape(image, tf.constant(new long[] {-1, d, l})),
          tf.constant(new int[] {0, 2, 1}));
    }
    Operand<TFloat32> mean = tf.math.mean(a, tf.constant(1));
    long u = config.lstmUnits();
    Operand<TFloat32> h0 = tf.math.tanh(Dense.apply(tf, params, SCOPE + "/init_h", mean, d, u));
    Operand<TFloat32> c0 = tf.math.tanh(Dense.apply(tf, params, SCOPE + "/init_c", mean, d, u));
    return new Encoded(a, h0, c0);
  }

  /**
   * Returns {@code W_a a_i + b} {@code [batch, L, attentionDim]}, computed once per image.
   *
   * @param tf the ops of the graph to add to
   * @param params the parameter store holding the attention weights
   * @param annotations the annotations {@code [batch, L, D]}
   * @return the projected annotations {@code [batch, L, attentionDim]}, the input of {@link #attend}
   */
  public Operand<TFloat32> projectAnnotations(Ops tf, Params params, Operand<TFloat32> annotations) {
    return Dense.apply3d(tf, params, SCOPE + "/attention/annotations", annotations,
        config.locations(), config.annotationDim(), config.attentionDim());
  }

  /**
   * Soft attention of state {@code h [batch, U]} over {@code annotations [batch, L, D]} (with their
   * projection from {@link #projectAnnotations}): α = softmax over locations of the MLP scores,
   * and the context gated by β = sigmoid(f_β(h)).
   *
   * @param tf the ops of the graph to add to
   * @param params the parameter store holding the attention weights
   * @param annotations the annotations {@code [batch, L, D]}
   * @param projected their projection {@code [batch, L, attentionDim]} from {@link #projectAnnotations}
   * @param h the previous LSTM hidden state {@code [batch, U]}
   * @return α {@code [batch, L]}, each row summing to 1, and the gated context {@code [batch, D]}
   */
  public Attention attend(Ops tf, Params params, Operand<TFloat32> annotations,
      Operand<TFloat32> projected, Operand<TFloat32> h) {
    long l = config.locations();
    long k = config.attentionDim();
    Operand<TFloat32> wh = tf.linalg.matMul(h,
        params.get(SCOPE + "/attention/state/kernel", Init.GLOROT, config.lstmUnits(), k));
    Operand<TFloat32> hidden = tf.math.tanh(tf.math.add(projected, tf.expandDims(wh, tf.constant(1))));
    Operand<TFloat32> scores = tf.reshape(
        Dense.apply3d(tf, params, SCOPE + "/attention/score", hidden, l, k, 1),
        tf.constant(new long[] {-1, l}));
    Operand<TFloat32> alpha = tf.nn.softmax(scores);
    Operand<TFloat32> context = tf.reduceSum(tf.math.mul(annotations, tf.expandDims(alpha, tf.constant(2))),
        tf.constant(1));
    Operand<TFloat32> beta = tf.math.sigmoid(
        Dense.apply(tf, params, SCOPE + "/attention/gate", h, config.lstmUnits(), 1));
    return new Attention(alpha, tf.math.mul(beta, context));
  }

  /**
   * One decoder step for inference or export: previous words {@code [batch]}, state
   * {@code h, c [batch, U]} and annotations {@code [batch, L, D]} to logits, α and the new state.
   * No dropout is applied.
   *
   * @param tf the ops of the graph to add to
   * @param params the parameter store holding the trained or initial weights
   * @param previousWords the previous word ids {@code [batch]} ({@code <start>} at the first step)
   * @param h the LSTM hidden state {@code [batch, U]}
   * @param c the LSTM cell state {@code [batch, U]}
   * @param annotations the encoder's annotations {@code [batch, L, D]}
   * @return the word logits {@code [batch, V]}, α {@code [batch, L]} and the new state
   *     {@code [batch, U]}
   */
  public Step step(Ops tf, Params params, Operand<TInt64> previousWords, Operand<TFloat32> h,
      Operand<TFloat32> c, Operand<TFloat32> annotations) {
    Operand<TFloat32> embedded = embed(tf, params, previousWords);
    return cell(tf, params, embedded, h, c, annotations, projectAnnotations(tf, params, annotations),
        false, 0);
  }

  private Operand<TFloat32> embed(Ops tf, Params params, Operand<TInt64> words) {
    return Embedding.apply(tf, params, SCOPE + "/embedding", words, vocabularySize, config.embeddingDim());
  }

  private Step cell(Ops tf, Params params, Operand<TFloat32> embedded, Operand<TFloat32> h,
      Operand<TFloat32> c, Operand<TFloat32> annotations, Operand<TFloat32> projected,
      boolean training, long dropoutSeed) {
    long e = config.embeddingDim();
    long d = config.annotationDim();
    long u = config.lstmUnits();
    Attention att = attend(tf, params, annotations, projected, h);
    Operand<TFloat32> x = tf.concat(List.of(embedded, att.context()), tf.constant(1));
    Operand<TFloat32> kernel = params.get(SCOPE + "/lstm/kernel", Init.GLOROT, e + d, 4 * u);
    Operand<TFloat32> recurrent = params.get(SCOPE + "/lstm/recurrent_kernel", Init.GLOROT, u, 4 * u);
    Operand<TFloat32> bias = params.get(SCOPE + "/lstm/bias", Init.ZEROS, 4 * u);
    Operand<TFloat32> z = tf.math.add(tf.math.add(tf.linalg.matMul(x, kernel), tf.linalg.matMul(h, recurrent)), bias);
    List<Operand<TFloat32>> gates = new ArrayList<>(tf.split(tf.constant(1), z, 4L).output());
    Operand<TFloat32> i = tf.math.sigmoid(gates.get(0));
    // The forget gate starts open (bias + 1), as in the project's other LSTMs.
    Operand<TFloat32> f = tf.math.sigmoid(tf.math.add(gates.get(1), tf.constant(1f)));
    Operand<TFloat32> g = tf.math.tanh(gates.get(2));
    Operand<TFloat32> o = tf.math.sigmoid(gates.get(3));
    Operand<TFloat32> cNew = tf.math.add(tf.math.mul(f, c), tf.math.mul(i, g));
    Operand<TFloat32> hNew = tf.math.mul(o, tf.math.tanh(cNew));
    Operand<TFloat32> deep = tf.math.tanh(tf.math.add(embedded, tf.math.add(
        Dense.apply(tf, params, SCOPE + "/output/state", hNew, u, e),
        Dense.apply(tf, params, SCOPE + "/output/context", att.context(), d, e))));
    deep = Dropout.apply(tf, deep, config.dropout(), training, dropoutSeed);
    Operand<TFloat32> logits = Dense.apply(tf, params, SCOPE + "/output/logits", deep, e, vocabularySize);
    return new Step(logits, att.alpha(), hNew, cNew);
  }

  /**
   * The teacher-forced training (or evaluation, {@code training} false) loss of images
   * {@code [batch, C, H, W]} and encoded captions {@code [batch, maxWords + 2]} int64
   * ({@code <start> w1 .. wn <end> <pad> ..}, from {@code CaptionVocabulary.encode}).
   *
   * @param tf the ops of the graph to add to
   * @param params the parameter store; the weights are created on first use and shared
   * @param image images {@code [batch, C, H, W]}
   * @param captions encoded captions {@code [batch, maxWords + 2]}, 0 for padding
   * @param training true for dropout before the output layer (masks seeded from the configuration),
   *     false for a deterministic evaluation loss
   * @return the scalar total loss, mean cross-entropy per real token and attention penalty
   */
  public Loss loss(Ops tf, Params params, Operand<TFloat32> image, Operand<TInt64> captions,
      boolean training) {
    Encoded enc = encode(tf, params, image);
    return lossFrom(tf, params, enc, captions, training);
  }

  /** The loss of {@link #loss} from given annotations and initial state. */
  Loss lossFrom(Ops tf, Params params, Encoded enc, Operand<TInt64> captions, boolean training) {
    int steps = config.steps();
    int v = vocabularySize;
    List<Operand<TInt64>> tokens = new ArrayList<>(
        tf.unstack(captions, (long) steps + 1, Unstack.axis(1L)).output());
    Operand<TFloat32> annotations = enc.annotations();
    Operand<TFloat32> projected = projectAnnotations(tf, params, annotations);
    Operand<TFloat32> h = enc.h();
    Operand<TFloat32> c = enc.c();
    Operand<TFloat32> ceSum = tf.constant(0f);
    Operand<TFloat32> tokenCount = tf.constant(0f);
    Operand<TFloat32> alphaSum = null;
    for (int t = 0; t < steps; t++) {
      Operand<TInt64> target = tokens.get(t + 1);
      Operand<TFloat32> mask = tf.dtypes.cast(tf.math.notEqual(target, tf.constant(0L)), TFloat32.class);
      Step s = cell(tf, params, embed(tf, params, tokens.get(t)), h, c, annotations, projected, training,
          config.seed() * 131 + t);
      Operand<TFloat32> logp = tf.nn.logSoftmax(s.logits());
      Operand<TFloat32> oneHot = tf.oneHot(target, tf.constant(v), tf.constant(1f), tf.constant(0f));
      Operand<TFloat32> ce = tf.math.neg(tf.reduceSum(tf.math.mul(oneHot, logp), tf.constant(1)));
      ceSum = tf.math.add(ceSum, tf.reduceSum(tf.math.mul(ce, mask), tf.constant(0)));
      tokenCount = tf.math.add(tokenCount, tf.reduceSum(mask, tf.constant(0)));
      Operand<TFloat32> maskedAlpha = tf.math.mul(s.alpha(), tf.expandDims(mask, tf.constant(1)));
      alphaSum = alphaSum == null ? maskedAlpha : tf.math.add(alphaSum, maskedAlpha);
      // Past a caption's end the state does not matter: its later steps are masked out.
      h = s.h();
      c = s.c();
    }
    Operand<TFloat32> crossEntropy = tf.math.div(ceSum, tf.math.maximum(tokenCount, tf.constant(1f)));
    Operand<TFloat32> gap = tf.math.sub(tf.constant(1f), alphaSum);
    Operand<TFloat32> penalty = tf.math.mul(tf.constant((float) config.alphaC()),
        tf.math.mean(tf.reduceSum(tf.math.square(gap), tf.constant(1)), tf.constant(0)));
    return new Loss(tf.math.add(crossEntropy, penalty), crossEntropy, penalty);
  }
}
