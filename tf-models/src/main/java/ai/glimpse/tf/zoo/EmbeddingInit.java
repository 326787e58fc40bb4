package ai.glimpse.tf.zoo;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a model's word embeddings start. */
public enum EmbeddingInit {
  /** Seeded random values, trained. */
  @JsonProperty("random")
  RANDOM,
  /** The prepared GloVe vectors ({@code PREPARED/glove.h5}), trained further. */
  @JsonProperty("glove")
  GLOVE,
  /** The prepared GloVe vectors, kept fixed. */
  @JsonProperty("glove-frozen")
  GLOVE_FROZEN
}
