package ai.glimpse.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** A trainable word embedding: token ids {@code [batch, length]} to vectors {@code [batch, length, dim]}. */
public final class Embedding {
  private Embedding() {}

  /** Looks up {@code tokens} in the matrix {@code name/weights [vocab, dim]}. */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TInt64> tokens,
      long vocab, long dim) {
    Operand<TFloat32> e = params.get(name + "/weights", Init.uniform(0.1), vocab, dim);
    return tf.gather(e, tokens, tf.constant(0));
  }
}
