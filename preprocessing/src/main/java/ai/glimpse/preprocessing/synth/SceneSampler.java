package ai.glimpse.preprocessing.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Samples random scenes of non-overlapping objects for each preset. */
final class SceneSampler {
  /** Background colors of the shapes preset: black and dark gray. */
  private static final int[] SHAPES_BACKGROUNDS = {0x000000, 0x303030};

  /** Sort-of-CLEVR draws on white, as the original generator does. */
  private static final int SORT_OF_CLEVR_BACKGROUND = 0xFFFFFF;

  /** The radius of every Sort-of-CLEVR object, as in the original generator. */
  static final int SORT_OF_CLEVR_RADIUS = ObjectSize.SMALL.radius();

  /**
   * Neighbouring bounding boxes are this far apart on at least one axis, beyond the two radii,
   * which leaves at least two background pixels between any two objects.
   */
  private static final int GAP = 3;

  /** Background pixels kept between every object and the image border. */
  private static final int BORDER = 1;

  private static final int PLACEMENT_TRIES = 200;
  private static final int SCENE_TRIES = 10_000;

  private SceneSampler() {}

  /** Samples a shapes scene: 3 to 8 objects of random color, shape and size. */
  static Scene shapes(long imageId, String fileName, SplittableRandom rng) {
    int size = Preset.SHAPES.imageSize();
    for (int attempt = 0; attempt < SCENE_TRIES; attempt++) {
      int background = SHAPES_BACKGROUNDS[rng.nextInt(SHAPES_BACKGROUNDS.length)];
      int count = 3 + rng.nextInt(6);
      List<SceneObject> objects = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        ObjectColor color = pick(ObjectColor.SHAPES_PALETTE, rng);
        ObjectShape shape = ObjectShape.values()[rng.nextInt(ObjectShape.values().length)];
        ObjectSize objectSize = ObjectSize.values()[rng.nextInt(ObjectSize.values().length)];
        SceneObject placed = place(objects, color, shape, objectSize, objectSize.radius(), size,
            false, rng);
        if (placed == null) {
          break;
        }
        objects.add(placed);
      }
      if (objects.size() == count) {
        return new Scene(imageId, fileName, size, size, background, objects);
      }
    }
    throw new IllegalStateException("could not place the objects of image " + imageId);
  }

  /**
   * Samples a Sort-of-CLEVR scene: one object of each of the six colors, each a square or a
   * circle of the same size, with no center on the vertical or horizontal midline so that every
   * object is clearly left or right, top or bottom.
   */
  static Scene sortOfClevr(long imageId, String fileName, SplittableRandom rng) {
    int size = Preset.SORT_OF_CLEVR.imageSize();
    for (int attempt = 0; attempt < SCENE_TRIES; attempt++) {
      List<SceneObject> objects = new ArrayList<>();
      for (ObjectColor color : ObjectColor.SORT_OF_CLEVR_PALETTE) {
        ObjectShape shape = pick(ObjectShape.SORT_OF_CLEVR_SHAPES, rng);
        SceneObject placed = place(objects, color, shape, ObjectSize.SMALL, SORT_OF_CLEVR_RADIUS,
            size, true, rng);
        if (placed == null) {
          break;
        }
        objects.add(placed);
      }
      if (objects.size() == ObjectColor.SORT_OF_CLEVR_PALETTE.size()) {
        return new Scene(imageId, fileName, size, size, SORT_OF_CLEVR_BACKGROUND, objects);
      }
    }
    throw new IllegalStateException("could not place the objects of image " + imageId);
  }

  /** Returns the object at a random free position, or null if none was found. */
  private static SceneObject place(List<SceneObject> others, ObjectColor color, ObjectShape shape,
      ObjectSize objectSize, int radius, int imageSize, boolean avoidMidlines,
      SplittableRandom rng) {
    int lo = radius + BORDER;
    int span = imageSize - 2 * lo;
    for (int t = 0; t < PLACEMENT_TRIES; t++) {
      int x = lo + rng.nextInt(span);
      int y = lo + rng.nextInt(span);
      if (avoidMidlines && (nearMidline(x, imageSize) || nearMidline(y, imageSize))) {
        continue;
      }
      if (isFree(others, x, y, radius)) {
        return new SceneObject(color, shape, objectSize, x, y, radius);
      }
    }
    return null;
  }

  /** Whether the pixel center {@code c + 0.5} lies within 1.5 pixels of the midline. */
  static boolean nearMidline(int c, int imageSize) {
    return Math.abs(2 * c + 1 - imageSize) <= 2;
  }

  private static boolean isFree(List<SceneObject> others, int x, int y, int radius) {
    for (SceneObject o : others) {
      int reach = radius + o.radius() + GAP;
      if (Math.abs(x - o.x()) < reach && Math.abs(y - o.y()) < reach) {
        return false;
      }
    }
    return true;
  }

  static <T> T pick(List<T> items, SplittableRandom rng) {
    return items.get(rng.nextInt(items.size()));
  }
}
