package ai.glimpse.tf.zoo;

import ai.glimpse.preprocessing.features.FeatureKind;
import java.util.Objects;

/**
 * Bottom-Up Top-Down attention (Anderson et al. 2018) as in the GQA seed's implementation, and
 * its FiLM variant ({@code butd-film}, the same record with {@link Fusion#FILM}).
 *
 * @param data the data sizes; the image input must be object features
 * @param embeddingDim word embedding size
 * @param gruUnits the GRU's state size per direction (the question vector has
 *     {@code gruUnits · (bidirectional ? 2 : 1)} values)
 * @param gruLayers stacked GRU layers
 * @param bidirectional whether each GRU layer also reads the question backwards
 * @param hiddenUnits the size of the weight-normalized projections and of the joint
 *     representation; the classifier's hidden layer has twice as many
 * @param attentionDropout dropout on the joint attention features, in [0, 1)
 * @param dropout dropout in the classifier, in [0, 1)
 * @param seed the seed of the weights and dropout masks
 * @param embeddingInit where the word embeddings start ({@code null} reads as random)
 * @param fusion how the question steers the attention over objects ({@code null} reads as
 *     {@link Fusion#PRODUCT})
 */
public record ButdConfig(
    DataShape data,
    int embeddingDim,
    int gruUnits,
    int gruLayers,
    boolean bidirectional,
    int hiddenUnits,
    double attentionDropout,
    double dropout,
    long seed,
    EmbeddingInit embeddingInit,
    Fusion fusion) implements ModelConfig {

  /** How the question meets the objects in the attention. */
  public enum Fusion {
    /** The seed's BUTD: projected objects times the projected question. */
    PRODUCT,
    /**
     * FiLM (Perez et al. 2018): the question predicts a feature-wise scale γ and shift β of the
     * projected objects, {@code ReLU((1 + γ) ⊙ v + β)}; the GQA seed's variant.
     */
    FILM
  }

  /**
   * A configuration with the seed's product fusion ({@link Fusion#PRODUCT}).
   *
   * @param data the data sizes; the image input must be object features
   * @param embeddingDim word embedding size
   * @param gruUnits the GRU's state size per direction (the question vector has
   *     {@code gruUnits · (bidirectional ? 2 : 1)} values)
   * @param gruLayers stacked GRU layers
   * @param bidirectional whether each GRU layer also reads the question backwards
   * @param hiddenUnits the size of the weight-normalized projections and of the joint
   *     representation; the classifier's hidden layer has twice as many
   * @param attentionDropout dropout on the joint attention features, in [0, 1)
   * @param dropout dropout in the classifier, in [0, 1)
   * @param seed the seed of the weights and dropout masks
   * @param embeddingInit where the word embeddings start ({@code null} reads as random)
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalArgumentException if {@code data}'s image input is not object features, if
   *     {@code embeddingDim}, {@code gruUnits}, {@code gruLayers} or {@code hiddenUnits} is below 1,
   *     or if a dropout rate is outside [0, 1)
   */
  public ButdConfig(DataShape data, int embeddingDim, int gruUnits, int gruLayers, boolean bidirectional,
      int hiddenUnits, double attentionDropout, double dropout, long seed, EmbeddingInit embeddingInit) {
    this(data, embeddingDim, gruUnits, gruLayers, bidirectional, hiddenUnits, attentionDropout, dropout,
        seed, embeddingInit, Fusion.PRODUCT);
  }

  /**
   * Validates the sizes, the rates and the input kind; a null {@code embeddingInit} becomes
   * {@link EmbeddingInit#RANDOM} and a null {@code fusion} {@link Fusion#PRODUCT}.
   *
   * @param data the data sizes; the image input must be object features
   * @param embeddingDim word embedding size
   * @param gruUnits the GRU's state size per direction (the question vector has
   *     {@code gruUnits · (bidirectional ? 2 : 1)} values)
   * @param gruLayers stacked GRU layers
   * @param bidirectional whether each GRU layer also reads the question backwards
   * @param hiddenUnits the size of the weight-normalized projections and of the joint
   *     representation; the classifier's hidden layer has twice as many
   * @param attentionDropout dropout on the joint attention features, in [0, 1)
   * @param dropout dropout in the classifier, in [0, 1)
   * @param seed the seed of the weights and dropout masks
   * @param embeddingInit where the word embeddings start ({@code null} reads as random)
   * @param fusion how the question steers the attention over objects ({@code null} reads as
   *     {@link Fusion#PRODUCT})
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalArgumentException if {@code data}'s image input is not object features, if
   *     {@code embeddingDim}, {@code gruUnits}, {@code gruLayers} or {@code hiddenUnits} is below 1,
   *     or if a dropout rate is outside [0, 1)
   */
  public ButdConfig {
    Objects.requireNonNull(data, "data");
    if (embeddingInit == null) {
      embeddingInit = EmbeddingInit.RANDOM;
    }
    if (fusion == null) {
      fusion = Fusion.PRODUCT;
    }
    if (data.imageKind() != FeatureKind.OBJECTS) {
      throw new IllegalArgumentException("butd attends over object features; the data gives "
          + data.image() + " (prepare with object features, e.g. the synthetic objects.h5 or convert-tsv output)");
    }
    ConfigChecks.positive("embeddingDim", embeddingDim);
    ConfigChecks.positive("gruUnits", gruUnits);
    ConfigChecks.positive("gruLayers", gruLayers);
    ConfigChecks.positive("hiddenUnits", hiddenUnits);
    ConfigChecks.dropout(attentionDropout);
    ConfigChecks.dropout(dropout);
  }

  /**
   * The defaults for small synthetic scenes (the seed uses 300-d GloVe, 1024 GRU and hidden
   * units): 64-d random embeddings, one unidirectional GRU layer of 256 units, 256 hidden units,
   * attention dropout 0.2, classifier dropout 0.5, product fusion.
   *
   * @param data the data sizes; the image input must be object features
   * @param seed the seed of the weights and dropout masks
   * @return a validated configuration whose {@link #modelName()} is {@code butd}
   * @throws IllegalArgumentException if {@code data}'s image input is not object features
   */
  public static ButdConfig defaults(DataShape data, long seed) {
    return new ButdConfig(data, 64, 256, 1, false, 256, 0.2, 0.5, seed, EmbeddingInit.RANDOM, Fusion.PRODUCT);
  }

  /**
   * The FiLM variant's defaults: those of {@link #defaults} with {@link Fusion#FILM}.
   *
   * @param data the data sizes; the image input must be object features
   * @param seed the seed of the weights and dropout masks
   * @return a validated configuration whose {@link #modelName()} is {@code butd-film}
   * @throws IllegalArgumentException if {@code data}'s image input is not object features
   */
  public static ButdConfig filmDefaults(DataShape data, long seed) {
    return new ButdConfig(data, 64, 256, 1, false, 256, 0.2, 0.5, seed, EmbeddingInit.RANDOM, Fusion.FILM);
  }

  /** Returns {@code butd}, or {@code butd-film} for the FiLM fusion. */
  @Override
  public String modelName() {
    return fusion == Fusion.FILM ? "butd-film" : "butd";
  }

  /** BUTD trains with binary cross-entropy on the soft scores, as in the seed. */
  @Override
  public String defaultLoss() {
    return "bce";
  }

  /**
   * Returns the size of the question vector.
   *
   * @return {@code gruUnits}, doubled when {@code bidirectional}
   */
  public int questionDim() {
    return gruUnits * (bidirectional ? 2 : 1);
  }

  /**
   * Returns the number of object slots {@code K}.
   *
   * @return the first dimension of the object features {@code [K, D + 6]}
   */
  public int boxes() {
    return data.image().dims().get(0);
  }

  /**
   * Returns the size of one object's input, {@code D + 6}.
   *
   * @return the second dimension of the object features {@code [K, D + 6]}: {@code D} feature
   *     values and 6 spatial ones
   */
  public int objectDim() {
    return data.image().dims().get(1);
  }
}
