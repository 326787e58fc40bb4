package ai.glimpse.tf.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.tf.train.VqaGraph;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The hierarchical co-attention configuration's checks and the model's attention output. */
class HieCoAttTest {
  private static final DataShape SHAPES = new DataShape(40, 10, 20, 64);

  @Test
  void defaultsFitTheSyntheticPixelsGridsAndObjects() {
    HieCoAttConfig pixels = HieCoAttConfig.defaults(SHAPES, 1L);
    assertEquals("hiecoatt", pixels.modelName());
    assertEquals(64, pixels.locations(), "64×64 pixels through three halvings: 8×8 cells");
    assertEquals(64, pixels.regionChannels());
    assertEquals(EmbeddingInit.RANDOM, pixels.embeddingInit());
    HieCoAttConfig grid = HieCoAttConfig.defaults(SHAPES.withImage(FeatureShape.grid(32, 4, 4)), 1L);
    assertEquals(16, grid.locations());
    assertEquals(32, grid.regionChannels());
    HieCoAttConfig objects = HieCoAttConfig.defaults(SHAPES.withImage(FeatureShape.objects(6, 10)), 1L);
    assertEquals(6, objects.locations());
    assertEquals(16, objects.regionChannels(), "10 features and 6 spatial ones");
  }

  @Test
  void invalidValuesAreRejectedNamingTheField() {
    assertMessage("embeddingDim", () -> new HieCoAttConfig(SHAPES, 0, 8, List.of(8), false, 8, 0.1, 1L));
    assertMessage("hiddenDim", () -> new HieCoAttConfig(SHAPES, 8, 0, List.of(8), false, 8, 0.1, 1L));
    assertMessage("coAttentionDim", () -> new HieCoAttConfig(SHAPES, 8, 8, List.of(8), false, -1, 0.1, 1L));
    assertMessage("dropout", () -> new HieCoAttConfig(SHAPES, 8, 8, List.of(8), false, 8, 1.0, 1L));
    assertMessage("stemChannels", () -> new HieCoAttConfig(SHAPES, 8, 8, List.of(), false, 8, 0.1, 1L));
    assertMessage("imageSize", () -> new HieCoAttConfig(new DataShape(40, 10, 20, 12), 8, 8,
        List.of(8, 8, 8), false, 8, 0.1, 1L));
    // Without pixels the stem is not used and may be empty.
    new HieCoAttConfig(SHAPES.withImage(FeatureShape.objects(6, 10)), 8, 8, List.of(), false, 8, 0.1, 1L);
  }

  @Test
  void attentionHasOneMapPerLevelAndNoWeightOnPaddingBoxes() {
    DataShape d = SHAPES.withImage(FeatureShape.objects(4, 7));
    HieCoAttConfig config = new HieCoAttConfig(d, 6, 8, List.of(), false, 5, 0.3, 2L);
    int n = 4;
    SplittableRandom rng = new SplittableRandom(5);
    long[] tokens = new long[n * d.maxQuestionLength()];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < 2 + 2 * i; t++) {
        tokens[i * d.maxQuestionLength() + t] = 1 + rng.nextInt(d.vocabularySize() - 1);
      }
    }
    // Image i has 1 + i real boxes.
    float[] images = TestImages.random(d.image(), n, rng);
    try (VqaGraph graph = VqaGraph.forInference(new HieCoAtt(config)); Session session = graph.newSession(1)) {
      graph.params().initialize(session);
      try (TInt64 tok = TInt64.tensorOf(Shape.of(n, d.maxQuestionLength()), DataBuffers.of(tokens, true, false));
           TFloat32 im = TFloat32.tensorOf(Shape.of(d.image().withBatch(n)), DataBuffers.of(images, true, false));
           Result r = session.runner().feed(graph.tokens(), tok).feed(graph.image(), im)
               .fetch(graph.answerProbs()).fetch(graph.attention()).run()) {
        TFloat32 attention = (TFloat32) r.get(1);
        assertEquals(Shape.of(n, 3, 4), attention.shape());
        for (int i = 0; i < n; i++) {
          for (int level = 0; level < 3; level++) {
            double sum = 0;
            for (int box = 0; box < 4; box++) {
              float a = attention.getFloat(i, level, box);
              if (box > i) {
                assertEquals(0f, a, 1e-9, "padding box " + box + " of image " + i + ", level " + level);
              }
              sum += a;
            }
            assertEquals(1.0, sum, 1e-5);
          }
        }
        TFloat32 probs = (TFloat32) r.get(0);
        assertTrue(Float.isFinite(probs.getFloat(0, 0)));
      }
    }
  }

  @Test
  void configRoundTripsThroughJson() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    HieCoAttConfig config = new HieCoAttConfig(SHAPES.withImage(FeatureShape.grid(32, 4, 4)), 16, 24,
        List.of(8, 16), false, 12, 0.25, 9L, EmbeddingInit.GLOVE);
    String text = json.writeValueAsString(config);
    assertEquals(config, json.readValue(text, HieCoAttConfig.class), text);
  }

  private static void assertMessage(String field, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }
}
