package ai.glimpse.onnx.predict;

import java.util.Objects;

/**
 * How a {@link Predictor} sets up its ONNX Runtime session.
 *
 * @param provider the execution provider
 * @param intraOpThreads threads inside one operator; 0 lets ONNX Runtime choose
 * @param optimization the graph optimization level
 * @param spinning whether ONNX Runtime's intra-op threads spin while waiting for work (its
 *     default: lowest latency for back-to-back calls, but the spinning takes CPU from other work in
 *     the process, such as a server's request threads between batches)
 * @param memoryPattern whether ONNX Runtime plans the memory of a run from the previous run of the
 *     same input shapes and allocates it as one block (its default)
 */
public record PredictorOptions(ExecutionProvider provider, int intraOpThreads, Optimization optimization,
    boolean spinning, boolean memoryPattern) {
  /** ONNX Runtime's graph optimization levels. */
  public enum Optimization {
    /** No graph optimization. */
    NONE,
    /** Basic optimizations (constant folding, redundant node removal). */
    BASIC,
    /** Extended optimizations (fusions). */
    EXTENDED,
    /** Every optimization, layout ones included. */
    ALL
  }

  /**
   * Validates the options.
   *
   * @param provider the execution provider
   * @param intraOpThreads threads inside one operator; 0 lets ONNX Runtime choose
   * @param optimization the graph optimization level
   * @param spinning whether ONNX Runtime's intra-op threads spin while waiting for work (its default:
   *     lowest latency for back-to-back calls, but the spinning takes CPU from other work in the process,
   *     such as a server's request threads between batches)
   * @param memoryPattern whether ONNX Runtime plans the memory of a run from the previous run of the same
   *     input shapes and allocates it as one block (its default)
   * @throws IllegalArgumentException if {@code intraOpThreads} is negative
   * @throws NullPointerException if {@code provider} or {@code optimization} is null
   */
  public PredictorOptions {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(optimization, "optimization");
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("intraOpThreads must be >= 0, got " + intraOpThreads);
    }
  }

  /**
   * Options with ONNX Runtime's default memory pattern planning.
   *
   * @param provider the execution provider; not null
   * @param intraOpThreads threads inside one operator, 0 or more; 0 lets ONNX Runtime choose
   * @param optimization the graph optimization level; not null
   * @param spinning whether intra-op threads spin while waiting for work
   * @throws IllegalArgumentException if {@code intraOpThreads} is negative
   */
  public PredictorOptions(ExecutionProvider provider, int intraOpThreads, Optimization optimization,
      boolean spinning) {
    this(provider, intraOpThreads, optimization, spinning, true);
  }

  /**
   * Options with ONNX Runtime's defaults of spinning threads and memory pattern planning.
   *
   * @param provider the execution provider; not null
   * @param intraOpThreads threads inside one operator, 0 or more; 0 lets ONNX Runtime choose
   * @param optimization the graph optimization level; not null
   * @throws IllegalArgumentException if {@code intraOpThreads} is negative
   */
  public PredictorOptions(ExecutionProvider provider, int intraOpThreads, Optimization optimization) {
    this(provider, intraOpThreads, optimization, true, true);
  }

  /**
   * CPU, ONNX Runtime's thread choice, all optimizations, spinning threads, memory patterns.
   *
   * @return the default options
   */
  public static PredictorOptions defaults() {
    return new PredictorOptions(ExecutionProvider.CPU, 0, Optimization.ALL);
  }

  /**
   * These options with spinning on or off.
   *
   * @param spin true to let intra-op threads spin while waiting (lower latency, more CPU), false to
   *     make them sleep
   * @return a new options instance; this one is unchanged
   */
  public PredictorOptions withSpinning(boolean spin) {
    return new PredictorOptions(provider, intraOpThreads, optimization, spin, memoryPattern);
  }
}
