package ai.glimpse.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;

/**
 * Counts the multiply-adds a TensorFlow graph really performs in one run: for every matrix product
 * and convolution (forward and gradient ops alike) it fetches the run-time shapes of the operands
 * in the same run as the measured targets, so the count needs no hand-written formula per model and
 * stays right when a model changes. FFTs are counted apart, as floating-point operations
 * ({@code 2.5 n log2 n} per real transform of length {@code n}), since they are not products.
 *
 * <p>Counted op types: {@code MatMul}, {@code BatchMatMul[V2|V3]}, {@code Conv2D},
 * {@code Conv2DBackpropInput}, {@code Conv2DBackpropFilter}; {@code RFFT} and {@code IRFFT} as FFT
 * flops. Element-wise ops are not counted: on these models they are a few percent of the work.
 */
public final class GraphMacs {

  /**
   * What one run computed.
   *
   * @param multiplyAdds the multiply-adds of the counted matrix products and convolutions
   * @param fftFlops the floating-point operations of the counted FFTs ({@code 2.5 n log2 n} each)
   * @param ops how many graph ops were counted (one per probe, whatever their run-time shapes)
   */
  public record Count(long multiplyAdds, long fftFlops, int ops) {}

  private final List<Probe> probes = new ArrayList<>();

  private record Probe(String name, String type, boolean flagA, boolean flagB, List<Operand<TInt32>> shapes) {}

  /**
   * Adds shape probes for the counted ops of {@code graph} whose names {@code include} accepts.
   * Call before the run; the probes are ops of their own under the scope {@code scope}, which must
   * be new to the graph and which {@code include} should reject.
   *
   * @param graph the graph to measure; the probes are added to it
   * @param scope the name scope of the probe ops, new to {@code graph}
   * @param include which op names to count, e.g. those of the training step but not of
   *     validation; ops of other types than the counted ones are skipped whatever it says
   */
  public GraphMacs(Graph graph, String scope, Predicate<String> include) {
    List<GraphOperation> counted = new ArrayList<>();
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (include.test(op.name()) && isCounted(op.type())) {
        counted.add(op);
      }
    }
    Ops tf = Ops.create(graph).withSubScope(scope);
    for (GraphOperation op : counted) {
      String type = op.type();
      switch (type) {
        case "MatMul" -> probes.add(new Probe(op.name(), type, op.attributes().getAttrBool("transpose_a"),
            op.attributes().getAttrBool("transpose_b"), List.of(shape(tf, op.input(0)), shape(tf, op.input(1)))));
        case "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3" -> probes.add(new Probe(op.name(), type,
            op.attributes().getAttrBool("adj_x"), false, List.of(shape(tf, op.input(0)), shape(tf, op.output(0)))));
        case "Conv2D" -> probes.add(new Probe(op.name(), type, false, false,
            List.of(shape(tf, op.output(0)), shape(tf, op.input(1)))));
        case "Conv2DBackpropInput" -> probes.add(new Probe(op.name(), type, false, false,
            List.of(shape(tf, op.input(2)), shape(tf, op.input(1)))));
        case "Conv2DBackpropFilter" -> probes.add(new Probe(op.name(), type, false, false,
            List.of(shape(tf, op.input(2)), shape(tf, op.output(0)))));
        case "RFFT" -> probes.add(new Probe(op.name(), type, false, false,
            List.of(shape(tf, op.input(0)), tf.reshape(op.input(1).expect(TInt32.class), tf.constant(new long[] {1})))));
        case "IRFFT" -> probes.add(new Probe(op.name(), type, false, false, List.of(shape(tf, op.output(0)))));
        default -> throw new IllegalStateException("uncounted op type " + type);
      }
    }
  }

  private static boolean isCounted(String type) {
    return switch (type) {
      case "MatMul", "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3", "Conv2D", "Conv2DBackpropInput",
          "Conv2DBackpropFilter", "RFFT", "IRFFT" -> true;
      default -> false;
    };
  }

  private static Operand<TInt32> shape(Ops tf, Output<?> x) {
    return tf.shape(x);
  }

  /**
   * Adds the probes to a session runner's fetches; call {@link #count} on the run's result.
   * The probes add {@link #fetchCount()} fetches after those already on the runner.
   *
   * @param runner the runner of the measured run, with its own fetches already added
   * @return {@code runner} itself, for chaining
   */
  public Session.Runner fetchInto(Session.Runner runner) {
    for (Probe p : probes) {
      for (Operand<TInt32> s : p.shapes()) {
        runner.fetch(s);
      }
    }
    return runner;
  }

  /**
   * Counts from a run that fetched the probes with {@link #fetchInto}; the probes' values start at
   * {@code firstFetch}, the index of the first fetch added by it.
   *
   * @param result the outputs of the run; not closed here
   * @param firstFetch the index in {@code result} of the first probe fetch, i.e. the number of
   *     fetches on the runner before {@link #fetchInto} was called
   * @return the multiply-adds and FFT flops of this run, at the shapes it actually had
   */
  public Count count(Result result, int firstFetch) {
    long macs = 0;
    long fft = 0;
    int i = firstFetch;
    for (Probe p : probes) {
      List<long[]> s = new ArrayList<>();
      for (int k = 0; k < p.shapes().size(); k++) {
        s.add(values((TInt32) result.get(i++)));
      }
      switch (p.type()) {
        case "MatMul" -> {
          long[] a = s.get(0);
          long[] b = s.get(1);
          long m = p.flagA() ? a[1] : a[0];
          long k = p.flagA() ? a[0] : a[1];
          long n = p.flagB() ? b[0] : b[1];
          macs += m * k * n;
        }
        case "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3" -> {
          long[] a = s.get(0);
          long k = p.flagA() ? a[a.length - 2] : a[a.length - 1];
          macs += size(s.get(1)) * k;
        }
        case "Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter" -> {
          long[] f = s.get(1);
          macs += size(s.get(0)) * f[0] * f[1] * f[2];
        }
        case "RFFT" -> {
          long n = s.get(1)[0];
          fft += fftFlops(size(s.get(0)) / n, n);
        }
        case "IRFFT" -> {
          long[] out = s.get(0);
          long n = out[out.length - 1];
          fft += fftFlops(size(out) / n, n);
        }
        default -> throw new IllegalStateException(p.type());
      }
    }
    return new Count(macs, fft, probes.size());
  }

  /**
   * The number of fetches {@link #fetchInto} adds.
   *
   * @return the number of shape probes, two per matrix product or convolution and one or two per FFT
   */
  public int fetchCount() {
    return probes.stream().mapToInt(p -> p.shapes().size()).sum();
  }

  private static long fftFlops(long vectors, long n) {
    return Math.round(vectors * 2.5 * n * (Math.log(n) / Math.log(2)));
  }

  private static long size(long[] shape) {
    long s = 1;
    for (long d : shape) {
      s *= d;
    }
    return s;
  }

  private static long[] values(TInt32 t) {
    long[] v = new long[(int) t.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = t.getInt(i);
    }
    return v;
  }
}
