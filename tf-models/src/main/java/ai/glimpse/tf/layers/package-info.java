/**
 * Reusable graph pieces for TensorFlow Java: the parameter store and the layers the model zoo
 * builds from: dense (plain and weight-normalized), convolution and the convolutional stem, batch
 * normalization, embedding, LSTM and GRU (stacked, bidirectional, ignoring padding), dropout and
 * L2 normalization.
 */
package ai.glimpse.tf.layers;
