package ai.glimpse.tf.zoo;

import ai.glimpse.tf.layers.CountSketch;
import ai.glimpse.tf.layers.Dense;
import ai.glimpse.tf.layers.Dropout;
import ai.glimpse.tf.layers.Fft;
import ai.glimpse.tf.layers.L2Norm;
import ai.glimpse.tf.layers.Lstm;
import ai.glimpse.tf.layers.Params;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Multimodal Compact Bilinear pooling with attention (Fukui et al. 2016). An LSTM question vector
 * {@code q}; image regions {@code v} (the stem's grid, grid cells or objects), L2-normalized over
 * channels; the compact bilinear pooling of {@code q} with every region,
 * {@code MCB(q, v) = IRFFT(RFFT(Ψ_q q) ⊙ RFFT(Ψ_v v))}, the circular convolution of their count
 * sketches {@code Ψ} of size {@code sketchDim}, followed by a signed square root and L2
 * normalization; attention from two 1×1 convolutions (ReLU, then {@code glimpses} logits per
 * location) with a softmax over locations; the attended features of every glimpse concatenated
 * and pooled with the question by a second MCB (with its own sketches); a linear classifier.
 *
 * <p>The four count sketches are non-trainable variables (see {@link CountSketch}), saved in
 * checkpoints and folded into the ONNX export; the FFTs' gradients are Java ones (see {@link Fft}).
 */
public final class Mcb implements VqaModel {
  /** The smoothing of the signed square root {@code x / sqrt(|x| + ε)}, whose slope at 0 is finite. */
  static final float SIGNED_SQRT_EPS = 1e-4f;

  private final McbConfig config;

  /**
   * Creates the model for {@code config}. No graph is built until {@link #build}.
   *
   * @param config the validated hyperparameters, kept by reference; must not be null (it is not
   *     checked here)
   */
  public Mcb(McbConfig config) {
    this.config = config;
  }

  @Override
  public McbConfig config() {
    return config;
  }

  @Override
  public ModelOutputs build(Ops tf, Params params, ModelInputs in, boolean training) {
    DataShape d = config.data();
    long seed = config.seed();
    int sketch = config.sketchDim();
    Ops q = tf.withSubScope("question");
    Operand<TInt64> tokens = in.questionTokens();
    Operand<TFloat32> mask = ModelParts.mask(q, tokens);
    Operand<TFloat32> words = ModelParts.words(q, params, "mcb", tokens, config);
    Operand<TFloat32> question = Lstm.apply(q, params, "mcb/lstm", words, mask,
        d.maxQuestionLength(), config.embeddingDim(), config.lstmUnits()).h();
    question = Dropout.apply(q, question, config.dropout(), training, seed + 1);

    Ops im = tf.withSubScope("image");
    long channels = config.regionChannels();
    int locations = config.locations();
    Operand<TFloat32> v = ModelParts.regions(im, params, "mcb", in, d, config.stemChannels(),
        config.batchNorm(), training);
    Operand<TFloat32> regionMask = ModelParts.regionMask(im, d, v);
    v = L2Norm.apply(im, v, 2);

    Ops at = tf.withSubScope("attention");
    Operand<TFloat32> qSketch = CountSketch.apply(at, params, "mcb/attention/sketch_question",
        question, config.lstmUnits(), sketch);
    Operand<TFloat32> vSketch = at.reshape(CountSketch.apply(at, params, "mcb/attention/sketch_image",
        at.reshape(v, at.constant(new long[] {-1, channels})), channels, sketch),
        at.constant(new long[] {-1, locations, sketch}));
    Operand<TFloat32> joint = normalize(at, Fft.circularConvolution(at,
        at.expandDims(qSketch, at.constant(1)), vSketch, sketch));
    joint = Dropout.apply(at, joint, config.dropout(), training, seed + 2);
    Operand<TFloat32> hidden = at.nn.relu(Dense.apply3d(at, params, "mcb/attention/hidden", joint,
        locations, sketch, config.attentionHidden()));
    Operand<TFloat32> logitsPerLocation = Dense.apply3d(at, params, "mcb/attention/logits", hidden,
        locations, config.attentionHidden(), config.glimpses());
    Operand<TFloat32> attention = ModelParts.maskedSoftmax(at,
        at.linalg.transpose(logitsPerLocation, at.constant(new int[] {0, 2, 1})),
        regionMask == null ? null : at.expandDims(regionMask, at.constant(1)));
    long attendedSize = (long) config.glimpses() * channels;
    Operand<TFloat32> attended = at.reshape(at.train.batchMatMul(attention, v, TFloat32.class),
        at.constant(new long[] {-1, attendedSize}));

    Ops cl = tf.withSubScope("classifier");
    Operand<TFloat32> qSketch2 = CountSketch.apply(cl, params, "mcb/classifier/sketch_question",
        question, config.lstmUnits(), sketch);
    Operand<TFloat32> aSketch = CountSketch.apply(cl, params, "mcb/classifier/sketch_image",
        attended, attendedSize, sketch);
    Operand<TFloat32> pooled = normalize(cl, Fft.circularConvolution(cl, qSketch2, aSketch, sketch));
    pooled = Dropout.apply(cl, pooled, config.dropout(), training, seed + 3);
    Operand<TFloat32> logits = Dense.apply(cl, params, "mcb/classifier/output", pooled, sketch,
        d.answerCount());
    return new ModelOutputs(logits, attention);
  }

  /** The signed square root {@code x / sqrt(|x| + ε)} and L2 normalization over the last axis. */
  static Operand<TFloat32> normalize(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> root = tf.math.div(x, tf.math.sqrt(tf.math.add(tf.math.abs(x),
        tf.constant(SIGNED_SQRT_EPS))));
    return L2Norm.apply(tf, root, x.shape().numDimensions() - 1);
  }
}
