package ai.glimpse.preprocessing.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a model sees of an image: raw pixels (through a convolutional stem), a CNN feature grid,
 * or a set of detected objects. Each kind has its own graph and ONNX input name.
 */
public enum FeatureKind {
  /** Pixels {@code [3, H, W]} in [0, 1]. */
  PIXELS("image_pixels"),
  /** A feature grid {@code [C, H, W]}, e.g. ResNet-152's {@code 2048×14×14}. */
  GRID("image_grid"),
  /**
   * Object features {@code [K, D + 6]}: each box's features followed by its 6 spatial features,
   * all zero for padding slots beyond the image's box count.
   */
  OBJECTS("image_objects");

  private final String inputName;

  FeatureKind(String inputName) {
    this.inputName = inputName;
  }

  /** Returns the name of the graph and ONNX input that takes this kind, e.g. {@code image_grid}. */
  public String inputName() {
    return inputName;
  }

  /** Returns the name used on the command line and in JSON: {@code pixels}, {@code grid}, {@code objects}. */
  @JsonValue
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@link #cliName()}; an unknown name lists the known ones. */
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
