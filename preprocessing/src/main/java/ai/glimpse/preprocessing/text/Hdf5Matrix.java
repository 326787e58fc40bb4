package ai.glimpse.preprocessing.text;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a 2-D floating-point dataset from an HDF5 file with jhdf: the one a path names, or the
 * file's only 2-D floating-point dataset.
 */
final class Hdf5Matrix {
  private Hdf5Matrix() {}

  /**
   * Reads the matrix at {@code dataset} ({@code null}: the only candidate); errors name the file,
   * the dataset and, when none or several fit, the datasets the file has.
   */
  static EmbeddingMatrix read(Path file, String dataset) throws IOException {
    try (HdfFile hdf = new HdfFile(file)) {
      Dataset d;
      if (dataset != null) {
        Node node;
        try {
          node = hdf.getByPath(dataset);
        } catch (RuntimeException e) {
          throw new IOException(file + ": no dataset '" + dataset + "'; the file has "
              + describe(datasets(hdf)), e);
        }
        if (!(node instanceof Dataset found)) {
          throw new IOException(file + ": '" + dataset + "' is a group, not a dataset; the file has "
              + describe(datasets(hdf)));
        }
        d = found;
        if (!isMatrix(d)) {
          throw new IOException(file + ": dataset '" + dataset + "' is " + describe(List.of(d))
              + "; an embedding matrix must be a 2-D floating-point dataset [vocabulary, dim]");
        }
      } else {
        List<Dataset> all = datasets(hdf);
        List<Dataset> matrices = all.stream().filter(Hdf5Matrix::isMatrix).toList();
        if (matrices.size() != 1) {
          throw new IOException(file + ": " + (matrices.isEmpty() ? "no" : matrices.size())
              + " 2-D floating-point datasets" + (matrices.isEmpty() ? "" : " (" + describe(matrices) + ")")
              + " where the embedding matrix should be the only one; the file has " + describe(all)
              + (matrices.isEmpty() ? "" : "; name one as " + file + ":/path/to/dataset"));
        }
        d = matrices.get(0);
      }
      return toMatrix(file, d);
    } catch (RuntimeException e) {
      throw new IOException(file + ": cannot read the embedding matrix"
          + (dataset == null ? "" : " '" + dataset + "'") + ": " + e.getMessage(), e);
    }
  }

  private static EmbeddingMatrix toMatrix(Path file, Dataset d) throws IOException {
    int[] shape = d.getDimensions();
    if (shape[0] < 1 || shape[1] < 1) {
      throw new IOException(file + ": dataset '" + d.getPath() + "' is empty, shape "
          + Arrays.toString(shape));
    }
    Object flat = d.getDataFlat();
    float[] weights;
    if (flat instanceof float[] f) {
      weights = f;
    } else if (flat instanceof double[] v) {
      weights = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        weights[i] = (float) v[i];
      }
    } else {
      throw new IOException(file + ": dataset '" + d.getPath() + "' reads as "
          + flat.getClass().getSimpleName() + ", expected float or double values");
    }
    return new EmbeddingMatrix(shape[0], shape[1], weights);
  }

  private static boolean isMatrix(Dataset d) {
    return !d.isScalar() && !d.isCompound() && d.getDimensions().length == 2
        && d.getDataType() instanceof FloatingPoint;
  }

  private static List<Dataset> datasets(Group group) {
    List<Dataset> out = new ArrayList<>();
    for (Node child : group.getChildren().values()) {
      if (child instanceof Dataset d) {
        out.add(d);
      } else if (child instanceof Group g && !child.isLink()) {
        out.addAll(datasets(g));
      }
    }
    return out;
  }

  private static String describe(List<Dataset> datasets) {
    if (datasets.isEmpty()) {
      return "no datasets";
    }
    List<String> parts = new ArrayList<>();
    for (Dataset d : datasets) {
      String type = d.getDataType() instanceof FloatingPoint fp ? "float" + fp.getBitPrecision()
          : d.getJavaType().getSimpleName();
      parts.add(d.getPath() + " " + type + Arrays.toString(d.getDimensions()));
    }
    return String.join(", ", parts);
  }
}
