/**
 * Image inputs: loading images into pixel tensors, the HDF5 stores that hold pixels, CNN grid
 * features and bottom-up object features (read lazily by image id), and the converter of the
 * bottom-up-attention TSV files to HDF5.
 */
package ai.glimpse.preprocessing.features;
