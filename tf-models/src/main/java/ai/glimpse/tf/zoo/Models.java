package ai.glimpse.tf.zoo;

import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.prepare.PreparedDataset;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The model zoo: creates a model from its configuration or its name. */
public final class Models {
  /** The names {@code glimpse train --model} accepts. */
  public static final List<String> NAMES = List.of("deeper-lstm", "saaa", "san", "butd", "butd-film", "hiecoatt", "mcb", "mcan");

  private Models() {}

  /**
   * Creates the model a configuration describes. The model holds no graph state; each
   * {@link VqaModel#build} call adds its ops to the given graph.
   *
   * @param config one of the zoo's configuration records, e.g. from {@link #defaults} or
   *     {@link #withOverrides}
   * @return a new model of the configuration's architecture, keeping {@code config}
   * @throws IllegalArgumentException if {@code config} is not one of the zoo's records
   * @throws NullPointerException if {@code config} is null
   */
  public static VqaModel create(ModelConfig config) {
    if (config instanceof SaaaConfig c) {
      return new Saaa(c);
    }
    if (config instanceof SanConfig c) {
      return new San(c);
    }
    if (config instanceof DeeperLstmConfig c) {
      return new DeeperLstm(c);
    }
    if (config instanceof ButdConfig c) {
      return new Butd(c);
    }
    if (config instanceof HieCoAttConfig c) {
      return new HieCoAtt(c);
    }
    if (config instanceof McbConfig c) {
      return new Mcb(c);
    }
    if (config instanceof McanConfig c) {
      return new Mcan(c);
    }
    throw new IllegalArgumentException("no model for configuration " + config.getClass().getSimpleName());
  }

  /**
   * Returns the image inputs the named model reads, preferred first: {@code butd} reads object
   * features only; {@code mcan} prefers object features (its paper's input), then a feature grid,
   * then pixels; the others read pixels (through their stem), a feature grid or object features.
   *
   * @param name a model name from {@link #NAMES}
   * @return the readable image input kinds, preferred first; an unmodifiable list
   * @throws IllegalArgumentException if {@code name} is not in {@link #NAMES}; the message lists them
   */
  public static List<FeatureKind> imageKinds(String name) {
    return switch (name) {
      case "butd", "butd-film" -> List.of(FeatureKind.OBJECTS);
      case "saaa", "san", "deeper-lstm", "hiecoatt", "mcb" -> List.of(FeatureKind.PIXELS, FeatureKind.GRID, FeatureKind.OBJECTS);
      case "mcan" -> List.of(FeatureKind.OBJECTS, FeatureKind.GRID, FeatureKind.PIXELS);
      default -> throw new IllegalArgumentException("unknown model '" + name + "', expected one of " + NAMES);
    };
  }

  /**
   * Returns the data shape the named model takes from a prepared directory: its vocabulary,
   * question length and answers, and its image input — {@code input} when given, otherwise the
   * first of {@link #imageKinds(String)} the data has.
   *
   * @param name a model name from {@link #NAMES}
   * @param prepared the prepared dataset directory to read the sizes from
   * @param input the image input to use, or {@code null} to take the model's preferred one among
   *     those the data has
   * @return the data shape with the prepared vocabulary size, maximum question length, answer count
   *     and the chosen input's feature shape
   * @throws IllegalArgumentException naming the inputs the data has when none fits, when
   *     {@code input} is given but the model cannot read it or the data lacks it, or when
   *     {@code name} is unknown
   */
  public static DataShape dataShape(String name, PreparedDataset prepared, FeatureKind input) {
    List<FeatureKind> readable = imageKinds(name);
    FeatureKind kind = input;
    if (kind == null) {
      kind = readable.stream().filter(k -> prepared.featureShape(k) != null).findFirst().orElse(null);
    }
    List<String> available = prepared.manifest().features().stream()
        .map(f -> f.shape().kind().cliName()).toList();
    if (kind == null || !readable.contains(kind) || prepared.featureShape(kind) == null) {
      throw new IllegalArgumentException(name + " reads " + readable.stream().map(FeatureKind::cliName).toList()
          + (input == null ? "" : " (asked for " + input.cliName() + ")") + " but " + prepared.dir()
          + " holds " + available + (name.startsWith("butd")
              ? "; prepare with object features (glimpse synth writes objects.h5; glimpse convert-tsv converts bottom-up TSV)"
              : ""));
    }
    return new DataShape(prepared.vocabulary().size(), prepared.manifest().maxQuestionLength(),
        prepared.answers().size(), prepared.featureShape(kind));
  }

  /**
   * Returns the default configuration of the named model for the given data: the record's own
   * {@code defaults} (for {@code butd-film}, {@link ButdConfig#filmDefaults}).
   *
   * @param name a model name from {@link #NAMES}
   * @param data the data sizes the model is built for, e.g. from {@link #dataShape}
   * @param seed the configuration's {@code seed}
   * @return the validated default configuration
   * @throws IllegalArgumentException if {@code name} is unknown, or if {@code data} does not suit
   *     the model (e.g. {@code butd} without object features, or pixels whose size is not divisible
   *     by 8 for a three-stage stem)
   */
  public static ModelConfig defaults(String name, DataShape data, long seed) {
    return switch (name) {
      case "saaa" -> SaaaConfig.defaults(data, seed);
      case "san" -> SanConfig.defaults(data, seed);
      case "deeper-lstm" -> DeeperLstmConfig.defaults(data, seed);
      case "butd" -> ButdConfig.defaults(data, seed);
      case "butd-film" -> ButdConfig.filmDefaults(data, seed);
      case "hiecoatt" -> HieCoAttConfig.defaults(data, seed);
      case "mcb" -> McbConfig.defaults(data, seed);
      case "mcan" -> McanConfig.defaults(data, seed);
      default -> throw new IllegalArgumentException("unknown model '" + name + "', expected one of " + NAMES);
    };
  }

  /**
   * Returns the default configuration of the named model with some fields replaced by those of
   * {@code overrides} (a JSON object such as {@code {"dropout": 0.1, "lstmUnits": 256}}).
   *
   * @param name a model name from {@link #NAMES}
   * @param data the data sizes the model is built for; the field {@code data} cannot be overridden
   * @param seed the configuration's {@code seed}, unless {@code overrides} sets {@code seed}
   * @param overrides a JSON object of configuration fields to replace (any record component except
   *     {@code model} and {@code data}), or {@code null} or blank for the defaults unchanged
   * @return the default configuration with the overridden fields, validated again by its record
   * @throws IllegalArgumentException for an unknown field or an invalid value, naming it; also when
   *     {@code overrides} is not a JSON object or not valid JSON, and in the cases of
   *     {@link #defaults}
   */
  public static ModelConfig withOverrides(String name, DataShape data, long seed, String overrides) {
    ModelConfig base = defaults(name, data, seed);
    if (overrides == null || overrides.isBlank()) {
      return base;
    }
    ObjectMapper json = new ObjectMapper();
    try {
      ObjectNode tree = (ObjectNode) json.valueToTree(base);
      JsonNode patch = json.readTree(overrides);
      if (!patch.isObject()) {
        throw new IllegalArgumentException("model overrides must be a JSON object, got " + overrides);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!tree.has(e.getKey()) || e.getKey().equals("model") || e.getKey().equals("data")) {
          throw new IllegalArgumentException("unknown or fixed " + name + " config field '" + e.getKey()
              + "'; settable fields: " + settable(tree));
        }
        tree.set(e.getKey(), e.getValue());
      }
      return json.treeToValue(tree, ModelConfig.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      throw new IllegalArgumentException("invalid " + name + " config " + overrides + ": "
          + (cause == e ? e.getOriginalMessage() : cause.getMessage()), e);
    }
  }

  private static List<String> settable(ObjectNode tree) {
    List<String> names = new java.util.ArrayList<>();
    tree.fieldNames().forEachRemaining(n -> {
      if (!n.equals("model") && !n.equals("data")) {
        names.add(n);
      }
    });
    return names;
  }
}
