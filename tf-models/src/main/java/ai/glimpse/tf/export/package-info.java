/**
 * ONNX export: the inference subgraph of a trained TensorFlow model, converted op by op, with its
 * weights as initializers and the vocabularies and config in the metadata.
 */
package ai.glimpse.tf.export;
