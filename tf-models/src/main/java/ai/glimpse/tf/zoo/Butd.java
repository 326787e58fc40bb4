package ai.glimpse.tf.zoo;

import ai.glimpse.tf.layers.Dropout;
import ai.glimpse.tf.layers.Params;
import ai.glimpse.tf.layers.Recurrent;
import ai.glimpse.tf.layers.WeightNormDense;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Bottom-Up Top-Down attention (Anderson et al. 2018), as the GQA seed builds it (and, with
 * {@link ButdConfig.Fusion#FILM}, its FiLM variant, where the question scales and shifts the
 * projected object features instead of multiplying them): a GRU question
 * encoder; object features with their 6 spatial features appended; weight-normalized ReLU
 * projections of each object and of the question, fused by element-wise product, to one
 * attention logit per object (weight-normalized), softmax over the image's real boxes; the
 * attended object and the question projected again (weight-normalized ReLU) and multiplied; a
 * classifier with twice the hidden units (weight-normalized, ReLU, dropout). Trained with binary
 * cross-entropy on the soft scores ({@link ButdConfig#defaultLoss()}).
 */
public final class Butd implements VqaModel {
  private final ButdConfig config;

  /**
   * Creates the model for {@code config}. No graph is built until {@link #build}.
   *
   * @param config the validated hyperparameters, kept by reference; must not be null (it is not
   *     checked here)
   */
  public Butd(ButdConfig config) {
    this.config = config;
  }

  @Override
  public ButdConfig config() {
    return config;
  }

  @Override
  public ModelOutputs build(Ops tf, Params params, ModelInputs in, boolean training) {
    DataShape d = config.data();
    long seed = config.seed();
    long hidden = config.hiddenUnits();
    long qDim = config.questionDim();
    long vDim = config.objectDim();
    int k = config.boxes();

    Ops q = tf.withSubScope("question");
    Operand<TInt64> tokens = in.questionTokens();
    Operand<TFloat32> mask = ModelParts.mask(q, tokens);
    Operand<TFloat32> words = ModelParts.words(q, params, "butd", tokens, config);
    Operand<TFloat32> question = Recurrent.encode(q, params, "butd/gru", Recurrent.Cell.GRU, words,
        mask, d.maxQuestionLength(), config.embeddingDim(), config.gruUnits(), config.gruLayers(),
        config.bidirectional()).last();

    Ops im = tf.withSubScope("image");
    Operand<TFloat32> v = ModelParts.regions(im, params, "butd", in, d, java.util.List.of(), false, training);
    Operand<TFloat32> boxMask = ModelParts.regionMask(im, d, v);

    Ops at = tf.withSubScope("attention");
    Operand<TFloat32> vProj = at.nn.relu(WeightNormDense.apply3d(at, params, "butd/attention/image", v, k, vDim, hidden));
    Operand<TFloat32> joint;
    if (config.fusion() == ButdConfig.Fusion.FILM) {
      // FiLM: the question scales and shifts each projected feature of every object.
      Operand<TFloat32> gamma = WeightNormDense.apply(at, params, "butd/film/gamma", question, qDim, hidden);
      Operand<TFloat32> beta = WeightNormDense.apply(at, params, "butd/film/beta", question, qDim, hidden);
      joint = at.nn.relu(at.math.add(
          at.math.mul(vProj, at.expandDims(at.math.add(gamma, at.constant(1f)), at.constant(1))),
          at.expandDims(beta, at.constant(1))));
    } else {
      Operand<TFloat32> qProj = at.nn.relu(WeightNormDense.apply(at, params, "butd/attention/question", question, qDim, hidden));
      joint = at.math.mul(vProj, at.expandDims(qProj, at.constant(1)));
    }
    joint = Dropout.apply(at, joint, config.attentionDropout(), training, seed + 1);
    Operand<TFloat32> logits = at.reshape(
        WeightNormDense.apply3d(at, params, "butd/attention/logits", joint, k, hidden, 1),
        at.constant(new long[] {-1, k}));
    Operand<TFloat32> attention = ModelParts.maskedSoftmax(at, logits, boxMask);
    Operand<TFloat32> attended = at.reshape(
        at.train.batchMatMul(at.expandDims(attention, at.constant(1)), v, TFloat32.class),
        at.constant(new long[] {-1, vDim}));

    Ops cl = tf.withSubScope("classifier");
    Operand<TFloat32> qRepr = cl.nn.relu(WeightNormDense.apply(cl, params, "butd/question_net", question, qDim, hidden));
    Operand<TFloat32> vRepr = cl.nn.relu(WeightNormDense.apply(cl, params, "butd/image_net", attended, vDim, hidden));
    Operand<TFloat32> h = cl.math.mul(qRepr, vRepr);
    h = cl.nn.relu(WeightNormDense.apply(cl, params, "butd/classifier/hidden", h, hidden, 2 * hidden));
    h = Dropout.apply(cl, h, config.dropout(), training, seed + 2);
    Operand<TFloat32> out = WeightNormDense.apply(cl, params, "butd/classifier/output", h, 2 * hidden,
        d.answerCount());
    return new ModelOutputs(out, cl.expandDims(attention, cl.constant(1)));
  }
}
