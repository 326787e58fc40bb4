package ai.glimpse.tf.zoo;

import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
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
   * Returns the number of image regions a model attends over: the stem's output cells for pixels,
   * the grid's cells, or the object slots.
   */
  static int locations(DataShape data, List<Integer> stem) {
    List<Integer> dims = data.image().dims();
    return switch (data.imageKind()) {
      case PIXELS -> {
        int grid = dims.get(1) >> stem.size();
        yield grid * grid;
      }
      case GRID -> dims.get(1) * dims.get(2);
      case OBJECTS -> dims.get(0);
    };
  }

  /** Returns the feature size of one region: the stem's last channels, the grid's channels, or D + 6. */
  static int channels(DataShape data, List<Integer> stem) {
    return switch (data.imageKind()) {
      case PIXELS -> stem.get(stem.size() - 1);
      case GRID -> data.image().dims().get(0);
      case OBJECTS -> data.image().dims().get(1);
    };
  }

  /**
   * The image regions of each question, {@code [batch, locations, channels]}. From pixels, the stem
   * {@code model/stem} runs once per image, questions sharing an image share its grid, and a
   * learned bias per location ({@code model/position}) lets the features say where they are (left,
   * right, top, ...). A feature grid {@code [C, H, W]} becomes its {@code H·W} cells; object
   * features are the regions as they are.
   */
  static Operand<TFloat32> regions(Ops tf, Params params, String model, ModelInputs in,
      DataShape data, List<Integer> stem, boolean batchNorm, boolean training) {
    int locations = locations(data, stem);
    long channels = channels(data, stem);
    Operand<TFloat32> perImage = switch (data.imageKind()) {
      case PIXELS -> tf.reshape(ConvStem.apply(tf, params, model + "/stem", in.image(), stem,
          batchNorm, training), tf.constant(new long[] {-1, locations, channels}));
      case GRID -> tf.linalg.transpose(tf.reshape(in.image(), tf.constant(new long[] {-1, channels, locations})),
          tf.constant(new int[] {0, 2, 1}));
      case OBJECTS -> in.image();
    };
    Operand<TFloat32> v = in.perQuestion(tf, perImage);
    if (data.imageKind() != FeatureKind.PIXELS) {
      return v;
    }
    return tf.math.add(v, params.get(model + "/position", Init.normal(0.1), 1, locations, channels));
  }

  /**
   * For object input, 1 where a box slot holds an object and 0 for padding ({@code [batch, K]}):
   * a padding slot is all zeros, and a real box never is (its spatial features give its size).
   * Null for pixels and grids, where every location is real.
   */
  static Operand<TFloat32> regionMask(Ops tf, DataShape data, Operand<TFloat32> regions) {
    if (data.imageKind() != FeatureKind.OBJECTS) {
      return null;
    }
    return tf.dtypes.cast(tf.math.greater(tf.reduceMax(tf.math.abs(regions), tf.constant(2)),
        tf.constant(0f)), TFloat32.class);
  }

  /**
   * A softmax over the last axis of {@code logits} that gives no weight where {@code mask} is 0
   * (a null mask is a plain softmax). {@code mask} broadcasts against {@code logits}.
   */
  static Operand<TFloat32> maskedSoftmax(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> mask) {
    return ai.glimpse.tf.layers.MaskedSoftmax.apply(tf, logits, mask);
  }

  /**
   * The image as one vector per question, {@code [batch, imageVectorLength]}: the stem's grid
   * flattened for pixels (position matters there), the mean over the cells of a feature grid
   * (ResNet's pooled vector), the mean over the real boxes of object features.
   */
  static Operand<TFloat32> imageVector(Ops tf, Params params, String model, ModelInputs in,
      DataShape data, List<Integer> stem, boolean batchNorm, boolean training) {
    if (data.imageKind() == FeatureKind.PIXELS) {
      Operand<TFloat32> grid = ConvStem.apply(tf, params, model + "/stem", in.image(), stem, batchNorm, training);
      return in.perQuestion(tf, tf.reshape(grid, tf.constant(new long[] {-1, imageVectorLength(data, stem)})));
    }
    Operand<TFloat32> v = regions(tf, params, model, in, data, stem, batchNorm, training);
    Operand<TFloat32> mask = regionMask(tf, data, v);
    if (mask == null) {
      return tf.math.mean(v, tf.constant(1));
    }
    Operand<TFloat32> sum = tf.reduceSum(tf.math.mul(v, tf.expandDims(mask, tf.constant(2))), tf.constant(1));
    Operand<TFloat32> count = tf.math.maximum(tf.reduceSum(mask, tf.constant(1), org.tensorflow.op.core.ReduceSum.keepDims(true)),
        tf.constant(1f));
    return tf.math.div(sum, count);
  }

  /** Returns the length of {@link #imageVector}'s rows. */
  static int imageVectorLength(DataShape data, List<Integer> stem) {
    return data.imageKind() == FeatureKind.PIXELS ? locations(data, stem) * channels(data, stem)
        : channels(data, stem);
  }

  /** Validates the stem against pixel input (other inputs do not use it). */
  static void checkStem(DataShape data, List<Integer> stemChannels) {
    if (data.imageKind() == FeatureKind.PIXELS) {
      ConfigChecks.stem(data, stemChannels);
    }
  }
}
