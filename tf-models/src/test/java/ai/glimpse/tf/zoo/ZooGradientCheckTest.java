package ai.glimpse.tf.zoo;

import ai.glimpse.preprocessing.features.FeatureShape;
import java.util.ArrayList;
import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

  @Test
  void butdOverObjectsWithPaddedBoxes() {
    DataShape objects = D.withImage(FeatureShape.objects(4, 3));
    for (boolean bidirectional : new boolean[] {false, true}) {
      ButdConfig config = new ButdConfig(objects, 4, 5, 1, bidirectional, 6, 0.0, 0.0, 1L, null);
      String gru = "butd/gru/layer0/" + (bidirectional ? "backward" : "forward");
      GradientCheck.check(new Butd(config), List.of("butd/embedding/weights", gru + "/kernel",
          gru + "/recurrent_kernel", "butd/attention/image/v",
          "butd/attention/question/v", "butd/attention/logits/v", "butd/question_net/v",
          "butd/image_net/v", "butd/image_net/bias", "butd/classifier/hidden/g",
          "butd/classifier/output/v", "butd/classifier/output/bias"));
    }
  }

  @Test
  void butdFilmScalesAndShiftsTheObjects() {
    DataShape objects = D.withImage(FeatureShape.objects(4, 3));
    ButdConfig config = new ButdConfig(objects, 4, 5, 1, false, 6, 0.0, 0.0, 1L, null, ButdConfig.Fusion.FILM);
    assertEquals("butd-film", config.modelName());
    GradientCheck.check(new Butd(config), List.of("butd/embedding/weights", "butd/gru/layer0/forward/kernel",
        "butd/film/gamma/v", "butd/film/gamma/bias", "butd/film/beta/v", "butd/film/beta/bias",
        "butd/attention/image/v", "butd/attention/logits/v", "butd/classifier/output/v"));
  }

  @Test
  void sanAndDeeperLstmOverGridsAndObjects() {
    for (FeatureShape image : List.of(FeatureShape.grid(5, 2, 3), FeatureShape.objects(4, 3))) {
      DataShape d = D.withImage(image);
      GradientCheck.check(new San(new SanConfig(d, 4, 5, List.of(3, 4), true, 6, 2, 0.0, 1L)),
          List.of("san/image/kernel", "san/attention0/logits/kernel", "san/attention1/image/kernel",
              "san/classifier/kernel"));
      GradientCheck.check(new DeeperLstm(new DeeperLstmConfig(d, 4, 5, 1, List.of(3, 4), false, 6, 7, 0.0, 1L)),
          List.of("deeper_lstm/image/kernel", "deeper_lstm/hidden/kernel"));
      GradientCheck.check(new Saaa(new SaaaConfig(d, 4, 5, List.of(3, 4), false, 6,
          SaaaConfig.Fusion.CONCAT, 2.0, 2, 7, 0.0, 1L)),
          List.of("saaa/attention/image/kernel", "saaa/attention/logits/kernel"));
    }
  }

  private static List<String> stem(String model, boolean batchNorm) {
    return batchNorm
        ? List.of(model + "/stem1/kernel", model + "/stem0/kernel", model + "/stem0/bn/gamma", model + "/stem1/bn/beta")
        : List.of(model + "/stem1/kernel", model + "/stem1/bias", model + "/stem0/kernel", model + "/stem0/bias");
  }
}
