/**
 * The model zoo: one class per architecture, each a TensorFlow Java graph builder with its own
 * validated configuration record.
 */
package ai.glimpse.tf.zoo;
