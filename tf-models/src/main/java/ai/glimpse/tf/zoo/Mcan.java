package ai.glimpse.tf.zoo;

import ai.glimpse.tf.layers.AttFlat;
import ai.glimpse.tf.layers.Dense;
import ai.glimpse.tf.layers.Dropout;
import ai.glimpse.tf.layers.LayerNorm;
import ai.glimpse.tf.layers.Lstm;
import ai.glimpse.tf.layers.MultiHeadAttention;
import ai.glimpse.tf.layers.Params;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Deep Modular Co-Attention Networks (Yu et al. 2019), the encoder-decoder stacking (MCAN-ed).
 *
 * <p>The question: word embeddings, a single-layer LSTM whose states at every step are the
 * question features {@code Y [batch, n, d]}; padding tokens are masked as keys and in the
 * reduction. The image: the regions (objects with their padding boxes masked, grid cells, or the
 * stem's cells over pixels) projected linearly to {@code X [batch, m, d]}.
 *
 * <p>The encoder applies {@code layers} self-attention units {@code SA(Y)}; the decoder applies
 * {@code layers} times {@code SA(X)} followed by the guided-attention unit {@code GA(X, Y_enc)}
 * (queries from {@code X}, keys and values from the encoded question). Each unit is multi-head
 * attention ({@link MultiHeadAttention}), dropout, a residual connection and {@link LayerNorm},
 * then a feed-forward network ({@code d → ffnSize}, ReLU, dropout, {@code → d}, dropout), a
 * residual connection and LayerNorm.
 *
 * <p>Both outputs are reduced by {@link AttFlat} to {@code [batch, outSize]}; their sum passes
 * through LayerNorm and a linear layer to the answer logits. The attention output is the image
 * reduction's softmax weights {@code [batch, flatGlimpses, m]}. Trained with binary cross-entropy
 * ({@link McanConfig#defaultLoss()}). Parameters live under {@code mcan/}.
 */
public final class Mcan implements VqaModel {
  private final McanConfig config;

  /**
   * Creates the model for {@code config}. No graph is built until {@link #build}.
   *
   * @param config the validated hyperparameters, kept by reference; must not be null (it is not
   *     checked here)
   */
  public Mcan(McanConfig config) {
    this.config = config;
  }

  @Override
  public McanConfig config() {
    return config;
  }

  @Override
  public ModelOutputs build(Ops tf, Params params, ModelInputs in, boolean training) {
    DataShape d = config.data();
    int n = d.maxQuestionLength();
    int m = config.locations();
    long hidden = config.hiddenSize();
    long seed = config.seed();

    Ops q = tf.withSubScope("question");
    Operand<TInt64> tokens = in.questionTokens();
    Operand<TFloat32> questionMask = ModelParts.mask(q, tokens);
    Operand<TFloat32> words = ModelParts.words(q, params, "mcan", tokens, config);
    Operand<TFloat32> y = Lstm.applySequence(q, params, "mcan/lstm", words, questionMask, n,
        config.embeddingDim(), hidden).outputs();

    Ops im = tf.withSubScope("image");
    Operand<TFloat32> regions = ModelParts.regions(im, params, "mcan", in, d, config.stemChannels(),
        config.batchNorm(), training);
    Operand<TFloat32> regionMask = ModelParts.regionMask(im, d, regions);
    Operand<TFloat32> x = Dense.apply3d(im, params, "mcan/image", regions, m, config.regionChannels(), hidden);

    Ops enc = tf.withSubScope("encoder");
    for (int l = 0; l < config.layers(); l++) {
      y = unit(enc, params, "mcan/encoder" + l + "/self", y, y, questionMask, n, n, training,
          seed + 100L * (l + 1));
    }
    Ops dec = tf.withSubScope("decoder");
    for (int l = 0; l < config.layers(); l++) {
      long s = seed + 100L * (config.layers() + l + 1);
      x = unit(dec, params, "mcan/decoder" + l + "/self", x, x, regionMask, m, m, training, s);
      x = unit(dec, params, "mcan/decoder" + l + "/guided", x, y, questionMask, m, n, training, s + 50);
    }

    Ops rq = tf.withSubScope("reduce");
    long out = config.outSize();
    AttFlat.Result yFlat = AttFlat.apply(rq, params, "mcan/flat_question", y, questionMask, n, hidden,
        config.flatGlimpses(), out, config.dropout(), training, seed + 1);
    Ops at = tf.withSubScope("attention");
    AttFlat.Result xFlat = AttFlat.apply(at, params, "mcan/flat_image", x, regionMask, m, hidden,
        config.flatGlimpses(), out, config.dropout(), training, seed + 2);

    Ops cl = tf.withSubScope("classifier");
    Operand<TFloat32> fused = LayerNorm.apply(cl, params, "mcan/fusion_norm",
        cl.math.add(xFlat.output(), yFlat.output()), out);
    Operand<TFloat32> logits = Dense.apply(cl, params, "mcan/classifier", fused, out, d.answerCount());
    return new ModelOutputs(logits, xFlat.weights());
  }

  /**
   * One SA ({@code keyValues == queries}) or GA unit: multi-head attention of
   * {@code queries [batch, n, d]} over {@code keyValues [batch, m, d]} (keys masked by
   * {@code keyMask [batch, m]}), dropout, residual and LayerNorm; feed-forward network, dropout,
   * residual and LayerNorm. Returns {@code [batch, n, d]}.
   */
  private Operand<TFloat32> unit(Ops tf, Params params, String name, Operand<TFloat32> queries,
      Operand<TFloat32> keyValues, Operand<TFloat32> keyMask, long n, long m, boolean training, long seed) {
    long hidden = config.hiddenSize();
    double rate = config.dropout();
    Operand<TFloat32> a = MultiHeadAttention.apply(tf, params, name + "/attention", queries, keyValues,
        keyMask, n, m, hidden, config.heads(), rate, training, seed);
    a = Dropout.apply(tf, a, rate, training, seed + 1);
    Operand<TFloat32> h = LayerNorm.apply(tf, params, name + "/norm1", tf.math.add(queries, a), hidden);
    Operand<TFloat32> f = tf.nn.relu(Dense.apply3d(tf, params, name + "/ffn/hidden", h, n, hidden,
        config.ffnSize()));
    f = Dropout.apply(tf, f, rate, training, seed + 2);
    f = Dense.apply3d(tf, params, name + "/ffn/output", f, n, config.ffnSize(), hidden);
    f = Dropout.apply(tf, f, rate, training, seed + 3);
    return LayerNorm.apply(tf, params, name + "/norm2", tf.math.add(h, f), hidden);
  }
}
