/**
 * Question text: the tokenizers (words, and BERT WordPiece with a user's {@code vocab.txt}), their
 * settings, the question vocabulary, GloVe embeddings for that vocabulary, and pretrained
 * embedding matrices read from NPY or HDF5 files.
 */
package ai.glimpse.preprocessing.text;
