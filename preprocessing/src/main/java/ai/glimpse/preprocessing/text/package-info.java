/**
 * Question text: the tokenizer, its settings, the question vocabulary, and GloVe embeddings for
 * that vocabulary.
 */
package ai.glimpse.preprocessing.text;
