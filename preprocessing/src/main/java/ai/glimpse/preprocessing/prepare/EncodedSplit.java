package ai.glimpse.preprocessing.prepare;

import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.preprocessing.io.Hdf5StreamWriter;
import ai.glimpse.preprocessing.io.Hdf5Type;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The encoded questions of one split, flat in memory and stored as HDF5 ({@code encoded.h5}):
 * {@code question_ids [N]} int64, {@code tokens [N, T]} int64, {@code image_rows [N]} int32 (rows
 * of the split's images), {@code image_ids [M]} int64 (the split's images in row order), and the sparse soft targets {@code target_indices [N, S]} int32
 * (-1 where unused) and {@code target_scores [N, S]} float32.
 *
 * @param questionIds the question ids, {@code [N]}
 * @param tokens token ids, flat {@code [N, maxLength]}
 * @param maxLength the number of token positions per question
 * @param imageRows the row of each question's image among {@code imageIds}, {@code [N]}
 * @param targetIndices answer indices, flat {@code [N, slots]}, -1 where unused
 * @param targetScores the scores of those answers, flat {@code [N, slots]}
 * @param slots the number of target slots per question
 * @param imageIds the split's image ids in row order, {@code [M]}; {@code null} in directories
 *     prepared before they were stored (the pixel store's order is the row order there)
 */
public record EncodedSplit(
    long[] questionIds,
    long[] tokens,
    int maxLength,
    int[] imageRows,
    int[] targetIndices,
    float[] targetScores,
    int slots,
    long[] imageIds) {

  /**
   * Validates that every array matches {@code [N]} or {@code [N, ...]}. The arrays are kept, not
   * copied; {@code imageRows} and {@code imageIds} are not checked against each other.
   *
   * @param questionIds the question ids, {@code [N]}; its length defines N
   * @param tokens token ids, flat {@code [N, maxLength]}
   * @param maxLength the number of token positions per question
   * @param imageRows the row of each question's image among {@code imageIds}, {@code [N]}
   * @param targetIndices answer indices, flat {@code [N, slots]}, -1 where unused
   * @param targetScores the scores of those answers, flat {@code [N, slots]}
   * @param slots the number of target slots per question
   * @param imageIds the split's image ids in row order, {@code [M]}, or {@code null}
   * @throws IllegalArgumentException if an array's length does not match N (times
   *     {@code maxLength} or {@code slots})
   */
  public EncodedSplit {
    int n = questionIds.length;
    if (tokens.length != (long) n * maxLength || imageRows.length != n
        || targetIndices.length != (long) n * slots || targetScores.length != (long) n * slots) {
      throw new IllegalArgumentException("encoded split arrays disagree on the question count " + n);
    }
  }

  /**
   * Returns the number of questions.
   *
   * @return N, the length of {@link #questionIds()}
   */
  public int size() {
    return questionIds.length;
  }

  /**
   * Writes the split as HDF5 through a temporary file moved into place, streaming the flat arrays.
   * An empty split, or one without {@code imageIds}, is written with jhdf's whole-dataset writer
   * instead (then {@code image_ids} is left out when {@code imageIds} is null).
   *
   * @param file the HDF5 file to create or replace, usually {@code encoded.h5} in a split directory
   * @throws IOException if the file cannot be written; an existing file is then left as it was
   */
  public void write(Path file) throws IOException {
    int n = size();
    if (n == 0 || imageIds == null || imageIds.length == 0) {
      writeNested(file);
      return;
    }
    AtomicFiles.writeWithPath(file, tmp -> {
      try (Hdf5StreamWriter w = Hdf5StreamWriter.builder(tmp)
          .dataset("question_ids", Hdf5Type.INT64, n)
          .dataset("tokens", Hdf5Type.INT64, n, maxLength)
          .dataset("image_rows", Hdf5Type.INT32, n)
          .dataset("target_indices", Hdf5Type.INT32, n, slots)
          .dataset("target_scores", Hdf5Type.FLOAT32, n, slots)
          .dataset("image_ids", Hdf5Type.INT64, imageIds.length)
          .open()) {
        w.writeLongs("question_ids", questionIds, 0, n);
        w.writeLongs("tokens", tokens, 0, tokens.length);
        w.writeInts("image_rows", imageRows, 0, n);
        w.writeInts("target_indices", targetIndices, 0, targetIndices.length);
        w.writeFloats("target_scores", targetScores, 0, targetScores.length);
        w.writeLongs("image_ids", imageIds, 0, imageIds.length);
      }
    });
  }

  /** jhdf's whole-dataset writer, for the shapes the streaming writer does not take (empty splits). */
  private void writeNested(Path file) throws IOException {
    int n = size();
    long[][] tok = new long[n][maxLength];
    int[][] ti = new int[n][slots];
    float[][] ts = new float[n][slots];
    for (int i = 0; i < n; i++) {
      System.arraycopy(tokens, i * maxLength, tok[i], 0, maxLength);
      System.arraycopy(targetIndices, i * slots, ti[i], 0, slots);
      System.arraycopy(targetScores, i * slots, ts[i], 0, slots);
    }
    AtomicFiles.writeWithPath(file, tmp -> {
      try (WritableHdfFile hdf = HdfFile.write(tmp)) {
        hdf.putDataset("question_ids", questionIds.clone());
        hdf.putDataset("tokens", tok);
        hdf.putDataset("image_rows", imageRows.clone());
        hdf.putDataset("target_indices", ti);
        hdf.putDataset("target_scores", ts);
        if (imageIds != null) {
          hdf.putDataset("image_ids", imageIds.clone());
        }
      }
    });
  }

  /**
   * Reads a split written by {@link #write(Path)}; errors name the file and the dataset.
   *
   * @param file an {@code encoded.h5} file; read whole into memory
   * @return the split, with {@code imageIds} null when the file has no {@code image_ids} dataset
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if the file is not valid HDF5, lacks a dataset, holds a dataset of the
   *     wrong type, or its shapes disagree; the message names the file
   */
  public static EncodedSplit read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "encoded split not found");
    }
    try (HdfFile hdf = new HdfFile(file)) {
      long[] ids = (long[]) flat(hdf, file, "question_ids", long[].class);
      Dataset tokens = dataset(hdf, file, "tokens");
      int[] dims = tokens.getDimensions();
      Dataset ti = dataset(hdf, file, "target_indices");
      int slots = ti.getDimensions().length == 2 ? ti.getDimensions()[1] : 0;
      if (dims.length != 2 || dims[0] != ids.length) {
        throw new IOException(file + ": 'tokens' expects [" + ids.length + ", T], got " + Arrays.toString(dims));
      }
      return new EncodedSplit(ids,
          (long[]) flat(hdf, file, "tokens", long[].class), dims[1],
          (int[]) flat(hdf, file, "image_rows", int[].class),
          (int[]) flat(hdf, file, "target_indices", int[].class),
          (float[]) flat(hdf, file, "target_scores", float[].class), slots,
          hdf.getChildren().containsKey("image_ids")
              ? (long[]) flat(hdf, file, "image_ids", long[].class) : null);
    } catch (RuntimeException e) {
      throw new IOException(file + ": cannot read encoded split: " + e.getMessage(), e);
    }
  }

  private static Dataset dataset(HdfFile hdf, Path file, String name) throws IOException {
    Node node = hdf.getChildren().get(name);
    if (!(node instanceof Dataset d)) {
      throw new IOException(file + ": no dataset '" + name + "' (found " + hdf.getChildren().keySet() + ")");
    }
    return d;
  }

  private static Object flat(HdfFile hdf, Path file, String name, Class<?> type) throws IOException {
    Object data = dataset(hdf, file, name).getDataFlat();
    if (!type.isInstance(data)) {
      throw new IOException(file + ": dataset '" + name + "' should hold " + type.getSimpleName()
          + ", got " + data.getClass().getSimpleName());
    }
    return data;
  }
}
