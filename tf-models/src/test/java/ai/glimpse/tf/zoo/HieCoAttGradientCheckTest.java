package ai.glimpse.tf.zoo;

import ai.glimpse.preprocessing.features.FeatureShape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow's symbolic gradients of the hierarchical co-attention model's loss agree with central
 * finite differences for weights of every part: embedding, n-gram convolutions, LSTM, the three
 * levels' co-attention, the recursive encoding and the classifier.
 */
class HieCoAttGradientCheckTest {
  private static final DataShape D = new DataShape(12, 5, 6, 8);

  @Test
  void overPixelsWithABatchNormStem() {
    HieCoAttConfig config = new HieCoAttConfig(D, 4, 4, List.of(3, 4), true, 5, 0.0, 1L);
    List<String> names = new ArrayList<>(List.of("hiecoatt/stem1/kernel", "hiecoatt/stem0/kernel",
        "hiecoatt/stem0/bn/gamma", "hiecoatt/position", "hiecoatt/image/kernel"));
    names.addAll(questionAndAttention());
    GradientCheck.check(new HieCoAtt(config), names);
  }

  @Test
  void overPaddedObjectsWithAWordProjection() {
    DataShape objects = D.withImage(FeatureShape.objects(4, 3));
    // embeddingDim != hiddenDim: the words are projected to the common size.
    HieCoAttConfig config = new HieCoAttConfig(objects, 3, 4, List.of(), false, 5, 0.0, 1L, null);
    List<String> names = new ArrayList<>(List.of("hiecoatt/image/kernel", "hiecoatt/image/bias",
        "hiecoatt/word_projection/kernel"));
    names.addAll(questionAndAttention());
    GradientCheck.check(new HieCoAtt(config), names);
  }

  private static List<String> questionAndAttention() {
    List<String> names = new ArrayList<>(List.of("hiecoatt/embedding/weights",
        "hiecoatt/ngram1/kernel", "hiecoatt/ngram2/kernel", "hiecoatt/ngram3/kernel",
        "hiecoatt/ngram3/bias", "hiecoatt/lstm/kernel", "hiecoatt/lstm/recurrent_kernel"));
    for (String level : HieCoAtt.LEVELS) {
      String p = "hiecoatt/" + level;
      names.addAll(List.of(p + "/affinity", p + "/image/kernel", p + "/question/kernel",
          p + "/image_logits/kernel", p + "/question_logits/kernel"));
    }
    names.addAll(List.of("hiecoatt/recursive_word/kernel", "hiecoatt/recursive_phrase/kernel",
        "hiecoatt/recursive_question/kernel", "hiecoatt/classifier/kernel", "hiecoatt/classifier/bias"));
    return names;
  }
}
