/**
 * The pipeline stages that span modules (export with TF-vs-ORT verification, evaluation of an
 * ONNX model on prepared data, the quickstart), as Java API; the CLI calls these.
 */
package ai.glimpse.pipeline;
