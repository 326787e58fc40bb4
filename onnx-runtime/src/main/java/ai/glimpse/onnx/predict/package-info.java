/**
 * Prediction with exported Glimpse models in ONNX Runtime (CPU or CUDA), with no TensorFlow on
 * the class path.
 */
package ai.glimpse.onnx.predict;
