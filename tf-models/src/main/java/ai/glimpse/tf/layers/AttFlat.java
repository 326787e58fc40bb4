package ai.glimpse.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MCAN's attentional reduction ({@code AttFlat}) of a sequence {@code x [batch, n, dim]} to one
 * vector: an MLP ({@code name/hidden}: {@code dim → dim}, ReLU, dropout; {@code name/logits}:
 * {@code dim → glimpses}) scores every position, a softmax over the real positions (masked ones
 * get no weight) gives {@code glimpses} attention maps, the weighted sums of {@code x} are
 * concatenated ({@code [batch, glimpses·dim]}) and projected by {@code name/output} to
 * {@code [batch, outSize]}.
 */
public final class AttFlat {
  /**
   * The reduced vector and the attention that made it.
   *
   * @param output {@code [batch, outSize]}
   * @param weights the softmax weights {@code [batch, glimpses, n]}, each glimpse summing to 1
   */
  public record Result(Operand<TFloat32> output, Operand<TFloat32> weights) {}

  private AttFlat() {}

  /**
   * Reduces {@code x [batch, n, dim]} with {@code mask [batch, n]} (1 for a real position, 0 for
   * padding; null when all are real) to {@code [batch, outSize]}; {@code seed} makes the dropout
   * masks repeatable.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/hidden}, {@code name/logits} and
   *     {@code name/output}
   * @param name the parameter scope of this layer
   * @param x the sequence {@code [batch, n, dim]}
   * @param mask {@code [batch, n]}, 1 for a real position and 0 for padding, or null when every
   *     position is real
   * @param n the sequence length, the static size of {@code x}'s second axis
   * @param dim the feature size, {@code x}'s last axis and the hidden size of the scoring MLP
   * @param glimpses the number of attention maps, at least 1
   * @param outSize the size of the output vector, at least 1
   * @param dropout the dropout rate in {@code [0, 1)} after the hidden layer; 0 for none
   * @param training true to apply dropout, false for the inference graph (no random ops)
   * @param seed the seed of the dropout masks
   * @return the output {@code [batch, outSize]} and the attention weights
   *     {@code [batch, glimpses, n]}
   * @throws IllegalArgumentException if {@code glimpses} or {@code outSize} is below 1, or
   *     {@code dropout} is 1 or more while {@code training}
   */
  public static Result apply(Ops tf, Params params, String name, Operand<TFloat32> x,
      Operand<TFloat32> mask, long n, long dim, int glimpses, long outSize, double dropout,
      boolean training, long seed) {
    if (glimpses < 1 || outSize < 1) {
      throw new IllegalArgumentException(name + ": glimpses and outSize must be >= 1, got "
          + glimpses + " and " + outSize);
    }
    Operand<TFloat32> hidden = tf.nn.relu(Dense.apply3d(tf, params, name + "/hidden", x, n, dim, dim));
    hidden = Dropout.apply(tf, hidden, dropout, training, seed);
    Operand<TFloat32> logits = tf.linalg.transpose(
        Dense.apply3d(tf, params, name + "/logits", hidden, n, dim, glimpses),
        tf.constant(new int[] {0, 2, 1}));
    Operand<TFloat32> weights = MaskedSoftmax.apply(tf, logits,
        mask == null ? null : tf.expandDims(mask, tf.constant(1)));
    Operand<TFloat32> attended = tf.reshape(tf.train.batchMatMul(weights, x, TFloat32.class),
        tf.constant(new long[] {-1, glimpses * dim}));
    Operand<TFloat32> out = Dense.apply(tf, params, name + "/output", attended, glimpses * dim, outSize);
    return new Result(out, weights);
  }
}
