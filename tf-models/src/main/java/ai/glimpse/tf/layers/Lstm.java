package ai.glimpse.tf.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A single-layer LSTM unrolled over a fixed number of steps that ignores padding: where the mask
 * is 0 the state is carried through unchanged, so the final state is the state after each
 * sequence's last real token. Gates follow the usual order (input, forget, cell, output) in one
 * fused kernel; the forget bias starts at 1.
 */
public final class Lstm {
  /**
   * The final hidden and cell states, each {@code [batch, units]}.
   *
   * @param h the hidden state after the last real token {@code [batch, units]}, the layer's output
   * @param c the cell state after the last real token {@code [batch, units]}
   */
  public record State(Operand<TFloat32> h, Operand<TFloat32> c) {}

  private Lstm() {}

  /**
   * Runs the LSTM over {@code x [batch, steps, in]} with {@code mask [batch, steps]} (1 for a real
   * token, 0 for padding) and returns the final state.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/kernel}, {@code name/recurrent_kernel} and
   *     {@code name/bias}
   * @param name the parameter scope of this layer
   * @param x the inputs {@code [batch, steps, in]}
   * @param mask {@code [batch, steps]}, 1 for a real token and 0 for padding (not null)
   * @param steps the number of unrolled steps, the static size of {@code x}'s second axis
   * @param in the input size, {@code x}'s last axis
   * @param units the size of the hidden state
   * @return the final hidden and cell states, each {@code [batch, units]}; zeros for a sequence
   *     without real tokens
   */
  public static State apply(Ops tf, Params params, String name, Operand<TFloat32> x,
      Operand<TFloat32> mask, int steps, long in, long units) {
    return run(tf, params, name, x, mask, steps, in, units, null);
  }

  /**
   * Runs the LSTM like {@link #apply} and also returns the hidden state of every step as
   * {@code [batch, steps, units]} (at padding steps the carried state), the input of a stacked
   * layer.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/kernel}, {@code name/recurrent_kernel} and
   *     {@code name/bias}
   * @param name the parameter scope of this layer
   * @param x the inputs {@code [batch, steps, in]}
   * @param mask {@code [batch, steps]}, 1 for a real token and 0 for padding (not null)
   * @param steps the number of unrolled steps, the static size of {@code x}'s second axis
   * @param in the input size, {@code x}'s last axis
   * @param units the size of the hidden state
   * @return every step's hidden state and the final states
   */
  public static Sequence applySequence(Ops tf, Params params, String name, Operand<TFloat32> x,
      Operand<TFloat32> mask, int steps, long in, long units) {
    List<Operand<TFloat32>> outputs = new java.util.ArrayList<>();
    State last = run(tf, params, name, x, mask, steps, in, units, outputs);
    return new Sequence(tf.stack(outputs, org.tensorflow.op.core.Stack.axis(1L)), last);
  }

  /**
   * Every step's hidden state {@code [batch, steps, units]} and the final state.
   *
   * @param outputs the hidden state after each step {@code [batch, steps, units]} (at padding steps
   *     the carried state)
   * @param last the final hidden and cell states
   */
  public record Sequence(Operand<TFloat32> outputs, State last) {}

  private static State run(Ops tf, Params params, String name, Operand<TFloat32> x,
      Operand<TFloat32> mask, int steps, long in, long units, List<Operand<TFloat32>> outputs) {
    Operand<TFloat32> kernel = params.get(name + "/kernel", Init.GLOROT, in, 4 * units);
    Operand<TFloat32> recurrent = params.get(name + "/recurrent_kernel", Init.GLOROT, units, 4 * units);
    Operand<TFloat32> bias = params.get(name + "/bias", Init.ZEROS, 4 * units);
    Operand<TFloat32> forgetBias = tf.constant(1f);
    // One matrix product for the inputs of all steps, then per-step slices.
    Operand<TFloat32> xw = Dense.apply3dWith(tf, x, kernel, bias, steps, in, 4 * units);
    List<Operand<TFloat32>> xs = unstack(tf, xw, steps);
    List<Operand<TFloat32>> ms = unstack(tf, tf.expandDims(mask, tf.constant(-1)), steps);
    Operand<TFloat32> h = null;
    Operand<TFloat32> c = null;
    Operand<TFloat32> one = tf.constant(1f);
    for (int t = 0; t < steps; t++) {
      Operand<TFloat32> z = t == 0 ? xs.get(0) : tf.math.add(xs.get(t), tf.linalg.matMul(h, recurrent));
      List<Operand<TFloat32>> gates = split4(tf, z);
      Operand<TFloat32> i = tf.math.sigmoid(gates.get(0));
      Operand<TFloat32> g = tf.math.tanh(gates.get(2));
      Operand<TFloat32> o = tf.math.sigmoid(gates.get(3));
      Operand<TFloat32> cNew;
      if (t == 0) {
        cNew = tf.math.mul(i, g);
      } else {
        Operand<TFloat32> f = tf.math.sigmoid(tf.math.add(gates.get(1), forgetBias));
        cNew = tf.math.add(tf.math.mul(f, c), tf.math.mul(i, g));
      }
      Operand<TFloat32> hNew = tf.math.mul(o, tf.math.tanh(cNew));
      Operand<TFloat32> m = ms.get(t);
      if (t == 0) {
        h = tf.math.mul(m, hNew);
        c = tf.math.mul(m, cNew);
      } else {
        Operand<TFloat32> keep = tf.math.sub(one, m);
        h = tf.math.add(tf.math.mul(m, hNew), tf.math.mul(keep, h));
        c = tf.math.add(tf.math.mul(m, cNew), tf.math.mul(keep, c));
      }
      if (outputs != null) {
        outputs.add(h);
      }
    }
    return new State(h, c);
  }

  private static List<Operand<TFloat32>> unstack(Ops tf, Operand<TFloat32> x, int steps) {
    return new java.util.ArrayList<>(tf.unstack(x, (long) steps, org.tensorflow.op.core.Unstack.axis(1L)).output());
  }

  private static List<Operand<TFloat32>> split4(Ops tf, Operand<TFloat32> z) {
    return new java.util.ArrayList<>(tf.split(tf.constant(1), z, 4L).output());
  }
}
