package ai.glimpse.tf.zoo;

import java.util.List;

/** The model zoo: creates a model from its configuration or its name. */
public final class Models {
  /** The names {@code glimpse train --model} accepts. */
  public static final List<String> NAMES = List.of("saaa");

  private Models() {}

  /** Creates the model a configuration describes. */
  public static VqaModel create(ModelConfig config) {
    if (config instanceof SaaaConfig c) {
      return new Saaa(c);
    }
    throw new IllegalArgumentException("no model for configuration " + config.getClass().getSimpleName());
  }

  /** Returns the default configuration of the named model for the given data. */
  public static ModelConfig defaults(String name, DataShape data, long seed) {
    return switch (name) {
      case "saaa" -> SaaaConfig.defaults(data, seed);
      default -> throw new IllegalArgumentException("unknown model '" + name + "', expected one of " + NAMES);
    };
  }
}
