package ai.glimpse.tf.train;

import ai.glimpse.tf.zoo.ModelConfig;
import java.util.Objects;

/**
 * What a run directory was trained with ({@code config.json}).
 *
 * @param formatVersion the version of the run layout
 * @param model the model's configuration
 * @param train the training configuration
 * @param data the prepared data directory
 * @param dataSha256 the prepared data's hash, from its manifest
 */
public record RunConfig(int formatVersion, ModelConfig model, TrainConfig train, String data,
    String dataSha256) {
  /** The run layout version this code writes. */
  public static final int FORMAT_VERSION = 1;

  /** Validates the fields. */
  public RunConfig {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(train, "train");
  }
}
