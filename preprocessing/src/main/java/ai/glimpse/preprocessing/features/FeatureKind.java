package ai.glimpse.preprocessing.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a model sees of an image: raw pixels (through a convolutional stem), a CNN feature grid,
 * or a set of detected objects. Each kind has its own graph and ONNX input name.
 */
public enum FeatureKind {
  /** Pixels {@code [3, H, W]} in [0, 1]. */
  PIXELS("image_pixels"),
  /** A feature grid {@code [C, H, W]}, e.g. ResNet-152's {@code 2048×14×14}. */
  GRID("image_features"),
  /**
   * Object features {@code [K, D + 6]}: each box's features followed by its 6 spatial features,
   * all zero for padding slots beyond the image's box count.
   */
  OBJECTS("image_objects");

  /** The exported model's input of object features {@code [batch, K, D]}. */
  public static final String OBJECT_FEATURES = "object_features";
  /** The exported model's input of object boxes' spatial features {@code [batch, K, 6]}. */
  public static final String OBJECT_SPATIALS = "object_spatials";
  /** The exported model's input of which object slots are real (1) or padding (0), {@code [batch, K]}. */
  public static final String OBJECT_MASK = "object_mask";

  private final String inputName;

  FeatureKind(String inputName) {
    this.inputName = inputName;
  }

  /**
   * Returns the name of the graph input that takes this kind ({@code image_pixels},
   * {@code image_features} or {@code image_objects}); for pixels and grids also the ONNX input.
   *
   * @return the graph input name, never null
   */
  public String inputName() {
    return inputName;
  }

  /**
   * Returns the inputs of an exported model that carry this kind: {@code image_pixels},
   * {@code image_features}, or for objects {@link #OBJECT_FEATURES}, {@link #OBJECT_SPATIALS} and
   * {@link #OBJECT_MASK} (see {@link ObjectInputs}).
   *
   * @return the ONNX input names in input order: one for pixels and grids, three for objects;
   *     an immutable list
   */
  public List<String> onnxInputs() {
    return this == OBJECTS ? List.of(OBJECT_FEATURES, OBJECT_SPATIALS, OBJECT_MASK) : List.of(inputName);
  }

  /**
   * Returns the name used on the command line and in JSON.
   *
   * @return the lower-case constant name: {@code pixels}, {@code grid} or {@code objects}
   */
  @JsonValue
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a {@link #cliName()}; an unknown name lists the known ones.
   *
   * @param name a CLI name or constant name, case-insensitive ({@code grid}, {@code GRID})
   * @return the matching kind
   * @throws IllegalArgumentException if no kind has that name (also for null); the message lists
   *     the known names
   */
  @JsonCreator
  public static FeatureKind parse(String name) {
    for (FeatureKind k : values()) {
      if (k.cliName().equalsIgnoreCase(name) || k.name().equalsIgnoreCase(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown image input '" + name + "', expected one of "
        + Arrays.stream(values()).map(FeatureKind::cliName).toList());
  }
}
