package ai.glimpse.tf.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/**
 * A single-layer GRU (Cho et al. 2014) unrolled over a fixed number of steps that ignores padding
 * like {@link Lstm}: where the mask is 0 the state is carried through unchanged, so the final
 * state is the state after each sequence's last real token. The state starts at zero.
 *
 * <p>The gates follow the original form that PyTorch's {@code nn.GRU} also uses, with the reset
 * gate applied to the recurrent projection of {@code h} (not to {@code h} itself as in the Keras
 * default), and with the gates fused in the order (reset, update, new):
 *
 * <pre>
 * r  = sigmoid(x W_r + b_r + h U_r + c_r)
 * z  = sigmoid(x W_z + b_z + h U_z + c_z)
 * n  = tanh(x W_n + b_n + r ⊙ (h U_n + c_n))
 * h' = (1 - z) ⊙ n + z ⊙ h
 * </pre>
 *
 * <p>Parameters: {@code name/kernel [in, 3·units]} (W, Glorot), {@code name/recurrent_kernel
 * [units, 3·units]} (U, Glorot), {@code name/bias [3·units]} (b, zeros) and
 * {@code name/recurrent_bias [3·units]} (c, zeros). The separate recurrent bias is needed because
 * {@code c_n} sits inside the reset gate; for the reset and update gates it only adds to {@code b}.
 * The layout matches PyTorch's {@code weight_ih_l0}, {@code weight_hh_l0}, {@code bias_ih_l0},
 * {@code bias_hh_l0} transposed.
 */
public final class Gru {
  /**
   * Every step's hidden state {@code [batch, steps, units]} and the final state {@code [batch, units]}.
   *
   * @param outputs the hidden state after each step {@code [batch, steps, units]} (at padding steps
   *     the carried state)
   * @param last the final hidden state {@code [batch, units]}, the state after the last real token
   */
  public record Sequence(Operand<TFloat32> outputs, Operand<TFloat32> last) {}

  private Gru() {}

  /**
   * Runs the GRU over {@code x [batch, steps, in]} with {@code mask [batch, steps]} (1 for a real
   * token, 0 for padding) and returns the final hidden state {@code [batch, units]}.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/kernel}, {@code name/recurrent_kernel} and
   *     the two biases
   * @param name the parameter scope of this layer
   * @param x the inputs {@code [batch, steps, in]}
   * @param mask {@code [batch, steps]}, 1 for a real token and 0 for padding (not null)
   * @param steps the number of unrolled steps, the static size of {@code x}'s second axis
   * @param in the input size, {@code x}'s last axis
   * @param units the size of the hidden state
   * @return the final hidden state {@code [batch, units]}; zeros for a sequence without real tokens
   * @throws IllegalArgumentException if {@code steps}, {@code in} or {@code units} is below 1
   */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TFloat32> x,
      Operand<TFloat32> mask, int steps, long in, long units) {
    return run(tf, params, name, x, mask, steps, in, units, null);
  }

  /**
   * Runs the GRU like {@link #apply} and also returns the hidden state of every step as
   * {@code [batch, steps, units]} (at padding steps the carried state), the input of a stacked
   * layer.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/kernel}, {@code name/recurrent_kernel} and
   *     the two biases
   * @param name the parameter scope of this layer
   * @param x the inputs {@code [batch, steps, in]}
   * @param mask {@code [batch, steps]}, 1 for a real token and 0 for padding (not null)
   * @param steps the number of unrolled steps, the static size of {@code x}'s second axis
   * @param in the input size, {@code x}'s last axis
   * @param units the size of the hidden state
   * @return every step's hidden state and the final hidden state
   * @throws IllegalArgumentException if {@code steps}, {@code in} or {@code units} is below 1
   */
  public static Sequence applySequence(Ops tf, Params params, String name, Operand<TFloat32> x,
      Operand<TFloat32> mask, int steps, long in, long units) {
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    Operand<TFloat32> last = run(tf, params, name, x, mask, steps, in, units, outputs);
    return new Sequence(tf.stack(outputs, Stack.axis(1L)), last);
  }

  private static Operand<TFloat32> run(Ops tf, Params params, String name, Operand<TFloat32> x,
      Operand<TFloat32> mask, int steps, long in, long units, List<Operand<TFloat32>> outputs) {
    checkSizes(name, steps, in, units);
    Operand<TFloat32> kernel = params.get(name + "/kernel", Init.GLOROT, in, 3 * units);
    Operand<TFloat32> recurrent = params.get(name + "/recurrent_kernel", Init.GLOROT, units, 3 * units);
    Operand<TFloat32> bias = params.get(name + "/bias", Init.ZEROS, 3 * units);
    Operand<TFloat32> recurrentBias = params.get(name + "/recurrent_bias", Init.ZEROS, 3 * units);
    // One matrix product for the inputs of all steps, then per-step slices.
    Operand<TFloat32> xw = Dense.apply3dWith(tf, x, kernel, bias, steps, in, 3 * units);
    List<Operand<TFloat32>> xs = unstack(tf, xw, steps);
    List<Operand<TFloat32>> ms = unstack(tf, tf.expandDims(mask, tf.constant(-1)), steps);
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> h = null;
    for (int t = 0; t < steps; t++) {
      List<Operand<TFloat32>> xg = split3(tf, xs.get(t));
      // The state starts at zero, so the first step's recurrent projection is the bias alone.
      Operand<TFloat32> hu = t == 0 ? recurrentBias
          : tf.math.add(tf.linalg.matMul(h, recurrent), recurrentBias);
      List<Operand<TFloat32>> hg = split3(tf, hu);
      Operand<TFloat32> r = tf.math.sigmoid(tf.math.add(xg.get(0), hg.get(0)));
      Operand<TFloat32> z = tf.math.sigmoid(tf.math.add(xg.get(1), hg.get(1)));
      Operand<TFloat32> n = tf.math.tanh(tf.math.add(xg.get(2), tf.math.mul(r, hg.get(2))));
      Operand<TFloat32> m = ms.get(t);
      if (t == 0) {
        // h' = (1 - z) n when h = 0; padding keeps the zero state.
        h = tf.math.mul(m, tf.math.mul(tf.math.sub(one, z), n));
      } else {
        Operand<TFloat32> hNew = tf.math.add(tf.math.mul(tf.math.sub(one, z), n), tf.math.mul(z, h));
        h = tf.math.add(tf.math.mul(m, hNew), tf.math.mul(tf.math.sub(one, m), h));
      }
      if (outputs != null) {
        outputs.add(h);
      }
    }
    return h;
  }

  static void checkSizes(String name, int steps, long in, long units) {
    if (steps < 1) {
      throw new IllegalArgumentException(name + ": steps must be >= 1, got " + steps);
    }
    if (in < 1) {
      throw new IllegalArgumentException(name + ": input size must be >= 1, got " + in);
    }
    if (units < 1) {
      throw new IllegalArgumentException(name + ": units must be >= 1, got " + units);
    }
  }

  private static List<Operand<TFloat32>> unstack(Ops tf, Operand<TFloat32> x, int steps) {
    return new ArrayList<>(tf.unstack(x, (long) steps, Unstack.axis(1L)).output());
  }

  private static List<Operand<TFloat32>> split3(Ops tf, Operand<TFloat32> z) {
    return new ArrayList<>(tf.split(tf.constant(-1), z, 3L).output());
  }
}
