package ai.glimpse.tf.train;

import ai.glimpse.preprocessing.format.FormatVersion;
import ai.glimpse.tf.zoo.ModelConfig;
import java.util.Objects;

/**
 * What a run directory was trained with ({@code config.json}).
 *
 * @param formatVersion the version of the run layout ({@code "1.1"}); readers refuse a newer major
 *     version
 * @param model the model's configuration
 * @param train the training configuration
 * @param data the prepared data directory
 * @param dataSha256 the prepared data's hash, from its manifest
 */
public record RunConfig(FormatVersion formatVersion, ModelConfig model, TrainConfig train, String data,
    String dataSha256) {
  /**
   * The run layout version this code writes and the newest it reads. 1.1 made the version
   * {@code MAJOR.MINOR}.
   */
  public static final FormatVersion FORMAT_VERSION = new FormatVersion(1, 1);

  /**
   * Validates the fields.
   *
   * @param formatVersion the version of the run layout, {@link #FORMAT_VERSION} for new runs
   * @param model the model's configuration
   * @param train the training configuration
   * @param data the prepared data directory, absolute
   * @param dataSha256 the prepared data's hash, from its manifest
   * @throws NullPointerException when {@code formatVersion}, {@code model} or {@code train} is null
   */
  public RunConfig {
    Objects.requireNonNull(formatVersion, "formatVersion");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(train, "train");
  }
}
