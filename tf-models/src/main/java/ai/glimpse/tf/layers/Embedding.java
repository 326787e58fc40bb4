package ai.glimpse.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** A trainable word embedding: token ids {@code [batch, length]} to vectors {@code [batch, length, dim]}. */
public final class Embedding {
  private Embedding() {}

  /**
   * Looks up {@code tokens} in the trainable matrix {@code name/weights [vocab, dim]}.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/weights}, initialized uniform in
   *     {@code [-0.1, 0.1]}
   * @param name the parameter scope of this layer
   * @param tokens the token ids {@code [batch, length]}, each in {@code [0, vocab)}
   * @param vocab the number of rows, the vocabulary size
   * @param dim the vector size
   * @return the vectors {@code [batch, length, dim]}
   */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TInt64> tokens,
      long vocab, long dim) {
    return apply(tf, params, name, tokens, vocab, dim, true);
  }

  /**
   * As {@link #apply(Ops, Params, String, Operand, long, long)}; a frozen ({@code trainable}
   * false) table is a non-trainable variable that the optimizer leaves alone, for pretrained
   * vectors.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/weights}, initialized uniform in
   *     {@code [-0.1, 0.1]} (to be overwritten with pretrained vectors through
   *     {@link Params#assign})
   * @param name the parameter scope of this layer
   * @param tokens the token ids {@code [batch, length]}, each in {@code [0, vocab)}
   * @param vocab the number of rows, the vocabulary size
   * @param dim the vector size
   * @param trainable true for a parameter the optimizer updates, false for a frozen table
   * @return the vectors {@code [batch, length, dim]}
   */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TInt64> tokens,
      long vocab, long dim, boolean trainable) {
    Operand<TFloat32> e = trainable
        ? params.get(name + "/weights", Init.uniform(0.1), vocab, dim)
        : params.readState(name + "/weights", Init.uniform(0.1), vocab, dim);
    return tf.gather(e, tokens, tf.constant(0));
  }
}
