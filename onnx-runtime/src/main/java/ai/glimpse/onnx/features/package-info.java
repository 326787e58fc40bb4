/**
 * CNN feature extraction in ONNX Runtime: runs an image directory through a convolutional
 * network and streams its grid features into an HDF5 file that
 * {@link ai.glimpse.preprocessing.features.GridFeatureStore} reads.
 */
package ai.glimpse.onnx.features;
