/** Image inputs: loading images into pixel tensors and the HDF5 stores that hold them. */
package ai.glimpse.preprocessing.features;
