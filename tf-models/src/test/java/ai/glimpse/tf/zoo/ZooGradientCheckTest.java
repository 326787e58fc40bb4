package ai.glimpse.tf.zoo;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow's symbolic gradients of each model's loss agree with central finite differences for
 * weights of every part of the model (stem with and without batch normalization, question,
 * attention, classifier).
 */
class ZooGradientCheckTest {
  private static final DataShape D = new DataShape(12, 5, 6, 8);

  @Test
  void saaa() {
    for (SaaaConfig.Fusion fusion : SaaaConfig.Fusion.values()) {
      // Batch normalization with the concat fusion; plain convolutions with biases with the product.
      boolean batchNorm = fusion == SaaaConfig.Fusion.CONCAT;
      SaaaConfig config = new SaaaConfig(D, 4, 5, List.of(3, 4), batchNorm, 6, fusion, 2.0, 2, 7, 0.0, 1L);
      List<String> names = new ArrayList<>(stem("saaa", batchNorm));
      names.addAll(List.of("saaa/position", "saaa/embedding/weights",
          "saaa/lstm/kernel", "saaa/lstm/recurrent_kernel", "saaa/attention/image/kernel",
          "saaa/attention/question/kernel", "saaa/attention/logits/kernel", "saaa/classifier/hidden/kernel",
          "saaa/classifier/output/bias"));
      GradientCheck.check(new Saaa(config), names);
    }
  }

  @Test
  void san() {
    for (int layers = 1; layers <= 2; layers++) {
      SanConfig config = new SanConfig(D, 4, 5, List.of(3, 4), true, 6, layers, 0.0, 1L);
      List<String> names = new ArrayList<>(stem("san", true));
      names.addAll(List.of("san/position", "san/embedding/weights", "san/lstm/kernel",
          "san/image/kernel", "san/attention0/image/kernel", "san/attention0/question/kernel",
          "san/attention0/logits/kernel", "san/classifier/kernel", "san/classifier/bias"));
      if (layers == 2) {
        names.addAll(List.of("san/attention1/question/kernel", "san/attention1/logits/kernel"));
      }
      GradientCheck.check(new San(config), names);
    }
  }

  @Test
  void deeperLstm() {
    DeeperLstmConfig config = new DeeperLstmConfig(D, 4, 5, 2, List.of(3, 4), false, 6, 7, 0.0, 1L);
    List<String> names = new ArrayList<>(stem("deeper_lstm", false));
    names.addAll(List.of("deeper_lstm/embedding/weights", "deeper_lstm/lstm0/kernel",
        "deeper_lstm/lstm1/kernel", "deeper_lstm/lstm1/recurrent_kernel", "deeper_lstm/question/kernel",
        "deeper_lstm/image/kernel", "deeper_lstm/hidden/kernel", "deeper_lstm/output/bias"));
    GradientCheck.check(new DeeperLstm(config), names);
  }

  private static List<String> stem(String model, boolean batchNorm) {
    return batchNorm
        ? List.of(model + "/stem1/kernel", model + "/stem0/kernel", model + "/stem0/bn/gamma", model + "/stem1/bn/beta")
        : List.of(model + "/stem1/kernel", model + "/stem1/bias", model + "/stem0/kernel", model + "/stem0/bias");
  }
}
