package ai.glimpse.preprocessing.features;

import java.io.IOException;
import java.nio.file.Path;

/** Opens an HDF5 feature file as the kind of source its datasets say it is. */
public final class FeatureFiles {
  private FeatureFiles() {}

  /**
   * Opens {@code path} as object features when it has {@code image_features} or
   * {@code spatial_features} (the {@code convert-tsv} layout), otherwise as a feature grid
   * ({@code image_ids} + {@code features}, or the seeds' {@code img_ids} + {@code img_features}),
   * or as the pixels of a prepared split ({@code image_ids} + {@code pixels}, a {@link PixelStore}
   * read into memory) when it has a {@code pixels} dataset. Errors name the file and the datasets
   * found. The caller closes what it opens.
   *
   * @param path the HDF5 feature file
   * @return an open {@link ObjectFeatureStore}, {@link GridFeatureStore} or {@link PixelStore},
   *     never null; the caller closes it (try-with-resources)
   * @throws IOException if the file is missing, is not readable HDF5, or lacks the datasets of
   *     every layout or has them with the wrong shapes or types; the message names the file
   */
  public static FeatureSource open(Path path) throws IOException {
    boolean objects;
    boolean pixels;
    try (FeatureFile file = FeatureFile.open(path)) {
      objects = file.has(ObjectFeatureStore.IMAGE_FEATURES) || file.has(ObjectFeatureStore.SPATIAL_FEATURES);
      pixels = !objects && file.has(PixelStore.PIXELS);
    }
    if (objects) {
      return ObjectFeatureStore.open(path);
    }
    return pixels ? PixelStore.read(path) : GridFeatureStore.open(path);
  }
}
