/**
 * {@code glimpse prepare}: from dataset files to the prepared directory that training and
 * evaluation read (vocabularies, encoded questions and targets, pixel tensors in HDF5), and the
 * reader of that directory.
 */
package ai.glimpse.preprocessing.prepare;
