package ai.glimpse.testing;

import ai.glimpse.tf.export.OnnxExporter;
import ai.glimpse.tf.layers.ConvStem;
import ai.glimpse.tf.layers.Params;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A small CNN the project exports itself (a seeded convolutional stem of 8 and 16 channels through
 * {@link OnnxExporter#toOnnxGraph}): input {@code images [batch, 3, S, S]}, output
 * {@code grid [batch, 16, S/4, S/4]}, the layout {@code glimpse features} expects.
 */
public final class TinyCnnOnnx {
  private TinyCnnOnnx() {}

  /** Writes the CNN for {@code size x size} images to {@code file}. */
  public static Path write(Path file, int size) throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 5);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3, size, size)));
      // The stem's grid is channels-last; a CNN for glimpse features gives [batch, C, H, W].
      Operand<TFloat32> grid = tf.linalg.transpose(
          ConvStem.apply(tf, params, "cnn", images, List.of(8, 16), false, false), tf.constant(new int[] {0, 3, 1, 2}));
      try (Session s = new Session(g)) {
        params.initialize(s);
        OnnxExporter.write(OnnxExporter.toOnnxGraph(s, "cnn", Map.of("images", images), Map.of("grid", grid)), file);
      }
    }
    return file;
  }
}
