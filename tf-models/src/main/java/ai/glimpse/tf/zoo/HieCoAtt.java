package ai.glimpse.tf.zoo;

import ai.glimpse.tf.layers.Dense;
import ai.glimpse.tf.layers.Dropout;
import ai.glimpse.tf.layers.Init;
import ai.glimpse.tf.layers.Lstm;
import ai.glimpse.tf.layers.Params;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Hierarchical Question-Image Co-Attention (Lu et al. 2016), with parallel co-attention.
 *
 * <p>The question is read at three levels, each {@code [batch, T, d]}: words ({@code tanh} of the
 * embeddings), phrases (1-, 2- and 3-gram convolutions over the words, {@code tanh}, the maximum
 * over the three n-gram sizes at each position) and the question (an LSTM over the phrase
 * features, its state at every step). The image regions (stem cells, grid cells or objects) are
 * embedded once by a {@code tanh} layer to {@code V [batch, N, d]}.
 *
 * <p>At each level the co-attention computes the affinity {@code C = tanh(Q W_b Vᵀ) [batch, T, N]},
 * the maps {@code H_v = tanh(V W_v + Cᵀ Q W_q) [batch, N, k]} and
 * {@code H_q = tanh(Q W_q + C V W_v) [batch, T, k]}, the attentions
 * {@code a_v = softmax(H_v w_hv)} over the regions (padding boxes excluded) and
 * {@code a_q = softmax(H_q w_hq)} over the question's words (padding excluded), and the attended
 * {@code v̂ = Σ a_v V}, {@code q̂ = Σ a_q Q}. Padding words and padding boxes are also removed from
 * {@code C}, so they never reach the other modality's map.
 *
 * <p>The recursive encoding: {@code h_w = tanh(W_w (q̂_w + v̂_w))},
 * {@code h_p = tanh(W_p [q̂_p + v̂_p, h_w])}, {@code h_s = tanh(W_s [q̂_s + v̂_s, h_p])}, and the
 * answer logits are a linear layer of {@code h_s}. The attention output stacks the image
 * attention of the three levels, {@code [batch, 3, N]} (word, phrase, question).
 */
public final class HieCoAtt implements VqaModel {
  /** The names of the three levels, in order; each level's parameters live under {@code hiecoatt/<level>}. */
  static final List<String> LEVELS = List.of("word", "phrase", "question");

  private final HieCoAttConfig config;

  /**
   * Creates the model for {@code config}. No graph is built until {@link #build}.
   *
   * @param config the validated hyperparameters, kept by reference; must not be null (it is not
   *     checked here)
   */
  public HieCoAtt(HieCoAttConfig config) {
    this.config = config;
  }

  @Override
  public HieCoAttConfig config() {
    return config;
  }

  @Override
  public ModelOutputs build(Ops tf, Params params, ModelInputs in, boolean training) {
    DataShape d = config.data();
    long seed = config.seed();
    int steps = d.maxQuestionLength();
    long hidden = config.hiddenDim();
    long emb = config.embeddingDim();

    // Image: regions embedded to the common size.
    Ops im = tf.withSubScope("image");
    int n = config.locations();
    Operand<TFloat32> regions = ModelParts.regions(im, params, "hiecoatt", in, d,
        config.stemChannels(), config.batchNorm(), training);
    Operand<TFloat32> regionMask = ModelParts.regionMask(im, d, regions);
    Operand<TFloat32> v = im.math.tanh(Dense.apply3d(im, params, "hiecoatt/image", regions, n,
        config.regionChannels(), hidden));

    // Word level.
    Ops qw = tf.withSubScope("words");
    Operand<TInt64> tokens = in.questionTokens();
    Operand<TFloat32> mask = ModelParts.mask(qw, tokens);
    Operand<TFloat32> mask3 = qw.expandDims(mask, qw.constant(2));
    Operand<TFloat32> embedded = ModelParts.words(qw, params, "hiecoatt", tokens, config);
    if (emb != hidden) {
      embedded = Dense.apply3d(qw, params, "hiecoatt/word_projection", embedded, steps, emb, hidden);
    }
    Operand<TFloat32> words = qw.math.mul(qw.math.tanh(embedded), mask3);

    // Phrase level: n-gram convolutions over the words (zero beyond the question), max over n.
    Ops qp = tf.withSubScope("phrases");
    Operand<TFloat32> phrases = null;
    Operand<TFloat32> wordsNhwc = qp.expandDims(words, qp.constant(1));
    for (int gram = 1; gram <= 3; gram++) {
      Operand<TFloat32> gramFeatures = ngram(qp, params, "hiecoatt/ngram" + gram, wordsNhwc, gram,
          hidden, steps);
      phrases = phrases == null ? gramFeatures : qp.math.maximum(phrases, gramFeatures);
    }
    phrases = qp.math.mul(phrases, mask3);

    // Question level: an LSTM over the phrases, every step's state.
    Ops qs = tf.withSubScope("sentence");
    Operand<TFloat32> sentence = Lstm.applySequence(qs, params, "hiecoatt/lstm", phrases, mask, steps,
        hidden, hidden).outputs();
    sentence = qs.math.mul(sentence, mask3);

    List<Operand<TFloat32>> questionLevels = List.of(words, phrases, sentence);
    List<Operand<TFloat32>> attentions = new ArrayList<>();
    Operand<TFloat32> h = null;
    for (int level = 0; level < 3; level++) {
      String name = LEVELS.get(level);
      Ops at = tf.withSubScope("coattention_" + name);
      CoAttention co = coAttention(at, params, "hiecoatt/" + name, v, questionLevels.get(level), mask,
          regionMask, n, steps);
      attentions.add(co.imageAttention());
      Ops re = tf.withSubScope("recursive_" + name);
      Operand<TFloat32> joint = re.math.add(co.question(), co.image());
      long width = hidden;
      if (h != null) {
        joint = re.concat(List.of(joint, h), re.constant(1));
        width = 2 * hidden;
      }
      joint = Dropout.apply(re, joint, config.dropout(), training, seed + 1 + level);
      h = re.math.tanh(Dense.apply(re, params, "hiecoatt/recursive_" + name, joint, width, hidden));
    }

    Ops cl = tf.withSubScope("classifier");
    h = Dropout.apply(cl, h, config.dropout(), training, seed + 4);
    Operand<TFloat32> logits = Dense.apply(cl, params, "hiecoatt/classifier", h, hidden, d.answerCount());
    Operand<TFloat32> attention = cl.stack(attentions, Stack.axis(1L));
    return new ModelOutputs(logits, attention);
  }

  /**
   * The {@code gram}-gram features {@code tanh(conv)} {@code [batch, steps, units]} of the words
   * {@code [batch, 1, steps, units]} (NHWC with height 1): a {@code [1, gram]} convolution with
   * SAME padding, so position {@code t} reads words {@code t .. t+1} for bigrams and
   * {@code t-1 .. t+1} for trigrams, with zeros outside the question.
   */
  private static Operand<TFloat32> ngram(Ops tf, Params params, String name, Operand<TFloat32> words,
      int gram, long units, int steps) {
    Operand<TFloat32> kernel = params.get(name + "/kernel", Init.GLOROT, 1, gram, units, units);
    Operand<TFloat32> bias = params.get(name + "/bias", Init.ZEROS, units);
    Operand<TFloat32> y = tf.nn.conv2d(words, kernel, List.of(1L, 1L, 1L, 1L), "SAME");
    y = tf.nn.biasAdd(y, bias);
    return tf.math.tanh(tf.reshape(y, tf.constant(new long[] {-1, steps, units})));
  }

  /** What one level's co-attention gives: the attended question and image and the image attention. */
  private record CoAttention(Operand<TFloat32> question, Operand<TFloat32> image,
      Operand<TFloat32> imageAttention) {}

  /**
   * Parallel co-attention between the regions {@code v [batch, n, d]} and the question features
   * {@code q [batch, steps, d]}, with parameters {@code name/affinity}, {@code name/image},
   * {@code name/question}, {@code name/image_logits}, {@code name/question_logits}.
   */
  private CoAttention coAttention(Ops tf, Params params, String name, Operand<TFloat32> v,
      Operand<TFloat32> q, Operand<TFloat32> questionMask, Operand<TFloat32> regionMask, int n,
      int steps) {
    long hidden = config.hiddenDim();
    long k = config.coAttentionDim();
    Operand<TFloat32> wb = params.get(name + "/affinity", Init.GLOROT, hidden, hidden);
    Operand<TFloat32> qb = tf.reshape(tf.linalg.matMul(tf.reshape(q, tf.constant(new long[] {-1, hidden})), wb),
        tf.constant(new long[] {-1, steps, hidden}));
    Operand<TFloat32> vt = transpose(tf, v);
    // Affinity [batch, steps, n], zero for padding words and padding boxes.
    Operand<TFloat32> c = tf.math.tanh(tf.train.batchMatMul(qb, vt, TFloat32.class));
    c = tf.math.mul(c, tf.expandDims(questionMask, tf.constant(2)));
    if (regionMask != null) {
      c = tf.math.mul(c, tf.expandDims(regionMask, tf.constant(1)));
    }
    Operand<TFloat32> vw = Dense.apply3d(tf, params, name + "/image", v, n, hidden, k);
    Operand<TFloat32> qw = Dense.apply3d(tf, params, name + "/question", q, steps, hidden, k);
    Operand<TFloat32> hv = tf.math.tanh(tf.math.add(vw,
        tf.train.batchMatMul(transpose(tf, c), qw, TFloat32.class)));
    Operand<TFloat32> hq = tf.math.tanh(tf.math.add(qw,
        tf.train.batchMatMul(c, vw, TFloat32.class)));
    Operand<TFloat32> imageLogits = tf.reshape(
        Dense.apply3d(tf, params, name + "/image_logits", hv, n, k, 1), tf.constant(new long[] {-1, n}));
    Operand<TFloat32> questionLogits = tf.reshape(
        Dense.apply3d(tf, params, name + "/question_logits", hq, steps, k, 1),
        tf.constant(new long[] {-1, steps}));
    Operand<TFloat32> av = ModelParts.maskedSoftmax(tf, imageLogits, regionMask);
    Operand<TFloat32> aq = ModelParts.maskedSoftmax(tf, questionLogits, questionMask);
    Operand<TFloat32> vHat = tf.reshape(
        tf.train.batchMatMul(tf.expandDims(av, tf.constant(1)), v, TFloat32.class),
        tf.constant(new long[] {-1, hidden}));
    Operand<TFloat32> qHat = tf.reshape(
        tf.train.batchMatMul(tf.expandDims(aq, tf.constant(1)), q, TFloat32.class),
        tf.constant(new long[] {-1, hidden}));
    return new CoAttention(qHat, vHat, av);
  }

  private static Operand<TFloat32> transpose(Ops tf, Operand<TFloat32> x) {
    return tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 1}));
  }
}
