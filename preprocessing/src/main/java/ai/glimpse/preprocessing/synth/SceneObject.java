package ai.glimpse.preprocessing.synth;

import java.util.Objects;

/**
 * One object of a scene: a filled circle, square or triangle drawn around its center pixel.
 *
 * @param color the fill color
 * @param shape the shape
 * @param size the size class
 * @param x the column of the center pixel, 0 at the left
 * @param y the row of the center pixel, 0 at the top
 * @param radius the radius of a circle, or half the side of a square or of a triangle's bounding
 *     box, in pixels; the object lies within {@code [x - radius, x + radius] x [y - radius, y + radius]}
 */
record SceneObject(ObjectColor color, ObjectShape shape, ObjectSize size, int x, int y, int radius) {
  SceneObject {
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(size, "size");
    if (radius < 1) {
      throw new IllegalArgumentException("radius must be >= 1, got " + radius);
    }
  }

  /** Returns the Euclidean distance between the centers of two objects, in pixels. */
  double distanceTo(SceneObject other) {
    return Math.hypot(x - other.x, y - other.y);
  }

  /** Returns whether the center lies in the left half of an image {@code width} pixels wide. */
  boolean isLeft(int width) {
    return 2 * x + 1 < width;
  }

  /** Returns whether the center lies in the top half of an image {@code height} pixels high. */
  boolean isTop(int height) {
    return 2 * y + 1 < height;
  }
}
