package ai.glimpse.tf.zoo;

import java.util.List;

/** Validation shared by the model configurations, with messages naming the field. */
final class ConfigChecks {
  private ConfigChecks() {}

  static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }

  static void dropout(double dropout) {
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
  }

  /** The stem halves the image once per stage: the image size must divide evenly. */
  static void stem(DataShape data, List<Integer> stemChannels) {
    if (stemChannels.isEmpty()) {
      throw new IllegalArgumentException("stemChannels must name at least one convolution");
    }
    stemChannels.forEach(c -> positive("stemChannels", c));
    int size = data.image().dims().get(1);
    int grid = size >> stemChannels.size();
    if (grid < 1 || size % (1 << stemChannels.size()) != 0) {
      throw new IllegalArgumentException("imageSize " + size + " must be divisible by 2^"
          + stemChannels.size() + " (one halving per stem convolution)");
    }
  }
}
