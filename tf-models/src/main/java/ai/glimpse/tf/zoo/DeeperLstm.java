package ai.glimpse.tf.zoo;

import ai.glimpse.tf.layers.Dense;
import ai.glimpse.tf.layers.Dropout;
import ai.glimpse.tf.layers.L2Norm;
import ai.glimpse.tf.layers.Lstm;
import ai.glimpse.tf.layers.Params;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Deeper LSTM Q + norm I (Antol et al. 2015), the VQA paper's baseline: tanh word embeddings into
 * stacked LSTMs whose final cell and hidden states, concatenated, are projected (tanh) to a
 * common size; the image vector (here the stem's whole grid, flattened, where the paper takes
 * VGG's fc7) is L2-normalized and projected (tanh) to the same size; the element-wise product
 * goes through a tanh hidden layer to the answer softmax. It has no attention.
 */
public final class DeeperLstm implements VqaModel {
  private final DeeperLstmConfig config;

  /**
   * Creates the model for {@code config}. No graph is built until {@link #build}.
   *
   * @param config the validated hyperparameters, kept by reference; must not be null (it is not
   *     checked here)
   */
  public DeeperLstm(DeeperLstmConfig config) {
    this.config = config;
  }

  @Override
  public DeeperLstmConfig config() {
    return config;
  }

  @Override
  public ModelOutputs build(Ops tf, Params params, ModelInputs in, boolean training) {
    DataShape d = config.data();
    long seed = config.seed();
    long units = config.lstmUnits();
    int steps = d.maxQuestionLength();
    Ops q = tf.withSubScope("question");
    Operand<TInt64> tokens = in.questionTokens();
    Operand<TFloat32> mask = ModelParts.mask(q, tokens);
    Operand<TFloat32> x = q.math.tanh(ModelParts.words(q, params, "deeper_lstm", tokens, config));
    long in0 = config.embeddingDim();
    List<Operand<TFloat32>> states = new ArrayList<>();
    for (int layer = 0; layer < config.lstmLayers(); layer++) {
      Lstm.Sequence seq = Lstm.applySequence(q, params, "deeper_lstm/lstm" + layer, x, mask, steps,
          layer == 0 ? in0 : units, units);
      states.add(seq.last().c());
      states.add(seq.last().h());
      x = Dropout.apply(q, seq.outputs(), config.dropout(), training, seed + 20 + layer);
    }
    long questionLength = 2L * units * config.lstmLayers();
    Operand<TFloat32> question = q.concat(states, q.constant(1));
    question = Dropout.apply(q, question, config.dropout(), training, seed + 1);
    question = q.math.tanh(Dense.apply(q, params, "deeper_lstm/question", question, questionLength,
        config.commonDim()));

    Ops im = tf.withSubScope("image");
    long imageLength = config.imageVectorLength();
    Operand<TFloat32> image = ModelParts.imageVector(im, params, "deeper_lstm", in, d,
        config.stemChannels(), config.batchNorm(), training);
    image = L2Norm.apply(im, image, 1);
    image = Dropout.apply(im, image, config.dropout(), training, seed + 2);
    image = im.math.tanh(Dense.apply(im, params, "deeper_lstm/image", image, imageLength,
        config.commonDim()));

    Ops cl = tf.withSubScope("classifier");
    Operand<TFloat32> h = cl.math.mul(question, image);
    h = Dropout.apply(cl, h, config.dropout(), training, seed + 3);
    h = cl.math.tanh(Dense.apply(cl, params, "deeper_lstm/hidden", h, config.commonDim(),
        config.hiddenUnits()));
    h = Dropout.apply(cl, h, config.dropout(), training, seed + 4);
    Operand<TFloat32> logits = Dense.apply(cl, params, "deeper_lstm/output", h, config.hiddenUnits(),
        d.answerCount());
    return ModelOutputs.withoutAttention(logits);
  }
}
