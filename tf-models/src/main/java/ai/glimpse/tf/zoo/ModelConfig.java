package ai.glimpse.tf.zoo;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The hyperparameters of one architecture; each architecture has its own validated record. In
 * JSON the field {@code "model"} names the architecture.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "model")
@JsonSubTypes({@JsonSubTypes.Type(value = SaaaConfig.class, name = "saaa"),
    @JsonSubTypes.Type(value = SanConfig.class, name = "san"),
    @JsonSubTypes.Type(value = DeeperLstmConfig.class, name = "deeper-lstm"),
    @JsonSubTypes.Type(value = ButdConfig.class, name = "butd"),
    @JsonSubTypes.Type(value = HieCoAttConfig.class, name = "hiecoatt"),
    @JsonSubTypes.Type(value = McbConfig.class, name = "mcb"),
    @JsonSubTypes.Type(value = McanConfig.class, name = "mcan")})
public interface ModelConfig {
  /**
   * Returns the architecture's name as {@code glimpse train --model} takes it.
   *
   * @return one of {@link Models#NAMES}, e.g. {@code saaa} or {@code butd-film}
   */
  String modelName();

  /**
   * Returns where the model's word embeddings start.
   *
   * @return the embedding initialization; never null (the records read null as
   *     {@link EmbeddingInit#RANDOM})
   */
  EmbeddingInit embeddingInit();

  /**
   * Returns the size of the model's word embeddings.
   *
   * @return the embedding dimension, at least 1; with GloVe it equals the prepared vectors' size
   */
  int embeddingDim();

  /**
   * Returns the data sizes the model is built for.
   *
   * @return the vocabulary, question length, answer count and image input shape; never null
   */
  DataShape data();

  /**
   * Returns the loss the architecture is trained with unless the user chooses another:
   * {@code soft-ce} (soft-target softmax cross-entropy) or {@code bce} (binary cross-entropy).
   *
   * @return {@code soft-ce} unless the architecture overrides it ({@code butd}, {@code butd-film}
   *     and {@code mcan} return {@code bce})
   */
  default String defaultLoss() {
    return "soft-ce";
  }

}
