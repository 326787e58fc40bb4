package ai.glimpse.tf.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.tf.layers.CountSketch;
import ai.glimpse.tf.layers.FiniteDifferences;
import ai.glimpse.tf.layers.Params;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;

/** The {@code mcb} configuration, its outputs' shapes, and its count sketches. */
class McbTest {
  private static final DataShape D = new DataShape(12, 5, 6, 8);
  private static final McbConfig CONFIG = new McbConfig(D, 4, 5, List.of(3, 4), true, 32, 6, 2, 0.0, 1L);
  private static final List<String> SKETCHES = List.of("mcb/attention/sketch_question",
      "mcb/attention/sketch_image", "mcb/classifier/sketch_question", "mcb/classifier/sketch_image");

  @Test
  void validatesFieldsByName() {
    assertEquals("mcb", CONFIG.modelName());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new McbConfig(D, 4, 5, List.of(3, 4), true, 1, 6, 2, 0.0, 1L));
    assertTrue(e.getMessage().contains("sketchDim"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new McbConfig(D, 4, 5, List.of(3, 4), true, 32, 0, 2, 0.0, 1L));
    assertTrue(e.getMessage().contains("attentionHidden"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new McbConfig(D, 4, 5, List.of(3, 4), true, 32, 6, 0, 0.0, 1L));
    assertTrue(e.getMessage().contains("glimpses"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new McbConfig(D, 4, 5, List.of(3, 4), true, 32, 6, 2, 1.0, 1L));
    assertEquals(1024, McbConfig.defaults(new DataShape(12, 5, 6, 64), 1L).sketchDim());
  }

  @Test
  void sketchesAreNonTrainableStateDrawnOnceFromTheSeed() {
    Map<String, float[]> a = sketches(7);
    Map<String, float[]> b = sketches(7);
    Map<String, float[]> c = sketches(8);
    for (String name : SKETCHES) {
      float[] s = a.get(name);
      assertArrayEquals(s, b.get(name), name + " differs between builds with the same seed");
      assertFalse(Arrays.equals(s, c.get(name)), name + " is the same with another seed");
      // Every input dimension has exactly one ±1 entry among the 32 outputs.
      int rows = s.length / 32;
      for (int i = 0; i < rows; i++) {
        int nonZero = 0;
        for (int j = 0; j < 32; j++) {
          float v = s[i * 32 + j];
          assertTrue(v == 0f || v == 1f || v == -1f, name + "[" + i + "," + j + "] = " + v);
          nonZero += v == 0f ? 0 : 1;
        }
        assertEquals(1, nonZero, name + " row " + i);
      }
    }
  }

  @Test
  void checkpointsKeepTheSketches() {
    Map<String, float[]> saved;
    Map<String, float[]> sketchesBefore;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Params params = build(g, 7);
      params.initialize(s);
      saved = params.fetch(s);
      sketchesBefore = matrices(g, params, s);
    }
    for (String name : SKETCHES) {
      assertTrue(saved.containsKey(name + "/hash"), name + " is not in the checkpoint");
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Params params = build(g, 99);
      params.initialize(s);
      for (String name : SKETCHES) {
        assertFalse(params.trainableNames().contains(name + "/hash"), name + " must not be trained");
      }
      params.assign(s, saved);
      Map<String, float[]> restored = matrices(g, params, s);
      for (String name : SKETCHES) {
        assertArrayEquals(sketchesBefore.get(name), restored.get(name), name);
      }
    }
  }

  /** Builds the model in {@code g} with constant inputs; returns its parameters. */
  private static Params build(Graph g, long seed) {
    Ops tf = Ops.create(g);
    Params params = new Params(tf, seed);
    int n = 2;
    SplittableRandom rng = new SplittableRandom(1);
    long[] tokens = new long[n * D.maxQuestionLength()];
    Arrays.fill(tokens, 1L);
    ModelOutputs out = new Mcb(CONFIG).build(tf, params, new ModelInputs(
        tf.constant(Shape.of(n, D.maxQuestionLength()), DataBuffers.of(tokens, true, false)),
        FiniteDifferences.constant(tf, TestImages.random(D.image(), n, rng), D.image().withBatch(n))), false);
    assertArrayEquals(new long[] {n, 2, CONFIG.locations()}, out.attention().shape().asArray());
    return params;
  }

  private static Map<String, float[]> sketches(long seed) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Params params = build(g, seed);
      params.initialize(s);
      return matrices(g, params, s);
    }
  }

  /** The dense sketch matrices, through the variables the model created. */
  private static Map<String, float[]> matrices(Graph g, Params params, Session s) {
    Ops tf = Ops.create(g);
    Map<String, float[]> out = new java.util.LinkedHashMap<>();
    for (String name : SKETCHES) {
      long rows = params.specs().stream().filter(p -> p.name().equals(name + "/hash")).findFirst()
          .orElseThrow().shape()[0];
      out.put(name, FiniteDifferences.run(s, CountSketch.matrix(tf, params, name, rows, 32)));
    }
    return out;
  }
}
