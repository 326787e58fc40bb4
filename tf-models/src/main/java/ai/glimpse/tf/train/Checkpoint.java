package ai.glimpse.tf.train;

import ai.glimpse.preprocessing.io.AtomicFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of every variable of a training graph (weights and optimizer state) after an
 * epoch or within one, stored as HDF5: one float32 dataset per variable, at the variable's name
 * as a path (e.g. {@code saaa/lstm/kernel}), and root attributes {@code epoch}, {@code step},
 * {@code batch} and the running sums of the unfinished epoch. Any HDF5 reader can open it.
 *
 * @param epoch the number of completed epochs
 * @param step the number of completed optimizer steps
 * @param batch batches completed in the epoch after {@code epoch} (0 at an epoch's end)
 * @param lossSum the unfinished epoch's summed loss (times batch sizes) so far
 * @param scoreSum the unfinished epoch's summed training scores so far
 * @param seen the unfinished epoch's questions so far
 * @param values variable values by name, flat
 */
public record Checkpoint(int epoch, long step, int batch, double lossSum, double scoreSum, int seen,
    Map<String, float[]> values) {

  /**
   * A checkpoint at the end of epoch {@code epoch}: no batches of the next epoch done and its
   * running sums zero.
   *
   * @param epoch the number of completed epochs
   * @param step the number of completed optimizer steps
   * @param values variable values by name (e.g. {@code saaa/lstm/kernel}), flat; the map is kept,
   *     not copied
   */
  public Checkpoint(int epoch, long step, Map<String, float[]> values) {
    this(epoch, step, 0, 0, 0, 0, values);
  }

  /**
   * Whether the checkpoint was taken within an epoch.
   *
   * @return true when {@link #batch()} is positive: a resumed run continues epoch
   *     {@code epoch + 1} after that many batches
   */
  public boolean midEpoch() {
    return batch > 0;
  }

  /**
   * Writes the checkpoint through a temporary file moved into place.
   *
   * @param file the HDF5 file; missing parent directories are created, an existing file is
   *     replaced only once the new one is complete
   * @throws IOException if the file cannot be written or moved into place; the temporary file is
   *     deleted
   */
  public void write(Path file) throws IOException {
    AtomicFiles.writeWithPath(file, tmp -> {
      try (WritableHdfFile hdf = HdfFile.write(tmp)) {
        hdf.putAttribute("epoch", epoch);
        hdf.putAttribute("step", step);
        hdf.putAttribute("batch", batch);
        hdf.putAttribute("loss_sum", lossSum);
        hdf.putAttribute("score_sum", scoreSum);
        hdf.putAttribute("seen", seen);
        Map<String, WritableGroup> groups = new HashMap<>();
        for (Map.Entry<String, float[]> e : values.entrySet()) {
          String name = e.getKey();
          int slash = name.lastIndexOf('/');
          WritableGroup group = slash < 0 ? hdf : group(hdf, groups, name.substring(0, slash));
          group.putDataset(name.substring(slash + 1), e.getValue().clone());
        }
      }
    });
  }

  private static WritableGroup group(WritableHdfFile root, Map<String, WritableGroup> groups, String path) {
    WritableGroup existing = groups.get(path);
    if (existing != null) {
      return existing;
    }
    int slash = path.lastIndexOf('/');
    WritableGroup parent = slash < 0 ? root : group(root, groups, path.substring(0, slash));
    WritableGroup g = parent.putGroup(path.substring(slash + 1));
    groups.put(path, g);
    return g;
  }

  /**
   * Reads a checkpoint; errors name the file. Checkpoints written before mid-epoch checkpoints
   * existed read as taken at an epoch's end.
   *
   * @param file an HDF5 file written by {@link #write(Path)}
   * @return the checkpoint with every float32 dataset as a value, by its path (insertion-ordered)
   * @throws IOException if the file does not exist ({@link NoSuchFileException}), is not readable
   *     HDF5, lacks the {@code epoch} or {@code step} attribute, or holds a dataset that is not
   *     float32; the message names the file
   */
  public static Checkpoint read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "checkpoint not found");
    }
    try (HdfFile hdf = new HdfFile(file)) {
      Map<String, float[]> values = new LinkedHashMap<>();
      collect(hdf, "", values, file);
      return new Checkpoint(intAttr(hdf, "epoch", file), longAttr(hdf, "step", file),
          (int) optional(hdf, "batch"), optional(hdf, "loss_sum"), optional(hdf, "score_sum"),
          (int) optional(hdf, "seen"), values);
    } catch (RuntimeException e) {
      throw new IOException(file + ": cannot read checkpoint: " + e.getMessage(), e);
    }
  }

  private static void collect(Group group, String prefix, Map<String, float[]> out, Path file)
      throws IOException {
    for (Node node : group.getChildren().values()) {
      String name = prefix.isEmpty() ? node.getName() : prefix + "/" + node.getName();
      if (node instanceof Group g) {
        collect(g, name, out, file);
      } else if (node instanceof Dataset d) {
        Object data = d.getDataFlat();
        if (!(data instanceof float[] f)) {
          throw new IOException(file + ": variable '" + name + "' is not float32");
        }
        out.put(name, f);
      }
    }
  }

  /** An attribute older checkpoints lack: 0 when absent. */
  private static double optional(HdfFile hdf, String name) {
    Attribute a = hdf.getAttribute(name);
    return a != null && a.getData() instanceof Number n ? n.doubleValue() : 0;
  }

  private static int intAttr(HdfFile hdf, String name, Path file) throws IOException {
    return (int) longAttr(hdf, name, file);
  }

  private static long longAttr(HdfFile hdf, String name, Path file) throws IOException {
    Attribute a = hdf.getAttribute(name);
    if (a == null) {
      throw new IOException(file + ": checkpoint has no '" + name + "' attribute");
    }
    Object v = a.getData();
    if (v instanceof Number n) {
      return n.longValue();
    }
    throw new IOException(file + ": attribute '" + name + "' is not a number: " + v);
  }
}
