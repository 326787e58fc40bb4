package ai.glimpse.tf.zoo;

import ai.glimpse.tf.layers.ConvStem;
import ai.glimpse.tf.layers.Embedding;
import ai.glimpse.tf.layers.Init;
import ai.glimpse.tf.layers.Params;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The inputs the zoo's models share: the question mask, the word embeddings, the image regions. */
final class ModelParts {
  private ModelParts() {}

  /** 1 for a token, 0 for padding, {@code [batch, length]}. */
  static Operand<TFloat32> mask(Ops tf, Operand<TInt64> tokens) {
    return tf.dtypes.cast(tf.math.notEqual(tokens, tf.constant(0L)), TFloat32.class);
  }

  /**
   * The word embeddings of {@code tokens}, {@code [batch, length, embeddingDim]}, from the table
   * {@code model/embedding}; frozen when the configuration keeps GloVe vectors fixed.
   */
  static Operand<TFloat32> words(Ops tf, Params params, String model, Operand<TInt64> tokens,
      ModelConfig config) {
    return Embedding.apply(tf, params, model + "/embedding", tokens, config.data().vocabularySize(),
        config.embeddingDim(), config.embeddingInit() != EmbeddingInit.GLOVE_FROZEN);
  }

  /**
   * The image regions of each question, {@code [batch, locations, channels]}: the stem
   * {@code model/stem} runs once per image, questions sharing an image share its grid, and a
   * learned bias per location ({@code model/position}) lets the features say where they are
   * (left, right, top, ...).
   */
  static Operand<TFloat32> regions(Ops tf, Params params, String model, ModelInputs in,
      List<Integer> stem, boolean batchNorm, boolean training, int locations) {
    long channels = stem.get(stem.size() - 1);
    Operand<TFloat32> grid = ConvStem.apply(tf, params, model + "/stem", in.imagePixels(), stem,
        batchNorm, training);
    Operand<TFloat32> v = in.perQuestion(tf, tf.reshape(grid, tf.constant(new long[] {-1, locations, channels})));
    return tf.math.add(v, params.get(model + "/position", Init.normal(0.1), 1, locations, channels));
  }
}
