package ai.glimpse.tf.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReverseSequence;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Stacked and bidirectional recurrent encoders over padded sequences, for either cell
 * ({@link Lstm} or {@link Gru}).
 *
 * <p>The mask {@code [batch, steps]} must be right-padded: each row is ones (real tokens) followed
 * by zeros (padding), so its sum is the sequence's length. The backward direction reverses each
 * sequence within its own length ({@code ReverseSequence}, whose gradient TensorFlow provides),
 * runs the cell forward over the reversed tokens and reverses the outputs back; padding therefore
 * never reaches the state of either direction.
 *
 * <p>Parameters of layer {@code l} (from 0) live under {@code name/layer<l>/forward} and, when
 * bidirectional, {@code name/layer<l>/backward}, each named as by {@link Lstm} or {@link Gru}.
 * Layer {@code l > 0} reads the per-step outputs of layer {@code l - 1} (both directions
 * concatenated).
 *
 * <p>Export note: the ONNX exporter must map {@code ReverseSequence} (ONNX has the same op, with
 * {@code batch_axis = 0}, {@code time_axis = 1} and int64 lengths) to export a bidirectional
 * encoder.
 */
public final class Recurrent {
  /** The recurrent cell of every layer and direction. */
  public enum Cell {
    /** {@link Lstm}: the hidden state {@code h} is the output, the cell state stays inside. */
    LSTM,
    /** {@link Gru}. */
    GRU
  }

  /**
   * What an encoder (or one direction of one layer) produces.
   *
   * @param last the final hidden state {@code [batch, units · directions]}: for the forward
   *     direction the state after the last real token, for the backward direction the state after
   *     reading the first real token; forward first when both are concatenated
   * @param outputs every step's hidden state {@code [batch, steps, units · directions]}, aligned
   *     with the input positions (values at padding positions are carried states, not meaningful)
   */
  public record Encoding(Operand<TFloat32> last, Operand<TFloat32> outputs) {}

  private Recurrent() {}

  /**
   * Encodes {@code x [batch, steps, in]} with {@code mask [batch, steps]} through {@code layers}
   * stacked recurrent layers of {@code units} units each, in one or both directions; returns the
   * top layer's final state {@code [batch, units · (bidirectional ? 2 : 1)]} (the question vector)
   * and its per-step outputs {@code [batch, steps, units · (bidirectional ? 2 : 1)]}.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) the cells' parameters
   * @param name the parameter scope of the encoder; layer {@code l} uses {@code name/layer<l>/forward} and
   *     {@code name/layer<l>/backward}
   * @param cell the recurrent cell, {@link Cell#LSTM} or {@link Cell#GRU}
   * @param x the inputs {@code [batch, steps, in]}
   * @param mask {@code [batch, steps]}, right-padded: 1 for a real token, then 0 for padding
   * @param steps the number of unrolled steps, the static size of {@code x}'s second axis
   * @param in the input size of the first layer, {@code x}'s last axis
   * @param units the hidden size of each direction of each layer
   * @param layers the number of stacked layers, at least 1
   * @param bidirectional true to run every layer in both directions and concatenate them
   * @return the top layer's final state and per-step outputs
   * @throws IllegalArgumentException if {@code cell} is null, or {@code layers}, {@code steps},
   *     {@code in} or {@code units} is below 1
   */
  public static Encoding encode(Ops tf, Params params, String name, Cell cell, Operand<TFloat32> x,
      Operand<TFloat32> mask, int steps, long in, long units, int layers, boolean bidirectional) {
    if (cell == null) {
      throw new IllegalArgumentException(name + ": cell must be LSTM or GRU, got null");
    }
    if (layers < 1) {
      throw new IllegalArgumentException(name + ": layers must be >= 1, got " + layers);
    }
    Gru.checkSizes(name, steps, in, units);
    Operand<TInt64> lengths = bidirectional ? lengths(tf, mask) : null;
    Operand<TFloat32> input = x;
    long inputSize = in;
    Encoding top = null;
    for (int l = 0; l < layers; l++) {
      String layer = name + "/layer" + l;
      Encoding fw = forward(tf, params, layer + "/forward", cell, input, mask, steps, inputSize, units);
      if (bidirectional) {
        Encoding bw = backward(tf, params, layer + "/backward", cell, input, mask, lengths, steps,
            inputSize, units);
        top = new Encoding(
            tf.concat(List.of(fw.last(), bw.last()), tf.constant(1)),
            tf.concat(List.of(fw.outputs(), bw.outputs()), tf.constant(2)));
        inputSize = 2 * units;
      } else {
        top = fw;
        inputSize = units;
      }
      input = top.outputs();
    }
    return top;
  }

  /**
   * Runs one layer of {@code cell} (parameters under {@code name}) forward over
   * {@code x [batch, steps, in]}; returns the final state {@code [batch, units]} and every step's
   * state {@code [batch, steps, units]}.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) the cells' parameters
   * @param name the parameter scope of this layer and direction
   * @param cell {@link Cell#LSTM} for an LSTM; any other value, null included, runs a GRU
   * @param x the inputs {@code [batch, steps, in]}
   * @param mask {@code [batch, steps]}, 1 for a real token and 0 for padding
   * @param steps the number of unrolled steps, the static size of {@code x}'s second axis
   * @param in the input size, {@code x}'s last axis
   * @param units the hidden size
   * @return the final state {@code [batch, units]} and every step's state
   *     {@code [batch, steps, units]}
   * @throws IllegalArgumentException if a GRU is asked with {@code steps}, {@code in} or
   *     {@code units} below 1
   */
  public static Encoding forward(Ops tf, Params params, String name, Cell cell, Operand<TFloat32> x,
      Operand<TFloat32> mask, int steps, long in, long units) {
    if (cell == Cell.LSTM) {
      Lstm.Sequence s = Lstm.applySequence(tf, params, name, x, mask, steps, in, units);
      return new Encoding(s.last().h(), s.outputs());
    }
    Gru.Sequence s = Gru.applySequence(tf, params, name, x, mask, steps, in, units);
    return new Encoding(s.last(), s.outputs());
  }

  /**
   * Runs one layer of {@code cell} (parameters under {@code name}) backward over each sequence of
   * {@code x [batch, steps, in]}, from its last real token to its first; {@code lengths [batch]}
   * are the sequence lengths, {@link #lengths(Ops, Operand)} of the mask. Returns the state after
   * reading the first real token {@code [batch, units]} and, at each real position {@code t}, the
   * state after reading tokens {@code length-1 … t} ({@code [batch, steps, units]}).
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) the cells' parameters
   * @param name the parameter scope of this layer and direction
   * @param cell {@link Cell#LSTM} for an LSTM; any other value, null included, runs a GRU
   * @param x the inputs {@code [batch, steps, in]}
   * @param mask {@code [batch, steps]}, right-padded: 1 for a real token, then 0 for padding
   * @param lengths the sequence lengths {@code [batch]} int64, {@link #lengths(Ops, Operand)} of
   *     {@code mask}
   * @param steps the number of unrolled steps, the static size of {@code x}'s second axis
   * @param in the input size, {@code x}'s last axis
   * @param units the hidden size
   * @return the final state {@code [batch, units]} and the per-step states
   *     {@code [batch, steps, units]}, aligned with the input positions
   * @throws IllegalArgumentException if a GRU is asked with {@code steps}, {@code in} or
   *     {@code units} below 1
   */
  public static Encoding backward(Ops tf, Params params, String name, Cell cell,
      Operand<TFloat32> x, Operand<TFloat32> mask, Operand<TInt64> lengths, int steps, long in,
      long units) {
    Encoding reversed = forward(tf, params, name, cell, reverse(tf, x, lengths),
        reverse(tf, mask, lengths), steps, in, units);
    return new Encoding(reversed.last(), reverse(tf, reversed.outputs(), lengths));
  }

  /**
   * Returns the length of each right-padded sequence, the row sums of {@code mask [batch, steps]},
   * as {@code [batch]} int64.
   *
   * @param tf the ops of the graph to build in
   * @param mask {@code [batch, steps]}, 1 for a real token and 0 for padding
   * @return the number of real tokens of each row {@code [batch]}, int64
   */
  public static Operand<TInt64> lengths(Ops tf, Operand<TFloat32> mask) {
    return tf.dtypes.cast(tf.reduceSum(mask, tf.constant(1)), TInt64.class);
  }

  /**
   * Reverses the first {@code lengths[b]} steps of each row {@code b} of {@code x [batch, steps,
   * ...]} and leaves the padding after them in place; applying it twice gives {@code x} back.
   *
   * @param <T> the element type of {@code x}
   * @param tf the ops of the graph to build in
   * @param x the sequences {@code [batch, steps, ...]}, time on axis 1
   * @param lengths the number of steps to reverse in each row {@code [batch]}, each at most
   *     {@code steps}
   * @return {@code x} with each row's first {@code lengths[b]} steps reversed, shaped like {@code x}
   */
  public static <T extends TType> Operand<T> reverse(Ops tf, Operand<T> x, Operand<TInt64> lengths) {
    return tf.reverseSequence(x, lengths, 1L, ReverseSequence.batchDim(0L));
  }
}
