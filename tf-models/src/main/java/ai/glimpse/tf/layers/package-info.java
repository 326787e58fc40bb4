/**
 * Reusable graph pieces for TensorFlow Java: the parameter store and the layers the model zoo
 * builds from: dense (plain and weight-normalized), convolution and the convolutional stem, batch
 * normalization, layer normalization, embedding, LSTM and GRU (stacked, bidirectional, ignoring
 * padding), dropout, L2 normalization, the masked softmax, multi-head attention and the attentional
 * reduction of a sequence ({@link ai.glimpse.tf.layers.AttFlat}).
 */
package ai.glimpse.tf.layers;
