package ai.glimpse.onnx.predict;

/** Where ONNX Runtime runs a model. */
public enum ExecutionProvider {
  /** The CPU execution provider. */
  CPU,
  /** The CUDA execution provider; falls back to CPU with a warning when CUDA is unavailable. */
  CUDA
}
