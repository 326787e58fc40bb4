package ai.glimpse.tf.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.tf.layers.FiniteDifferences;
import ai.glimpse.tf.layers.Params;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The {@code mcan} configuration (validation, JSON, zoo entries) and its outputs' shapes. */
class McanTest {
  private static final DataShape OBJECTS = new DataShape(12, 5, 6, FeatureShape.objects(4, 3));

  @Test
  void validatesFieldsByName() {
    McanConfig ok = new McanConfig(OBJECTS, 4, 8, 2, 1, 16, 1, 8, List.of(), false, 0.0, 1L, null);
    assertEquals(EmbeddingInit.RANDOM, ok.embeddingInit());
    assertEquals("bce", ok.defaultLoss());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new McanConfig(OBJECTS, 4, 10, 4, 1, 16, 1, 8, List.of(), false, 0.0, 1L, null));
    assertTrue(e.getMessage().contains("hiddenSize 10") && e.getMessage().contains("heads 4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new McanConfig(OBJECTS, 4, 8, 2, 0, 16, 1, 8, List.of(), false, 0.0, 1L, null));
    assertTrue(e.getMessage().contains("layers"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new McanConfig(OBJECTS, 4, 8, 2, 1, 16, 0, 8, List.of(), false, 0.0, 1L, null));
    assertTrue(e.getMessage().contains("flatGlimpses"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new McanConfig(OBJECTS, 4, 8, 2, 1, 16, 1, 8, List.of(), false, 1.0, 1L, null));
    assertTrue(e.getMessage().contains("dropout"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new McanConfig(new DataShape(12, 5, 6, 8),
        4, 8, 2, 1, 16, 1, 8, List.of(3, 3, 3, 3), false, 0.0, 1L, null));
    assertTrue(e.getMessage().contains("imageSize 8"), e.getMessage());
  }

  @Test
  void defaultsAndPaperSizes() {
    McanConfig d = McanConfig.defaults(OBJECTS, 1L);
    assertEquals(List.of(64, 4, 2, 256, 1, 128), List.of(d.hiddenSize(), d.heads(), d.layers(),
        d.ffnSize(), d.flatGlimpses(), d.outSize()));
    assertEquals(0.1, d.dropout());
    McanConfig p = McanConfig.paperSizes(OBJECTS, 1L);
    assertEquals(List.of(512, 8, 6, 2048, 1024, 300), List.of(p.hiddenSize(), p.heads(), p.layers(),
        p.ffnSize(), p.outSize(), p.embeddingDim()));
  }

  @Test
  void theZooKnowsMcanAndItsConfigSurvivesJson() throws Exception {
    assertTrue(Models.NAMES.contains("mcan"));
    assertEquals(FeatureKind.OBJECTS, Models.imageKinds("mcan").get(0));
    ModelConfig config = Models.withOverrides("mcan", OBJECTS, 3L,
        "{\"hiddenSize\": 16, \"heads\": 8, \"embeddingInit\": \"glove-frozen\"}");
    assertEquals(new McanConfig(OBJECTS, 64, 16, 8, 2, 256, 1, 128, List.of(16, 32, 64), true, 0.1, 3L,
        EmbeddingInit.GLOVE_FROZEN), config);
    assertTrue(Models.create(config) instanceof Mcan);
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(config);
    assertTrue(text.contains("\"model\":\"mcan\""), text);
    assertEquals(config, json.readValue(text, ModelConfig.class));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Models.withOverrides("mcan", OBJECTS, 3L, "{\"hiddenSize\": 18}"));
    assertTrue(e.getMessage().contains("hiddenSize 18"), e.getMessage());
  }

  @Test
  void outputsHaveTheDocumentedShapesForEveryInputKind() {
    for (DataShape d : List.of(OBJECTS, OBJECTS.withImage(FeatureShape.grid(5, 2, 3)), new DataShape(12, 5, 6, 8))) {
      McanConfig config = new McanConfig(d, 4, 8, 2, 2, 16, 2, 10, List.of(3, 4), false, 0.0, 1L, null);
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Params params = new Params(tf, 1);
        SplittableRandom rng = new SplittableRandom(1);
        long[] tokens = {3, 4, 0, 0, 0, 5, 6, 7, 8, 9, 2, 0, 0, 0, 0};
        ModelOutputs out = new Mcan(config).build(tf, params, new ModelInputs(
            tf.constant(Shape.of(3, 5), DataBuffers.of(tokens, true, false)),
            FiniteDifferences.constant(tf, TestImages.random(d.image(), 3, rng), d.image().withBatch(3))), false);
        params.initialize(s);
        float[] logits = FiniteDifferences.run(s, out.logits());
        float[] attention = FiniteDifferences.run(s, out.attention());
        assertEquals(3 * 6, logits.length, "logits [batch, answers]");
        assertEquals(3 * 2 * config.locations(), attention.length, "attention [batch, glimpses, locations]");
        for (float v : logits) {
          assertTrue(Float.isFinite(v), d + ": logit " + v);
        }
      }
    }
  }
}
