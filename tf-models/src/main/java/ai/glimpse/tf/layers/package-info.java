/**
 * Reusable graph pieces for TensorFlow Java: the parameter store and the layers (dense,
 * convolution, embedding, LSTM, dropout, L2 normalization) that the model zoo builds from.
 */
package ai.glimpse.tf.layers;
