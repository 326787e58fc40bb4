package ai.glimpse.onnx.predict;

import java.util.Objects;

/**
 * How a {@link Predictor} sets up its ONNX Runtime session.
 *
 * @param provider the execution provider
 * @param intraOpThreads threads inside one operator; 0 lets ONNX Runtime choose
 * @param optimization the graph optimization level
 */
public record PredictorOptions(ExecutionProvider provider, int intraOpThreads, Optimization optimization) {
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

  /** Validates the options. */
  public PredictorOptions {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(optimization, "optimization");
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("intraOpThreads must be >= 0, got " + intraOpThreads);
    }
  }

  /** CPU, ONNX Runtime's thread choice, all optimizations. */
  public static PredictorOptions defaults() {
    return new PredictorOptions(ExecutionProvider.CPU, 0, Optimization.ALL);
  }
}
