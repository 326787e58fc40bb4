/** The formats that cross module boundaries: the metadata an exported ONNX model carries. */
package ai.glimpse.preprocessing.format;
