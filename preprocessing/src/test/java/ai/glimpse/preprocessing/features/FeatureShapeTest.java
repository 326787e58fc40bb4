package ai.glimpse.preprocessing.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureShapeTest {

  @Test
  void boxesAreTheFirstFourSpatialFeaturesOfEachSlot() {
    FeatureShape shape = FeatureShape.objects(2, 3);
    float[] row = {
        9, 9, 9, 0.1f, 0.2f, 0.5f, 0.6f, 0.4f, 0.4f,
        0, 0, 0, 0, 0, 0, 0, 0, 0};
    float[][] boxes = shape.boxes(row);
    assertArrayEquals(new float[] {0.1f, 0.2f, 0.5f, 0.6f}, boxes[0]);
    assertArrayEquals(new float[4], boxes[1], "a padding slot");
  }

  @Test
  void boxesNeedObjectsOfTheRightLength() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureShape.objects(2, 3).boxes(new float[17]));
    assertTrue(e.getMessage().contains("18"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> FeatureShape.grid(4, 2, 2).boxes(new float[16]));
  }

  @Test
  void objectInputsSplitFeaturesSpatialsAndTheMaskOfRealBoxes() {
    FeatureShape shape = FeatureShape.objects(2, 3);
    float[] joined = {
        1, 2, 3, 0.1f, 0.2f, 0.5f, 0.6f, 0.4f, 0.4f,
        0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0.5f,
        4, 5, 6, 0, 0, 0, 0, 0, 0};
    ObjectInputs in = ObjectInputs.split(joined, shape, 2);
    assertArrayEquals(new float[] {1, 2, 3, 0, 0, 0, 0, 0, 0, 4, 5, 6}, in.features());
    assertArrayEquals(new float[] {0.1f, 0.2f, 0.5f, 0.6f, 0.4f, 0.4f, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0.5f, 0, 0, 0, 0, 0, 0}, in.spatials());
    assertArrayEquals(new float[] {1, 0, 1, 1}, in.mask(), "a slot is real when any of its values is not zero");
    assertArrayEquals(new long[] {2, 2, 3}, in.featuresShape());
    assertArrayEquals(new long[] {2, 2, 6}, in.spatialsShape());
    assertArrayEquals(new long[] {2, 2}, in.maskShape());
    assertThrows(IllegalArgumentException.class, () -> ObjectInputs.split(joined, shape, 3));
    assertThrows(IllegalArgumentException.class, () -> ObjectInputs.split(new float[48], FeatureShape.grid(3, 4, 4), 1));
  }
}
