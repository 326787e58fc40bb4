package ai.glimpse.tf.zoo;

import ai.glimpse.preprocessing.features.FeatureShape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow's symbolic gradients of the {@code mcan} loss agree with central finite differences
 * (through {@link GradientCheck}) for weights of every part: embedding, LSTM, image projection,
 * the encoder's self-attention, the decoder's self- and guided attention, the feed-forward
 * networks, the LayerNorms, both reductions and the classifier.
 */
class McanGradientCheckTest {
  private static final DataShape D = new DataShape(12, 5, 6, 8);

  @Test
  void overPaddedObjects() {
    DataShape objects = D.withImage(FeatureShape.objects(4, 3));
    McanConfig config = new McanConfig(objects, 4, 8, 2, 2, 12, 2, 6, List.of(), false, 0.0, 1L, null);
    List<String> names = new ArrayList<>(List.of("mcan/image/kernel", "mcan/image/bias"));
    names.addAll(common());
    System.out.printf("mcan over objects: %s%n", GradientCheck.check(new Mcan(config), names));
  }

  @Test
  void overPixelsThroughTheStem() {
    McanConfig config = new McanConfig(D, 4, 8, 4, 1, 12, 1, 6, List.of(3, 4), true, 0.0, 1L, null);
    System.out.printf("mcan over pixels: %s%n", GradientCheck.check(new Mcan(config), List.of("mcan/stem0/kernel", "mcan/stem1/bn/gamma",
        "mcan/position", "mcan/image/kernel", "mcan/encoder0/self/attention/query/kernel",
        "mcan/decoder0/guided/attention/value/kernel", "mcan/flat_image/logits/kernel",
        "mcan/classifier/kernel")));
  }

  private static List<String> common() {
    List<String> names = new ArrayList<>(List.of("mcan/embedding/weights", "mcan/lstm/kernel",
        "mcan/lstm/recurrent_kernel"));
    for (String unit : List.of("encoder0/self", "encoder1/self", "decoder0/self", "decoder1/guided")) {
      String p = "mcan/" + unit;
      names.addAll(List.of(p + "/attention/query/kernel", p + "/attention/key/kernel",
          p + "/attention/value/bias", p + "/attention/merge/kernel", p + "/norm1/gamma",
          p + "/ffn/hidden/kernel", p + "/ffn/output/bias", p + "/norm2/beta"));
    }
    names.addAll(List.of("mcan/decoder0/guided/norm2/gamma", "mcan/flat_question/hidden/kernel",
        "mcan/flat_question/logits/kernel", "mcan/flat_question/output/kernel",
        "mcan/flat_image/hidden/bias", "mcan/flat_image/logits/kernel", "mcan/flat_image/output/bias",
        "mcan/fusion_norm/gamma", "mcan/fusion_norm/beta", "mcan/classifier/kernel",
        "mcan/classifier/bias"));
    return names;
  }
}
