package ai.glimpse.onnx.features;

import java.nio.file.Path;

/**
 * What a feature extraction wrote.
 *
 * @param file the HDF5 file
 * @param images the number of images, {@code N}
 * @param channels the number of feature channels, {@code C}
 * @param height the grid height {@code h}, in cells
 * @param width the grid width {@code w}, in cells
 * @param float16 whether the features are stored as float16 (else float32)
 */
public record ExtractedFeatures(Path file, int images, int channels, int height, int width, boolean float16) {}
