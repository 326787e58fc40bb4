package ai.glimpse.bench;

import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.tf.zoo.ButdConfig;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.DeeperLstmConfig;
import ai.glimpse.tf.zoo.EmbeddingInit;
import ai.glimpse.tf.zoo.HieCoAttConfig;
import ai.glimpse.tf.zoo.McbConfig;
import ai.glimpse.tf.zoo.ModelConfig;
import ai.glimpse.tf.zoo.SaaaConfig;
import ai.glimpse.tf.zoo.SanConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One of the six reference model shapes of {@code shared/bench/REFERENCE.md}: the paper-sized
 * configuration of a zoo model, with random weights and random inputs, so that its speed can be set
 * beside other implementations of the same model.
 *
 * @param name the reference name, e.g. {@code saaa-ref}
 * @param config the zoo configuration with the reference sizes
 * @param deviation where the zoo model cannot take the reference shape exactly, what differs
 *     (empty when it is exact)
 */
public record ReferenceModel(String name, ModelConfig config, String deviation) {

  /** The seed of every reference model's weights. */
  public static final long SEED = 1234L;

  private static final List<Integer> UNUSED_STEM = List.of(16, 32, 64);

  /**
   * Checks the fields.
   *
   * @param name the reference name, e.g. {@code saaa-ref}; not null
   * @param config the zoo configuration with the reference sizes; not null
   * @param deviation what differs from the reference shape, or empty when it is exact; not null
   * @throws NullPointerException if a field is null
   */
  public ReferenceModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(deviation, "deviation");
  }

  /**
   * The six reference models, in the order of {@code REFERENCE.md}.
   *
   * @return an unmodifiable list, built anew on each call, all with weights seeded by {@link #SEED}
   */
  public static List<ReferenceModel> all() {
    List<ReferenceModel> all = new ArrayList<>();
    // VGG fc7 is a 4096-vector: a 4096×1×1 grid, which deeper-lstm mean-pools to itself.
    all.add(new ReferenceModel("deeper-lstm-ref", new DeeperLstmConfig(
        new DataShape(10_000, 25, 1000, FeatureShape.grid(4096, 1, 1)),
        300, 512, 2, UNUSED_STEM, false, 1024, 1000, 0.5, SEED), ""));
    all.add(new ReferenceModel("saaa-ref", new SaaaConfig(
        new DataShape(10_000, 25, 3000, FeatureShape.grid(2048, 14, 14)),
        300, 1024, UNUSED_STEM, false, 512, SaaaConfig.Fusion.CONCAT, 1.0, 2, 1024, 0.5, SEED), ""));
    all.add(new ReferenceModel("san-ref", new SanConfig(
        new DataShape(10_000, 25, 1000, FeatureShape.grid(2048, 14, 14)),
        300, 1024, UNUSED_STEM, false, 512, 2, 0.5, SEED), ""));
    all.add(new ReferenceModel("mcb-ref", new McbConfig(
        new DataShape(10_000, 15, 3000, FeatureShape.grid(2048, 14, 14)),
        300, 2048, UNUSED_STEM, false, 16_384, 512, 2, 0.1, SEED, EmbeddingInit.RANDOM),
        "one LSTM layer of 2048 gives the 2048-d question (reference: 2 layers of 1024); d = 16384, "
            + "a power of two, since ONNX Runtime's DFT takes O(n^2) time at other lengths such as 16000"));
    all.add(new ReferenceModel("hiecoatt-ref", new HieCoAttConfig(
        new DataShape(10_000, 25, 1000, FeatureShape.grid(512, 14, 14)),
        512, 512, UNUSED_STEM, false, 512, 0.5, SEED), ""));
    all.add(new ReferenceModel("butd-ref", new ButdConfig(
        new DataShape(10_000, 14, 3129, FeatureShape.objects(36, 2048)),
        300, 1024, 1, false, 1024, 0.2, 0.5, SEED, EmbeddingInit.RANDOM, ButdConfig.Fusion.PRODUCT),
        ""));
    return List.copyOf(all);
  }

  /**
   * Returns the reference models named in {@code names} (all of them when {@code names} is empty),
   * in the order of {@link #all()}.
   *
   * @param names reference names, with or without the {@code -ref} suffix ({@code saaa} or
   *     {@code saaa-ref}); duplicates select a model once
   * @return the selected models, in the order of {@link #all()}, not of {@code names}
   * @throws IllegalArgumentException naming an unknown model and the known ones
   */
  public static List<ReferenceModel> select(List<String> names) {
    List<ReferenceModel> all = all();
    if (names.isEmpty()) {
      return all;
    }
    List<String> known = all.stream().map(ReferenceModel::name).toList();
    for (String n : names) {
      if (!known.contains(n) && !known.contains(n + "-ref")) {
        throw new IllegalArgumentException("unknown reference model '" + n + "'; known: " + known);
      }
    }
    return all.stream()
        .filter(m -> names.contains(m.name()) || names.contains(m.name().replace("-ref", "")))
        .toList();
  }
}
