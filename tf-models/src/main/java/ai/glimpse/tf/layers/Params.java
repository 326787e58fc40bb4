package ai.glimpse.tf.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The float32 variables of one graph, by name. A model asks for a parameter with
 * {@link #get(String, Init, long...)}: the first call creates the variable, later calls (for
 * example the inference copy of a training graph) reuse it. Initial values are drawn in Java from
 * a seed mixed with the parameter's name, so they do not depend on creation order, and are fed
 * through one assign op per variable, which also restores checkpoints.
 */
public final class Params {
  /**
   * One variable: its name, shape, initializer, and whether the optimizer updates it.
   *
   * @param name the full variable name, {@code /}-separated scopes included (for example
   *     {@code "att/hidden/kernel"}); the key of checkpoints, {@link Params#assign} and
   *     {@link Params#fetch}
   * @param shape the variable's dimensions, all known; empty for a scalar. The array is not copied
   *     on access, so callers must not modify it
   * @param init how {@link Params#draw(Spec)} draws the initial values
   * @param trainable true for a parameter from {@link Params#get}, false for state from
   *     {@link Params#state} or {@link Params#readState}
   */
  public record Spec(String name, long[] shape, Init init, boolean trainable) {
    /**
     * Returns the number of values, the product of the dimensions.
     *
     * @return the element count; 1 for a scalar
     */
    public long size() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }
  }

  private record Entry(Spec spec, Variable<TFloat32> variable, Operand<TFloat32> read,
      Placeholder<TFloat32> value, Op assign) {}

  private final Ops root;
  private final long seed;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final List<Op> updates = new ArrayList<>();

  /**
   * Creates an empty store whose variables live in {@code tf}'s graph.
   *
   * @param tf the ops of the graph (and root scope) that holds the variables; a parameter
   *     {@code "a/b/c"} is created in sub-scope {@code a/b} of it with the op name {@code c}
   * @param seed the seed of every initial value; the same seed and parameter name always give the
   *     same values
   */
  public Params(Ops tf, long seed) {
    this.root = tf;
    this.seed = seed;
  }

  /**
   * Returns the trainable parameter {@code name}, creating it with {@code init} on first use.
   *
   * @param name the variable name, {@code /} separating scopes; unique within this store
   * @param init the initializer, used only when the variable is created (ignored on later calls)
   * @param shape the variable's dimensions (none for a scalar); later calls must pass the same
   *     shape
   * @return the variable's value, read through an identity op (usable in gradients)
   * @throws IllegalArgumentException if {@code name} already exists with a different shape
   */
  public Operand<TFloat32> get(String name, Init init, long... shape) {
    return getOrCreate(name, init, true, shape).read();
  }

  /**
   * Returns the non-trainable variable {@code name} (optimizer state, counters), creating it with
   * {@code init} on first use.
   *
   * @param name the variable name, {@code /} separating scopes; unique within this store
   * @param init the initializer, used only when the variable is created (ignored on later calls)
   * @param shape the variable's dimensions (none for a scalar); later calls must pass the same
   *     shape
   * @return the variable itself, for assign ops such as {@code assignSub}
   * @throws IllegalArgumentException if {@code name} already exists with a different shape
   */
  public Variable<TFloat32> state(String name, Init init, long... shape) {
    return getOrCreate(name, init, false, shape).variable();
  }

  /**
   * Returns the value of the non-trainable variable {@code name} (for example a moving average),
   * read through an identity op, creating the variable with {@code init} on first use.
   *
   * @param name the variable name, {@code /} separating scopes; unique within this store
   * @param init the initializer, used only when the variable is created (ignored on later calls)
   * @param shape the variable's dimensions (none for a scalar); later calls must pass the same
   *     shape
   * @return the variable's current value; the optimizer does not update it
   * @throws IllegalArgumentException if {@code name} already exists with a different shape
   */
  public Operand<TFloat32> readState(String name, Init init, long... shape) {
    return getOrCreate(name, init, false, shape).read();
  }

  /**
   * Registers an op that a training step must run besides the gradient update (for example the
   * moving averages of batch normalization).
   *
   * @param update an op of this store's graph, typically an assign to a {@link #state} variable
   */
  public void addUpdate(Op update) {
    updates.add(update);
  }

  /**
   * Returns the ops registered with {@link #addUpdate(Op)}, in order.
   *
   * @return an unmodifiable live view: it shows ops registered later; empty when none were
   */
  public List<Op> updates() {
    return Collections.unmodifiableList(updates);
  }

  /**
   * Returns the variable behind the trainable parameter {@code name}.
   *
   * @param name the name given to {@link #get} (non-trainable variables are found too)
   * @return the variable, for example to compute gradients with respect to it or to assign it
   * @throws IllegalArgumentException if this store has no variable {@code name}
   */
  public Variable<TFloat32> variable(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException("unknown parameter '" + name + "'");
    }
    return e.variable();
  }

  private Entry getOrCreate(String name, Init init, boolean trainable, long[] shape) {
    Entry existing = entries.get(name);
    if (existing != null) {
      if (!Arrays.equals(existing.spec().shape(), shape)) {
        throw new IllegalArgumentException("parameter '" + name + "' exists with shape "
            + Arrays.toString(existing.spec().shape()) + ", asked for " + Arrays.toString(shape));
      }
      return existing;
    }
    Shape s = Shape.of(shape);
    Ops scope = root;
    String[] parts = name.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      scope = scope.withSubScope(parts[i]);
    }
    String last = parts[parts.length - 1];
    Variable<TFloat32> v = scope.withName(last).variable(s, TFloat32.class);
    // Reading through Identity keeps ref-typed variables out of the gradient code of ops that
    // cannot take them (square and pow on a variable fail in TF Java's gradients).
    Operand<TFloat32> read = scope.withName(last + "_read").identity(v);
    Placeholder<TFloat32> value = scope.withName(last + "_init_value")
        .placeholder(TFloat32.class, Placeholder.shape(s));
    Op assign = scope.withName(last + "_assign").assign(v, value);
    Entry e = new Entry(new Spec(name, shape.clone(), init, trainable), v, read, value, assign);
    entries.put(name, e);
    return e;
  }

  /**
   * Returns the specs of every variable, in creation order.
   *
   * @return an unmodifiable snapshot, trainable and non-trainable variables alike
   */
  public List<Spec> specs() {
    List<Spec> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      out.add(e.spec());
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the names of the trainable parameters, in creation order.
   *
   * @return a new modifiable list; empty when there are none
   */
  public List<String> trainableNames() {
    List<String> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (e.spec().trainable()) {
        out.add(e.spec().name());
      }
    }
    return out;
  }

  /**
   * Returns the number of trainable values.
   *
   * @return the sum of {@link Spec#size()} over the trainable parameters (the model's parameter
   *     count)
   */
  public long trainableCount() {
    long n = 0;
    for (Entry e : entries.values()) {
      if (e.spec().trainable()) {
        n += e.spec().size();
      }
    }
    return n;
  }

  /**
   * Draws every variable's initial values from the seed and assigns them in {@code session}.
   *
   * @param session a session of this store's graph; its variables are overwritten, so calling
   *     this again resets them to the same initial values
   */
  public void initialize(Session session) {
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Entry e : entries.values()) {
      values.put(e.spec().name(), draw(e.spec()));
    }
    assign(session, values);
  }

  /**
   * Returns the initial values of {@code spec}, drawn from this store's seed and the name.
   *
   * @param spec the variable to draw for; it need not belong to this store, only its name, shape
   *     and initializer are used
   * @return {@link Spec#size()} values in row-major order; the same for the same seed and spec
   * @throws ArithmeticException if the variable has more than {@link Integer#MAX_VALUE} values
   */
  public float[] draw(Spec spec) {
    int n = Math.toIntExact(spec.size());
    float[] out = new float[n];
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + spec.name().hashCode());
    Init init = spec.init();
    switch (init.kind()) {
      case CONSTANT -> Arrays.fill(out, (float) init.scale());
      case UNIFORM -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) ((rng.nextDouble() * 2 - 1) * init.scale());
        }
      }
      case NORMAL -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) (gaussian(rng) * init.scale());
        }
      }
      case GLOROT_UNIFORM -> {
        long fanOut = spec.shape().length == 0 ? 1 : spec.shape()[spec.shape().length - 1];
        long fanIn = Math.max(1, spec.size() / Math.max(1, fanOut));
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < n; i++) {
          out[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        }
      }
    }
    return out;
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-300))) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Assigns the given values (by variable name) in {@code session}; every name must be a variable
   * of this store with a matching size.
   *
   * @param session a session of this store's graph
   * @param values the values to assign, by variable name, each in row-major order with
   *     {@link Spec#size()} entries; variables not named keep their values. All are assigned in one
   *     session run
   * @throws IllegalArgumentException if a name is not a variable of this store or a value array has
   *     the wrong length; nothing is assigned then
   */
  public void assign(Session session, Map<String, float[]> values) {
    Session.Runner runner = session.runner();
    List<Tensor> tensors = new ArrayList<>();
    try {
      for (Map.Entry<String, float[]> v : values.entrySet()) {
        Entry e = entries.get(v.getKey());
        if (e == null) {
          throw new IllegalArgumentException("no variable '" + v.getKey() + "' in this graph");
        }
        if (v.getValue().length != e.spec().size()) {
          throw new IllegalArgumentException("variable '" + v.getKey() + "' expects "
              + Arrays.toString(e.spec().shape()) + " (" + e.spec().size() + " values), got "
              + v.getValue().length);
        }
        TFloat32 t = TFloat32.tensorOf(Shape.of(e.spec().shape()), DataBuffers.of(v.getValue(), true, false));
        tensors.add(t);
        runner.feed(e.value(), t).addTarget(e.assign());
      }
      runner.run();
    } finally {
      for (Tensor t : tensors) {
        t.close();
      }
    }
  }

  /**
   * Fetches the values of every variable from {@code session}, by name, in creation order.
   *
   * @param session a session of this store's graph in which the variables are initialized
   * @return a new map from variable name to its values in row-major order, trainable and
   *     non-trainable variables alike (what a checkpoint holds); empty when there are none
   */
  public Map<String, float[]> fetch(Session session) {
    Map<String, float[]> out = new LinkedHashMap<>();
    if (entries.isEmpty()) {
      return out;
    }
    Session.Runner runner = session.runner();
    List<Entry> list = new ArrayList<>(entries.values());
    for (Entry e : list) {
      runner.fetch(e.variable());
    }
    try (Result r = runner.run()) {
      for (int i = 0; i < list.size(); i++) {
        TFloat32 t = (TFloat32) r.get(i);
        float[] values = new float[Math.toIntExact(t.size())];
        t.asRawTensor().data().asFloats().read(values);
        out.put(list.get(i).spec().name(), values);
      }
    }
    return out;
  }
}
