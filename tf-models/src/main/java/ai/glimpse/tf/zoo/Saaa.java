package ai.glimpse.tf.zoo;

import ai.glimpse.tf.layers.Dense;
import ai.glimpse.tf.layers.Dropout;
import ai.glimpse.tf.layers.L2Norm;
import ai.glimpse.tf.layers.Lstm;
import ai.glimpse.tf.layers.Params;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Show, Ask, Attend and Answer: an LSTM question encoder; a convolutional stem (3×3 convolution,
 * batch normalization when configured, ReLU, 2×2 max pooling per stage) turning pixels into a grid of features, L2-normalized over channels; attention from 1×1 convolutions of the
 * grid plus the projected question, ReLU, and a 1×1 convolution to {@code glimpses} logits per
 * location with a softmax over locations; the attended features of every glimpse concatenated
 * with the question; a ReLU classifier.
 */
public final class Saaa implements VqaModel {
  private final SaaaConfig config;

  /**
   * Creates the model for {@code config}. No graph is built until {@link #build}.
   *
   * @param config the validated hyperparameters, kept by reference; must not be null (it is not
   *     checked here)
   */
  public Saaa(SaaaConfig config) {
    this.config = config;
  }

  @Override
  public SaaaConfig config() {
    return config;
  }

  @Override
  public ModelOutputs build(Ops tf, Params params, ModelInputs in, boolean training) {
    DataShape d = config.data();
    long seed = config.seed();
    Ops q = tf.withSubScope("question");
    Operand<TInt64> tokens = in.questionTokens();
    Operand<TFloat32> mask = ModelParts.mask(q, tokens);
    Operand<TFloat32> words = ModelParts.words(q, params, "saaa", tokens, config);
    Operand<TFloat32> question = Lstm.apply(q, params, "saaa/lstm", words, mask,
        d.maxQuestionLength(), config.embeddingDim(), config.lstmUnits()).h();
    question = Dropout.apply(q, question, config.dropout(), training, seed + 1);

    Ops im = tf.withSubScope("image");
    long channels = config.regionChannels();
    int locations = config.locations();
    Operand<TFloat32> v = ModelParts.regions(im, params, "saaa", in, d, config.stemChannels(),
        config.batchNorm(), training);
    Operand<TFloat32> regionMask = ModelParts.regionMask(im, d, v);
    v = L2Norm.apply(im, v, 2);
    if (config.imageScale() != 1.0) {
      v = im.math.mul(v, im.constant((float) config.imageScale()));
    }

    Ops at = tf.withSubScope("attention");
    Operand<TFloat32> vProj = Dense.apply3d(at, params, "saaa/attention/image", v, locations,
        channels, config.attentionDim());
    Operand<TFloat32> qProj = Dense.apply(at, params, "saaa/attention/question", question,
        config.lstmUnits(), config.attentionDim());
    Operand<TFloat32> qTiled = at.expandDims(qProj, at.constant(1));
    Operand<TFloat32> hidden = config.fusion() == SaaaConfig.Fusion.CONCAT
        ? at.nn.relu(at.math.add(vProj, qTiled))
        : at.math.mul(at.nn.relu(vProj), at.nn.relu(qTiled));
    hidden = Dropout.apply(at, hidden, config.dropout(), training, seed + 2);
    Operand<TFloat32> logitsPerLocation = Dense.apply3d(at, params, "saaa/attention/logits", hidden,
        locations, config.attentionDim(), config.glimpses());
    Operand<TFloat32> attention = ModelParts.maskedSoftmax(at,
        at.linalg.transpose(logitsPerLocation, at.constant(new int[] {0, 2, 1})),
        regionMask == null ? null : at.expandDims(regionMask, at.constant(1)));
    Operand<TFloat32> glimpses = at.reshape(at.train.batchMatMul(attention, v, TFloat32.class),
        at.constant(new long[] {-1, (long) config.glimpses() * channels}));

    Ops cl = tf.withSubScope("classifier");
    long joint = (long) config.glimpses() * channels + config.lstmUnits();
    Operand<TFloat32> h = cl.concat(List.of(glimpses, question), cl.constant(1));
    h = cl.nn.relu(Dense.apply(cl, params, "saaa/classifier/hidden", h, joint, config.hiddenUnits()));
    h = Dropout.apply(cl, h, config.dropout(), training, seed + 3);
    Operand<TFloat32> logits = Dense.apply(cl, params, "saaa/classifier/output", h,
        config.hiddenUnits(), d.answerCount());
    return new ModelOutputs(logits, attention);
  }
}
