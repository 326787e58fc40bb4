package ai.glimpse.preprocessing.features;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * An open HDF5 feature file (jhdf) whose errors name the file and the dataset. Dataset names may
 * be paths into groups ({@code "group/features"}). The store that opens it closes it.
 */
final class FeatureFile implements AutoCloseable {
  private final Path path;
  private final HdfFile hdf;
  private java.nio.channels.FileChannel channel;

  private FeatureFile(Path path, HdfFile hdf) {
    this.path = path;
    this.hdf = hdf;
  }

  /** Returns a read channel on the file, opened on first use and closed with the file. */
  synchronized java.nio.channels.FileChannel channel() throws IOException {
    if (channel == null) {
      channel = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.READ);
    }
    return channel;
  }

  /** Opens {@code path} for reading; a missing or unreadable file is an {@link IOException}. */
  static FeatureFile open(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "HDF5 feature file not found");
    }
    try {
      return new FeatureFile(path, new HdfFile(path));
    } catch (RuntimeException e) {
      throw new IOException(path + ": not a readable HDF5 file: " + e.getMessage(), e);
    }
  }

  /** Returns the file's path. */
  Path path() {
    return path;
  }

  /** Returns whether a dataset {@code name} exists. */
  boolean has(String name) {
    return find(name) instanceof Dataset;
  }

  /** Returns the names of the datasets and groups at the root, sorted, for error messages. */
  Set<String> names() {
    return new TreeSet<>(hdf.getChildren().keySet());
  }

  /** Returns dataset {@code name}; a missing one is an {@link IOException} listing what exists. */
  Dataset dataset(String name) throws IOException {
    Node node = find(name);
    if (!(node instanceof Dataset d)) {
      throw new IOException(path + ": no dataset '" + name + "' (found " + names() + ")");
    }
    return d;
  }

  /** Reads the whole of a small dataset (ids, counts) as jhdf returns it, flat. */
  Object readAll(String name) throws IOException {
    Dataset d = dataset(name);
    try {
      return d.getDataFlat();
    } catch (RuntimeException e) {
      throw new IOException(path + ": cannot read dataset '" + name + "': " + e.getMessage(), e);
    }
  }

  /** Returns dataset {@code name} as float rows, checking its rank against {@code expected}. */
  FloatRows floatRows(String name, String expected, int rank) throws IOException {
    Dataset d = dataset(name);
    int[] dims = d.getDimensions();
    if (dims.length != rank) {
      throw shapeError(name, expected, dims);
    }
    return new FloatRows(this, name, d);
  }

  /** Builds the error for a dataset whose shape is not {@code expected}. */
  IOException shapeError(String name, String expected, int[] found) {
    return new IOException(path + ": dataset '" + name + "' expects " + expected + ", got "
        + Arrays.toString(found));
  }

  private Node find(String name) {
    Node node = hdf;
    for (String part : name.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!(node instanceof Group g)) {
        return null;
      }
      node = g.getChildren().get(part);
    }
    return node;
  }

  @Override
  public void close() {
    hdf.close();
    synchronized (this) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          // Read-only: nothing is lost.
        }
        channel = null;
      }
    }
  }
}
