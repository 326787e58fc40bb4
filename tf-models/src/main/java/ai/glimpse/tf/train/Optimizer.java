package ai.glimpse.tf.train;

import ai.glimpse.tf.layers.Init;
import ai.glimpse.tf.layers.Params;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adds one optimizer step to a graph: gradients of the loss for every trainable parameter,
 * optional clipping by global norm, and the update through TensorFlow's fused training ops. The
 * optimizer's state (moments, step counter) lives in the same {@link Params} store, so
 * checkpoints hold it too.
 */
public final class Optimizer {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;
  private static final float MOMENTUM = 0.9f;

  private Optimizer() {}

  /**
   * Returns the op that applies one update of {@code loss} with learning rate {@code lr}; also
   * returns the global gradient norm through {@code normOut[0]}.
   *
   * @param tf the ops of the graph holding {@code loss}; the optimizer's ops go in its
   *     {@code optimizer} sub-scope
   * @param params the parameter store: every trainable parameter is updated, and the optimizer's
   *     state ({@code optimizer/...}) is created in it
   * @param loss the scalar loss to minimize
   * @param lr the learning rate, a float32 scalar (typically a placeholder fed every step)
   * @param kind the update rule
   * @param clipNorm the largest global gradient norm: larger gradients are scaled down to it;
   *     0 or less turns clipping off
   * @param normOut a list the global gradient norm (a scalar, before clipping) is appended to;
   *     pass an empty list to find it at index 0
   * @return the op that runs the updates of all parameters and the ops of
   *     {@link Params#updates()}, then increments the step counter {@code optimizer/step}
   */
  public static Op minimize(Ops tf, Params params, Operand<TFloat32> loss, Operand<TFloat32> lr,
      OptimizerKind kind, double clipNorm, List<Operand<TFloat32>> normOut) {
    Ops o = tf.withSubScope("optimizer");
    List<String> names = params.trainableNames();
    Output<?>[] vars = new Output<?>[names.size()];
    for (int i = 0; i < vars.length; i++) {
      vars[i] = params.variable(names.get(i)).asOutput();
    }
    Output<?>[] raw = ((org.tensorflow.Graph) tf.scope().env()).addGradients(loss.asOutput(), vars);
    List<Operand<TFloat32>> grads = new ArrayList<>();
    Operand<TFloat32> sumSq = o.constant(0f);
    for (Output<?> g : raw) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> gf = (Operand<TFloat32>) g;
      grads.add(gf);
      sumSq = o.math.add(sumSq, o.reduceSum(o.math.mul(gf, gf), allAxes(o, gf)));
    }
    Operand<TFloat32> norm = o.math.sqrt(sumSq);
    normOut.add(norm);
    if (clipNorm > 0) {
      Operand<TFloat32> clip = o.constant((float) clipNorm);
      Operand<TFloat32> scale = o.math.div(clip, o.math.maximum(norm, clip));
      grads.replaceAll(g -> o.math.mul(g, scale));
    }
    Variable<TFloat32> step = params.state("optimizer/step", Init.ZEROS);
    Operand<TFloat32> t = o.math.add(o.identity(step), o.constant(1f));
    Operand<TFloat32> beta1Power = o.math.pow(o.constant(BETA1), t);
    Operand<TFloat32> beta2Power = o.math.pow(o.constant(BETA2), t);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Variable<TFloat32> var = params.variable(name);
      long[] shape = shapeOf(params, name);
      Operand<TFloat32> g = grads.get(i);
      switch (kind) {
        case ADAMAX -> updates.add(o.train.applyAdaMax(var,
            params.state("optimizer/adamax_m/" + name, Init.ZEROS, shape),
            params.state("optimizer/adamax_u/" + name, Init.ZEROS, shape),
            beta1Power, lr, o.constant(BETA1), o.constant(BETA2), o.constant(EPSILON), g));
        case ADAM -> updates.add(o.train.applyAdam(var,
            params.state("optimizer/adam_m/" + name, Init.ZEROS, shape),
            params.state("optimizer/adam_v/" + name, Init.ZEROS, shape),
            beta1Power, beta2Power, lr, o.constant(BETA1), o.constant(BETA2), o.constant(EPSILON), g));
        case SGD_MOMENTUM -> updates.add(o.train.applyMomentum(var,
            params.state("optimizer/momentum/" + name, Init.ZEROS, shape), lr, g, o.constant(MOMENTUM)));
      }
    }
    updates.addAll(params.updates());
    return o.withControlDependencies(updates).assignAdd(step, o.constant(1f));
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> x) {
    return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
  }

  private static long[] shapeOf(Params params, String name) {
    for (Params.Spec s : params.specs()) {
      if (s.name().equals(name)) {
        return s.shape();
      }
    }
    throw new IllegalArgumentException("unknown parameter '" + name + "'");
  }
}
