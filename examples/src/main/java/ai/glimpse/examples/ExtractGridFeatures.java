package ai.glimpse.examples;

import ai.glimpse.onnx.features.ExtractedFeatures;
import ai.glimpse.onnx.features.FeatureExtractionOptions;
import ai.glimpse.onnx.features.GridFeatureExtractor;
import ai.glimpse.preprocessing.features.GridFeatureStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a directory of images into grid features with an ONNX CNN (for example a ResNet cut
 * before its pooling layer, with one input {@code [batch, 3, H, W]} and a rank-4 output) and
 * reads them back: the HDF5 file that {@code glimpse prepare --features} and the grid models use.
 */
public final class ExtractGridFeatures {
  private ExtractGridFeatures() {}

  /**
   * Runs the example.
   *
   * @param cnn the ONNX CNN
   * @param images a directory of PNG or JPEG images, searched recursively; image ids come from
   *     the file names' last run of digits
   * @param imageSize the side the images are resized to, pixels
   * @param out the HDF5 file to write ({@code image_ids [N]}, {@code features [N, C, H, W]})
   * @return what was written: the image count and the grid's shape
   * @throws IOException when an image or the CNN cannot be read, or the file cannot be written
   */
  public static ExtractedFeatures run(Path cnn, Path images, int imageSize, Path out) throws IOException {
    // snippet-start features
    ExtractedFeatures written;
    FeatureExtractionOptions options = FeatureExtractionOptions.defaults().withImageSize(imageSize);
    try (GridFeatureExtractor extractor = GridFeatureExtractor.load(cnn, options)) {
      written = extractor.extract(images, out,
          (done, total) -> System.out.printf("\r%d / %d images", done, total));
    }
    System.out.printf("%n%d images, grid [%d, %d, %d]%n",
        written.images(), written.channels(), written.height(), written.width());

    try (GridFeatureStore store = GridFeatureStore.open(out)) {
      float[] first = new float[written.channels() * written.height() * written.width()];
      store.readRow(0, first, 0);
      System.out.printf("image %d: first value %.4f%n", store.imageIds()[0], first[0]);
    }
    // snippet-end
    return written;
  }

  /**
   * Extracts features at 448 x 448.
   *
   * @param args the CNN, the image directory and the output file
   * @throws IOException when the extraction fails
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ExtractGridFeatures CNN.onnx IMAGE_DIR OUT.h5");
      System.exit(2);
    }
    run(Path.of(args[0]), Path.of(args[1]), FeatureExtractionOptions.DEFAULT_IMAGE_SIZE, Path.of(args[2]));
  }
}
