package ai.glimpse.preprocessing.features;

/**
 * The object features of one image as an {@link ObjectFeatureStore} holds them, padded to the
 * store's {@code K} boxes with zeros after the first {@code boxCount}.
 *
 * @param imageId the image id
 * @param boxCount the number of real boxes, {@code <= K}
 * @param features the box features, flat {@code [K, D]}
 * @param spatial the spatial features, flat {@code [K, 6]}: (x1/w, y1/h, x2/w, y2/h, (x2-x1)/w, (y2-y1)/h)
 * @param boxes the boxes in pixels, flat {@code [K, 4]} (x1, y1, x2, y2); empty when the file has
 *     no {@code image_bb} dataset
 */
public record ObjectFeatures(long imageId, int boxCount, float[] features, float[] spatial, float[] boxes) {

  /**
   * Validates the box count and the spatial feature length. The arrays are kept, not copied.
   *
   * @param imageId the image id
   * @param boxCount the number of real boxes, {@code >= 0} and at most {@code spatial.length / 6}
   * @param features the box features, flat {@code [K, D]}
   * @param spatial the spatial features, flat {@code [K, 6]}; its length is a multiple of 6
   * @param boxes the boxes in pixels, flat {@code [K, 4]}, or empty
   * @throws IllegalArgumentException if {@code boxCount} is negative or {@code spatial} does not
   *     hold whole boxes, at least {@code boxCount} of them
   */
  public ObjectFeatures {
    if (boxCount < 0) {
      throw new IllegalArgumentException("image " + imageId + ": boxCount must be >= 0, got " + boxCount);
    }
    if (spatial.length % ObjectFeatureStore.SPATIAL_DIM != 0
        || spatial.length / ObjectFeatureStore.SPATIAL_DIM < boxCount) {
      throw new IllegalArgumentException("image " + imageId + ": spatial features of " + spatial.length
          + " floats do not hold " + boxCount + " boxes of 6");
    }
  }

  /**
   * Returns the number of box slots {@code K}, real and padding.
   *
   * @return {@code spatial.length / 6}
   */
  public int maxBoxes() {
    return spatial.length / ObjectFeatureStore.SPATIAL_DIM;
  }
}
