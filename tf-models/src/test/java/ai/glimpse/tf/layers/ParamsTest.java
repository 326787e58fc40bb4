package ai.glimpse.tf.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.tf.train.Checkpoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

class ParamsTest {
  @Test
  void initialValuesDependOnSeedAndNameNotOnCreationOrder() {
    try (Graph g1 = new Graph(); Graph g2 = new Graph(); Graph g3 = new Graph()) {
      Params a = new Params(Ops.create(g1), 5);
      a.get("x/kernel", Init.GLOROT, 4, 3);
      a.get("y/bias", Init.uniform(0.5), 7);
      Params b = new Params(Ops.create(g2), 5);
      b.get("y/bias", Init.uniform(0.5), 7);
      b.get("x/kernel", Init.GLOROT, 4, 3);
      Params c = new Params(Ops.create(g3), 6);
      c.get("x/kernel", Init.GLOROT, 4, 3);
      float[] ka = a.draw(a.specs().get(0));
      assertArrayEquals(ka, b.draw(b.specs().get(1)), 0f);
      assertTrue(!java.util.Arrays.equals(ka, c.draw(c.specs().get(0))));
      double limit = Math.sqrt(6.0 / (4 + 3));
      for (float v : ka) {
        assertTrue(Math.abs(v) <= limit);
      }
    }
  }

  @Test
  void reusesVariablesByNameAndChecksShapes() {
    try (Graph g = new Graph()) {
      Params p = new Params(Ops.create(g), 1);
      p.get("w", Init.ZEROS, 2, 2);
      p.get("w", Init.ZEROS, 2, 2);
      assertEquals(1, p.specs().size());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> p.get("w", Init.ZEROS, 3, 2));
      assertTrue(e.getMessage().contains("[2, 2]") && e.getMessage().contains("[3, 2]"), e.getMessage());
    }
  }

  @Test
  void checkpointRoundTripsEveryVariable(@TempDir Path tmp) throws Exception {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Params p = new Params(Ops.create(g), 3);
      p.get("saaa/lstm/kernel", Init.normal(1), 3, 5);
      p.state("optimizer/step", Init.ZEROS);
      p.state("optimizer/adamax_m/saaa/lstm/kernel", Init.constant(0.25), 3, 5);
      p.initialize(s);
      Map<String, float[]> values = p.fetch(s);
      Path file = tmp.resolve("ckpt.h5");
      new Checkpoint(2, 17, values).write(file);
      Checkpoint back = Checkpoint.read(file);
      assertEquals(2, back.epoch());
      assertEquals(17, back.step());
      assertEquals(values.keySet(), back.values().keySet());
      for (String k : values.keySet()) {
        assertArrayEquals(values.get(k), back.values().get(k), 0f, k);
      }
      Map<String, float[]> changed = new LinkedHashMap<>(back.values());
      changed.put("optimizer/step", new float[] {9});
      p.assign(s, changed);
      assertArrayEquals(new float[] {9}, p.fetch(s).get("optimizer/step"), 0f);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> p.assign(s, Map.of("saaa/lstm/kernel", new float[3])));
      assertTrue(e.getMessage().contains("[3, 5]"), e.getMessage());
    }
  }
}
