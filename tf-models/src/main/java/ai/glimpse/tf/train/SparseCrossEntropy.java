package ai.glimpse.tf.train;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * Softmax cross-entropy on integer labels, {@code -log softmax(z)_label}, through TensorFlow's
 * fused {@code SparseSoftmaxCrossEntropyWithLogits} op.
 *
 * <p>TensorFlow's C++ gradient registry has no gradient for that op, so building the loss
 * registers a Java one with {@link TensorFlow#registerCustomGradient} (once per JVM; the registry
 * is global and cannot be undone). The gradient with respect to the logits is
 * {@code upstream[b] · (softmax(z) - onehot(label))[b]}, where the second factor is the op's own
 * {@code backprop} output; the labels get a zero gradient, and a gradient flowing into the
 * {@code backprop} output (a second derivative) is ignored. Custom gradients are not supported on
 * Windows, where building the loss throws {@link UnsupportedOperationException}.
 */
public final class SparseCrossEntropy {
  private static boolean registered;

  private SparseCrossEntropy() {}

  /**
   * Returns the loss of each example, {@code [batch]}, for logits {@code [batch, classes]} and
   * labels {@code [batch]} (int32 or int64, each in {@code [0, classes)}; TensorFlow rejects other
   * values when the graph runs).
   *
   * @param tf the ops of the graph (and name scope) to build in
   * @param logits the logits {@code [batch, classes]}, before the softmax
   * @param labels the class of each example {@code [batch]}, int32 or int64
   * @return the per-example loss {@code [batch]}, each {@code >= 0}
   * @throws IllegalArgumentException if {@code labels} is neither int32 nor int64
   * @throws UnsupportedOperationException on Windows, where the gradient cannot be registered
   */
  public static Operand<TFloat32> perExample(Ops tf, Operand<TFloat32> logits,
      Operand<? extends TNumber> labels) {
    Class<?> type = labels.type();
    if (type != TInt32.class && type != TInt64.class) {
      throw new IllegalArgumentException("labels must be int32 or int64, got "
          + type.getSimpleName() + " (" + labels.asOutput().op().name() + ")");
    }
    registerGradient();
    return tf.nn.sparseSoftmaxCrossEntropyWithLogits(logits, labels).loss();
  }

  /**
   * Returns the scalar training loss: the per-example loss averaged over the batch.
   *
   * @param tf the ops of the graph (and name scope) to build in
   * @param logits the logits {@code [batch, classes]}, before the softmax
   * @param labels the class of each example {@code [batch]}, int32 or int64, in {@code [0, classes)}
   * @return the scalar loss, the mean of {@link #perExample} over the batch
   * @throws IllegalArgumentException if {@code labels} is neither int32 nor int64
   * @throws UnsupportedOperationException on Windows, where the gradient cannot be registered
   */
  public static Operand<TFloat32> loss(Ops tf, Operand<TFloat32> logits,
      Operand<? extends TNumber> labels) {
    return tf.math.mean(perExample(tf, logits, labels), tf.constant(0));
  }

  /**
   * Registers the Java gradient of {@code SparseSoftmaxCrossEntropyWithLogits} unless this class
   * already did; {@link #perExample} calls it, so callers need it only to differentiate ops they
   * created themselves. If another gradient was registered first, that one stays.
   */
  public static synchronized void registerGradient() {
    if (!registered) {
      // Returns false when a gradient exists already (registered elsewhere); it stays in use.
      TensorFlow.registerCustomGradient(SparseSoftmaxCrossEntropyWithLogits.Inputs.class,
          SparseCrossEntropy::gradient);
      registered = true;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> gradient(Ops tf, SparseSoftmaxCrossEntropyWithLogits.Inputs op,
      List<Output<?>> upstream) {
    Operand<TNumber> lossGrad = (Operand<TNumber>) upstream.get(0);
    Operand<TNumber> backprop = ((SparseSoftmaxCrossEntropyWithLogits<TNumber>) op.getOutputs()).backprop();
    Operand<TNumber> logitsGrad = tf.math.mul(tf.expandDims(lossGrad, tf.constant(1)), backprop);
    // Integer labels are not differentiable; a zero gradient stands for "none", because this
    // TensorFlow Java version cannot pass a missing gradient back.
    Operand<?> labelsGrad = tf.zerosLike((Operand) op.labels);
    return List.of(logitsGrad, labelsGrad);
  }
}
