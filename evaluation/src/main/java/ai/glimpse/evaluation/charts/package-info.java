/**
 * Report figures rendered as PNG with JFreeChart and Java2D in headless AWT: training curves from
 * a run's {@code metrics.jsonl}, accuracy bars, and attention heat maps of gallery questions. The
 * inputs are plain records and arrays; nothing here depends on TensorFlow or ONNX Runtime.
 */
package ai.glimpse.evaluation.charts;
