package ai.glimpse.preprocessing.features;

import java.io.IOException;
import java.nio.file.Path;

/** Opens an HDF5 feature file as the kind of source its datasets say it is. */
public final class FeatureFiles {
  private FeatureFiles() {}

  /**
   * Opens {@code path} as object features when it has {@code image_features} or
   * {@code spatial_features} (the {@code convert-tsv} layout), otherwise as a feature grid
   * ({@code image_ids} + {@code features}, or the seeds' {@code img_ids} + {@code img_features}).
   * Errors name the file and the datasets found.
   */
  public static FeatureSource open(Path path) throws IOException {
    boolean objects;
    try (FeatureFile file = FeatureFile.open(path)) {
      objects = file.has(ObjectFeatureStore.IMAGE_FEATURES) || file.has(ObjectFeatureStore.SPATIAL_FEATURES);
    }
    return objects ? ObjectFeatureStore.open(path) : GridFeatureStore.open(path);
  }
}
