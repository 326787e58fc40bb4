package ai.glimpse.preprocessing.format;

import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.text.TokenizerConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an exported Glimpse model carries in its ONNX {@code metadata_props}, so that the file
 * alone is enough to predict: the question vocabulary and tokenizer, the answers, the image
 * input's shape, the model configuration (JSON) and provenance. Written by the exporter in
 * {@code tf-models}, read by the predictor in {@code onnx-runtime}.
 *
 * @param formatVersion the metadata format version ({@code glimpse.format_version}, e.g.
 *     {@code "1.1"}); readers refuse a newer major version
 * @param model the architecture name, e.g. {@code saaa}
 * @param tokenizer the tokenizer settings
 * @param vocabulary the question tokens in index order
 * @param answers the answers in index order (the columns of {@code answer_probs})
 * @param imageInput the name and per-image shape of the image input
 * @param configJson the model configuration as JSON
 * @param provenance where the model came from
 */
public record ModelMetadata(
    FormatVersion formatVersion,
    String model,
    TokenizerConfig tokenizer,
    List<String> vocabulary,
    List<String> answers,
    ImageInput imageInput,
    String configJson,
    Provenance provenance) {

  /**
   * The metadata format this code writes and the newest it reads. 1.0: the first release; 1.1:
   * the tokenizer kind and split object inputs ({@code object_features}, {@code object_spatials},
   * {@code object_mask}); the version became {@code MAJOR.MINOR}.
   */
  public static final FormatVersion FORMAT_VERSION = new FormatVersion(1, 1);
  /** The prefix of every key Glimpse writes. */
  public static final String PREFIX = "glimpse.";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Validates the fields.
   *
   * @param formatVersion the metadata format version, {@link #FORMAT_VERSION} for new exports
   * @param model the architecture name, e.g. {@code saaa}
   * @param tokenizer the tokenizer settings
   * @param vocabulary the question tokens in index order; copied
   * @param answers the answers in index order; copied
   * @param imageInput the name and per-image shape of the image input
   * @param configJson the model configuration as JSON
   * @param provenance where the model came from
   * @throws NullPointerException when a field other than {@code configJson} is null
   */
  public ModelMetadata {
    Objects.requireNonNull(formatVersion, "formatVersion");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(tokenizer, "tokenizer");
    vocabulary = List.copyOf(vocabulary);
    answers = List.copyOf(answers);
    Objects.requireNonNull(imageInput, "imageInput");
    Objects.requireNonNull(provenance, "provenance");
  }

  /**
   * The image input of the model.
   *
   * @param name the ONNX input name, e.g. {@code image_pixels}
   * @param shape what one image is: pixels {@code [3, H, W]}, a grid {@code [C, H, W]} or objects
   *     {@code [K, D + 6]}
   */
  public record ImageInput(String name, FeatureShape shape) {
    /**
     * Validates the fields.
     *
     * @param name the ONNX input name
     * @param shape what one image is
     */
    public ImageInput {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(shape, "shape");
    }
  }

  /**
   * Where a model came from.
   *
   * @param glimpseVersion the Glimpse version that exported it
   * @param dataSha256 the hash of the prepared training data
   * @param bestEpoch the epoch whose weights were exported
   * @param valAccuracy that epoch's validation accuracy, percent
   * @param parityMaxAbsDiff the largest difference between TensorFlow and ONNX Runtime
   *     probabilities measured at export, or null when not measured
   * @param parityQuestions the number of questions of that measurement
   */
  public record Provenance(String glimpseVersion, String dataSha256, int bestEpoch,
      double valAccuracy, Double parityMaxAbsDiff, int parityQuestions) {}

  /**
   * Returns a copy whose provenance records a TF-vs-ONNX parity measurement.
   *
   * @param maxAbsDiff the largest absolute difference between the two runtimes' answer
   *     probabilities
   * @param questions the number of questions compared
   * @return the copy; this one is unchanged
   */
  public ModelMetadata withParity(double maxAbsDiff, int questions) {
    Provenance p = provenance;
    return new ModelMetadata(formatVersion, model, tokenizer, vocabulary, answers, imageInput, configJson,
        new Provenance(p.glimpseVersion(), p.dataSha256(), p.bestEpoch(), p.valAccuracy(), maxAbsDiff, questions));
  }

  /**
   * Returns the metadata as ONNX {@code metadata_props} entries.
   *
   * @return keys prefixed with {@link #PREFIX}, values as text (lists and records as JSON), in a
   *     fixed order
   */
  public Map<String, String> toProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    try {
      props.put(PREFIX + "format_version", formatVersion.toString());
      props.put(PREFIX + "model", model);
      props.put(PREFIX + "tokenizer", JSON.writeValueAsString(tokenizer));
      props.put(PREFIX + "vocabulary", JSON.writeValueAsString(vocabulary));
      props.put(PREFIX + "answers", JSON.writeValueAsString(answers));
      props.put(PREFIX + "image_input", JSON.writeValueAsString(imageInput));
      props.put(PREFIX + "config", configJson);
      props.put(PREFIX + "provenance", JSON.writeValueAsString(provenance));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize model metadata", e);
    }
    return props;
  }

  /**
   * Reads metadata from ONNX {@code metadata_props}.
   *
   * @param props the model's {@code metadata_props}
   * @param source names the file in errors
   * @return the metadata
   *
   * @throws IllegalArgumentException when a key is missing or malformed
   * @throws FormatVersion.UnsupportedFormatException when the format's major version is newer than
   *     {@link #FORMAT_VERSION}'s
   */
  public static ModelMetadata fromProperties(Map<String, String> props, String source) {
    String version = require(props, "format_version", source);
    FormatVersion formatVersion;
    try {
      formatVersion = FormatVersion.parse(version);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": metadata 'glimpse.format_version': " + e.getMessage());
    }
    formatVersion.requireReadableBy(FORMAT_VERSION, source + " (ONNX metadata 'glimpse.format_version')");
    try {
      return new ModelMetadata(formatVersion,
          require(props, "model", source),
          JSON.readValue(require(props, "tokenizer", source), TokenizerConfig.class),
          JSON.readValue(require(props, "vocabulary", source), new TypeReference<List<String>>() {}),
          JSON.readValue(require(props, "answers", source), new TypeReference<List<String>>() {}),
          JSON.readValue(require(props, "image_input", source), ImageInput.class),
          require(props, "config", source),
          JSON.readValue(require(props, "provenance", source), Provenance.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": malformed Glimpse metadata: " + e.getOriginalMessage(), e);
    }
  }

  private static String require(Map<String, String> props, String key, String source) {
    String value = props.get(PREFIX + key);
    if (value == null) {
      throw new IllegalArgumentException(source + ": not a Glimpse model, metadata key '" + PREFIX + key
          + "' is missing (found keys " + props.keySet() + ")");
    }
    return value;
  }
}
