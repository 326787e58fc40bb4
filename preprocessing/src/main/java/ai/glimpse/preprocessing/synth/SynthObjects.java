package ai.glimpse.preprocessing.synth;

import ai.glimpse.preprocessing.features.ObjectFeatureStore;
import ai.glimpse.preprocessing.io.AtomicFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The object features of a synthetic split, as a bottom-up detector would give them for free:
 * each object's box (its drawn extent, one pixel of background around it), the box's pixels
 * resized to a {@value #PATCH}×{@value #PATCH} RGB patch as its features ({@code [3, P, P]}
 * flat, in [0, 1]), and the 6 spatial features of the GQA seed. Written in the layout
 * {@code glimpse convert-tsv} writes ({@code image_ids}, {@code image_features},
 * {@code image_bb}, {@code spatial_features}, {@code num_boxes}), padded to the preset's largest
 * object count.
 */
final class SynthObjects {
  /** The side of an object's patch, in pixels. */
  static final int PATCH = 8;
  /** The features of one object. */
  static final int FEATURE_DIM = 3 * PATCH * PATCH;

  private final int maxBoxes;
  private final long[] ids;
  private final float[][][] features;
  private final float[][][] boxes;
  private final float[][][] spatial;
  private final int[] counts;
  private int next;

  SynthObjects(int images, int maxBoxes) {
    this.maxBoxes = maxBoxes;
    this.ids = new long[images];
    this.features = new float[images][maxBoxes][FEATURE_DIM];
    this.boxes = new float[images][maxBoxes][4];
    this.spatial = new float[images][maxBoxes][6];
    this.counts = new int[images];
  }

  /** Adds the objects of the next image, rendered as {@code image}. */
  void add(Scene scene, BufferedImage image) {
    int row = next++;
    ids[row] = scene.imageId();
    if (scene.objects().size() > maxBoxes) {
      throw new IllegalStateException("image " + scene.imageId() + " has " + scene.objects().size()
          + " objects, more than the " + maxBoxes + " box slots");
    }
    float w = scene.width();
    float h = scene.height();
    for (int k = 0; k < scene.objects().size(); k++) {
      SceneObject o = scene.objects().get(k);
      int x1 = Math.max(0, o.x() - o.radius() - 1);
      int y1 = Math.max(0, o.y() - o.radius() - 1);
      int x2 = Math.min(scene.width(), o.x() + o.radius() + 2);
      int y2 = Math.min(scene.height(), o.y() + o.radius() + 2);
      patch(image, x1, y1, x2, y2, features[row][k]);
      boxes[row][k] = new float[] {x1, y1, x2, y2};
      spatial[row][k] = new float[] {x1 / w, y1 / h, x2 / w, y2 / h, (x2 - x1) / w, (y2 - y1) / h};
    }
    counts[row] = scene.objects().size();
  }

  /** Resizes the box {@code [x1, x2) × [y1, y2)} of {@code image} to a patch by area averaging. */
  static void patch(BufferedImage image, int x1, int y1, int x2, int y2, float[] out) {
    int plane = PATCH * PATCH;
    for (int py = 0; py < PATCH; py++) {
      int sy0 = y1 + (y2 - y1) * py / PATCH;
      int sy1 = Math.max(sy0 + 1, y1 + (y2 - y1) * (py + 1) / PATCH);
      for (int px = 0; px < PATCH; px++) {
        int sx0 = x1 + (x2 - x1) * px / PATCH;
        int sx1 = Math.max(sx0 + 1, x1 + (x2 - x1) * (px + 1) / PATCH);
        double r = 0;
        double g = 0;
        double b = 0;
        int n = 0;
        for (int y = sy0; y < sy1; y++) {
          for (int x = sx0; x < sx1; x++) {
            int rgb = image.getRGB(x, y);
            r += (rgb >> 16) & 0xff;
            g += (rgb >> 8) & 0xff;
            b += rgb & 0xff;
            n++;
          }
        }
        int i = py * PATCH + px;
        out[i] = (float) (r / n / 255);
        out[plane + i] = (float) (g / n / 255);
        out[2 * plane + i] = (float) (b / n / 255);
      }
    }
  }

  /** Writes {@code objects.h5} through a temporary file moved into place. */
  void write(Path file) throws IOException {
    if (next != ids.length) {
      throw new IllegalStateException("object features of " + next + " of " + ids.length + " images added");
    }
    AtomicFiles.writeWithPath(file, tmp -> {
      try (WritableHdfFile hdf = HdfFile.write(tmp)) {
        hdf.putDataset(ObjectFeatureStore.IMAGE_IDS, ids);
        hdf.putDataset(ObjectFeatureStore.IMAGE_FEATURES, features);
        hdf.putDataset(ObjectFeatureStore.IMAGE_BB, boxes);
        hdf.putDataset(ObjectFeatureStore.SPATIAL_FEATURES, spatial);
        hdf.putDataset(ObjectFeatureStore.NUM_BOXES, counts);
      }
    });
  }
}
