package ai.glimpse.preprocessing.synth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of synthetic dataset that {@link SyntheticGenerator} can write. */
public enum Preset {
  /**
   * 64x64 images of 3 to 8 colored circles, squares and triangles in two sizes, with 10 questions
   * per image over existence, comparison, counting, attributes, position and distance.
   */
  SHAPES("shapes", 64, 10, 8),
  /**
   * Sort-of-CLEVR (Santoro et al. 2017): 75x75 images of 6 objects, one per color, each a square
   * or a circle, with 10 non-relational and 10 relational questions per image.
   */
  SORT_OF_CLEVR("sort-of-clevr", 75, 20, 6);

  private final String cliName;
  private final int imageSize;
  private final int questionsPerImage;
  private final int maxObjects;

  Preset(String cliName, int imageSize, int questionsPerImage, int maxObjects) {
    this.cliName = cliName;
    this.imageSize = imageSize;
    this.questionsPerImage = questionsPerImage;
    this.maxObjects = maxObjects;
  }

  /**
   * Returns the largest number of objects in one image (the box slots of the object features).
   *
   * @return 8 for {@link #SHAPES}, 6 for {@link #SORT_OF_CLEVR}
   */
  public int maxObjects() {
    return maxObjects;
  }

  /**
   * Returns the name used on the command line.
   *
   * @return the lower-case name, {@code "shapes"} or {@code "sort-of-clevr"}
   */
  public String cliName() {
    return cliName;
  }

  /**
   * Returns the side of the square images.
   *
   * @return the width and height in pixels: 64 for {@link #SHAPES}, 75 for {@link #SORT_OF_CLEVR}
   */
  public int imageSize() {
    return imageSize;
  }

  /**
   * Returns the number of questions asked about each image.
   *
   * @return 10 for {@link #SHAPES}, 20 for {@link #SORT_OF_CLEVR}
   */
  public int questionsPerImage() {
    return questionsPerImage;
  }

  /**
   * Returns the preset with the given command-line name (case-insensitive).
   *
   * @param name the name, e.g. {@code "Sort-of-CLEVR"}; surrounding whitespace is ignored, and
   *     {@code null} fails like an unknown name
   * @return the preset
   * @throws IllegalArgumentException naming the valid names if there is no such preset
   */
  public static Preset fromCliName(String name) {
    if (name != null) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      for (Preset p : values()) {
        if (p.cliName.equals(wanted)) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException("unknown preset '" + name + "', expected one of "
        + Arrays.stream(values()).map(Preset::cliName).collect(Collectors.joining(", ", "[", "]")));
  }
}
