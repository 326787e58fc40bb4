package ai.glimpse.cli;

import ai.glimpse.onnx.features.ExtractedFeatures;
import ai.glimpse.onnx.features.FeatureExtractionOptions;
import ai.glimpse.onnx.features.GridFeatureExtractor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glimpse features}: the Java equivalent of the seeds' feature-extraction scripts — images
 * through a user's CNN in ONNX Runtime to an HDF5 grid feature file.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "Extract grid features with a CNN in ONNX (e.g. a ResNet-152 trunk exported elsewhere): "
        + "images are resized, normalized with the ImageNet mean and std (configurable) and written as "
        + "image_ids [N] and features [N, C, H, W] (float16 unless --float32) to an HDF5 file.")
final class FeaturesCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--images", required = true, description = "Directory of PNG/JPEG images (searched recursively; ids from file names).")
  Path images;

  @Option(names = "--cnn", required = true, paramLabel = "MODEL.onnx", description = "The CNN: one float input [batch, 3, H, W], a rank-4 output.")
  Path cnn;

  @Option(names = "--output", paramLabel = "NAME", description = "The model output holding the grid (default: the first output).")
  String output;

  @Option(names = "--out", required = true, paramLabel = "FILE.h5", description = "The HDF5 file to write.")
  Path out;

  @Option(names = "--image-size", defaultValue = "448", description = "Side the images are resized to (default: ${DEFAULT-VALUE}).")
  int imageSize;

  @Option(names = "--mean", split = ",", description = "Per-channel R,G,B mean (default: ImageNet 0.485,0.456,0.406).")
  List<Float> mean;

  @Option(names = "--std", split = ",", description = "Per-channel R,G,B std (default: ImageNet 0.229,0.224,0.225).")
  List<Float> std;

  @Option(names = "--batch-size", defaultValue = "8", description = "Images per ONNX Runtime run (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--float32", description = "Store float32 instead of float16.")
  boolean float32;

  @Override
  public Integer call() throws Exception {
    FeatureExtractionOptions options = FeatureExtractionOptions.defaults().withImageSize(imageSize)
        .withBatchSize(batchSize).withOutputName(output).withFloat16(!float32);
    if (mean != null || std != null) {
      FeatureExtractionOptions d = FeatureExtractionOptions.defaults();
      options = options.withNormalization(mean == null ? d.mean() : floats(mean, "--mean"),
          std == null ? d.std() : floats(std, "--std"));
    }
    boolean terminal = System.console() != null;
    long start = System.nanoTime();
    ExtractedFeatures r;
    try (GridFeatureExtractor extractor = GridFeatureExtractor.load(cnn, options)) {
      r = extractor.extract(images, out, (done, total) -> {
        if (terminal || done == total) {
          double elapsed = (System.nanoTime() - start) / 1e9;
          double eta = done == 0 ? 0 : elapsed / done * (total - done);
          int filled = total == 0 ? 30 : (int) (30L * done / total);
          System.out.printf("\r[%s%s] %d/%d images ETA %ds   %s", "=".repeat(filled), " ".repeat(30 - filled),
              done, total, Math.round(eta), done == total ? System.lineSeparator() : "");
          System.out.flush();
        }
      });
    }
    System.out.printf("wrote %d images of [%d, %d, %d] (%s) -> %s (%.1f s)%n", r.images(), r.channels(),
        r.height(), r.width(), r.float16() ? "float16" : "float32", r.file(), (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private float[] floats(List<Float> values, String option) {
    if (values.size() != 3) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + " takes 3 values (R,G,B), got " + values);
    }
    return new float[] {values.get(0), values.get(1), values.get(2)};
  }
}
