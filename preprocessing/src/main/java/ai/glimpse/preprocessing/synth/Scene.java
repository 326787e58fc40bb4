package ai.glimpse.preprocessing.synth;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One synthetic image before rendering: its id, file name, size, background and objects.
 *
 * @param imageId the image id, also the trailing digits of the file name
 * @param fileName the PNG file name, e.g. {@code synth_train_000000000001.png}
 * @param width the width in pixels
 * @param height the height in pixels
 * @param background the background color as {@code 0xRRGGBB}
 * @param objects the objects, in drawing order; they neither overlap nor touch the border
 */
record Scene(long imageId, String fileName, int width, int height, int background,
    List<SceneObject> objects) {
  Scene {
    Objects.requireNonNull(fileName, "fileName");
    objects = List.copyOf(objects);
  }

  /**
   * Returns the object closest to (or furthest from) {@code ref}, or null unless it beats the
   * runner-up by at least {@code margin} pixels, so that the answer is visible at a glance.
   */
  SceneObject extreme(SceneObject ref, boolean closest, double margin) {
    Comparator<SceneObject> byDistance = Comparator.comparingDouble(ref::distanceTo);
    List<SceneObject> others = objects.stream()
        .filter(o -> o != ref)
        .sorted(closest ? byDistance : byDistance.reversed())
        .toList();
    if (others.isEmpty()) {
      return null;
    }
    if (others.size() >= 2
        && Math.abs(ref.distanceTo(others.get(0)) - ref.distanceTo(others.get(1))) < margin) {
      return null;
    }
    return others.get(0);
  }
}
