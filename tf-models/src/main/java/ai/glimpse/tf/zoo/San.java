package ai.glimpse.tf.zoo;

import ai.glimpse.tf.layers.Dense;
import ai.glimpse.tf.layers.Dropout;
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
 * Stacked Attention Networks (Yang et al. 2016): an LSTM question vector u; image regions from the
 * convolutional stem (plus a learned bias per location), projected to u's size by a tanh layer;
 * then per attention layer {@code h = tanh(W_I v ⊕ (W_Q u + b))}, {@code p = softmax(W_P h)} over
 * the regions, {@code u ← Σ p·v + u}; the answer from a softmax over {@code W_u u}. The attention
 * output stacks every layer's {@code p}.
 */
public final class San implements VqaModel {
  private final SanConfig config;

  /**
   * Creates the model for {@code config}. No graph is built until {@link #build}.
   *
   * @param config the validated hyperparameters, kept by reference; must not be null (it is not
   *     checked here)
   */
  public San(SanConfig config) {
    this.config = config;
  }

  @Override
  public SanConfig config() {
    return config;
  }

  @Override
  public ModelOutputs build(Ops tf, Params params, ModelInputs in, boolean training) {
    DataShape d = config.data();
    long seed = config.seed();
    long units = config.lstmUnits();
    Ops q = tf.withSubScope("question");
    Operand<TInt64> tokens = in.questionTokens();
    Operand<TFloat32> mask = ModelParts.mask(q, tokens);
    Operand<TFloat32> words = ModelParts.words(q, params, "san", tokens, config);
    Operand<TFloat32> u = Lstm.apply(q, params, "san/lstm", words, mask, d.maxQuestionLength(),
        config.embeddingDim(), units).h();

    Ops im = tf.withSubScope("image");
    long channels = config.regionChannels();
    int locations = config.locations();
    Operand<TFloat32> v = ModelParts.regions(im, params, "san", in, d, config.stemChannels(),
        config.batchNorm(), training);
    Operand<TFloat32> regionMask = ModelParts.regionMask(im, d, v);
    v = im.math.tanh(Dense.apply3d(im, params, "san/image", v, locations, channels, units));
    v = Dropout.apply(im, v, config.dropout(), training, seed + 1);

    List<Operand<TFloat32>> maps = new ArrayList<>();
    for (int k = 0; k < config.layers(); k++) {
      Ops at = tf.withSubScope("attention" + k);
      String name = "san/attention" + k;
      Operand<TFloat32> hv = Dense.apply3d(at, params, name + "/image", v, locations, units,
          config.attentionDim());
      Operand<TFloat32> hq = Dense.apply(at, params, name + "/question", u, units, config.attentionDim());
      Operand<TFloat32> h = at.math.tanh(at.math.add(hv, at.expandDims(hq, at.constant(1))));
      h = Dropout.apply(at, h, config.dropout(), training, seed + 10 + k);
      Operand<TFloat32> logits = at.reshape(
          Dense.apply3d(at, params, name + "/logits", h, locations, config.attentionDim(), 1),
          at.constant(new long[] {-1, locations}));
      Operand<TFloat32> p = ModelParts.maskedSoftmax(at, logits, regionMask);
      maps.add(p);
      Operand<TFloat32> attended = at.reshape(
          at.train.batchMatMul(at.expandDims(p, at.constant(1)), v, TFloat32.class),
          at.constant(new long[] {-1, units}));
      u = at.math.add(attended, u);
    }

    Ops cl = tf.withSubScope("classifier");
    Operand<TFloat32> x = Dropout.apply(cl, u, config.dropout(), training, seed + 3);
    Operand<TFloat32> logits = Dense.apply(cl, params, "san/classifier", x, units, d.answerCount());
    Operand<TFloat32> attention = cl.stack(maps, Stack.axis(1L));
    return new ModelOutputs(logits, attention);
  }
}
