package ai.glimpse.tf.layers;

import static ai.glimpse.tf.layers.FiniteDifferences.constant;
import static ai.glimpse.tf.layers.FiniteDifferences.run;
import static ai.glimpse.tf.layers.FiniteDifferences.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.tf.layers.Recurrent.Cell;
import ai.glimpse.tf.layers.Recurrent.Encoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Stacked and bidirectional encoders: reversal within each length, padding, shapes, gradients. */
class RecurrentTest {
  private static final int IN = 3;
  private static final int UNITS = 4;

  @Test
  void reverseSequenceReversesWithinLengthAndHasAGradient() {
    // Rows of length 3 and 5 in 5 steps, one feature: the padding after a row's length stays put.
    float[] x = {1, 2, 3, 0, 0, 6, 7, 8, 9, 10};
    float[] mask = {1, 1, 1, 0, 0, 1, 1, 1, 1, 1};
    float[] r = uniform(1, 10, 1.0);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 1);
      Operand<TFloat32> v = params.get("x", Init.ZEROS, 2, 5);
      Operand<TFloat32> reversed = Recurrent.reverse(tf, v, Recurrent.lengths(tf, constant(tf, mask, 2, 5)));
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(reversed, constant(tf, r, 2, 5)),
          tf.constant(new int[] {0, 1}));
      Output<?>[] grad = g.addGradients(loss.asOutput(), new Output<?>[] {params.variable("x").asOutput()});
      params.initialize(s);
      params.assign(s, Map.of("x", x));
      assertArrayEquals(new float[] {3, 2, 1, 0, 0, 10, 9, 8, 7, 6}, run(s, reversed));
      @SuppressWarnings("unchecked")
      float[] dx = run(s, (Operand<TFloat32>) grad[0]);
      // d/dx sum(reverse(x) ⊙ r) = reverse(r): the gradient of ReverseSequence exists in this build.
      float[] expected = {r[2], r[1], r[0], r[3], r[4], r[9], r[8], r[7], r[6], r[5]};
      assertArrayEquals(expected, dx);
    }
  }

  @ParameterizedTest
  @EnumSource(Cell.class)
  void backwardDirectionReadsEachSequenceFromItsLastRealToken(Cell cell) {
    float[] question = uniform(2, 3 * IN, 1.0);
    float[] reversedQuestion = new float[3 * IN];
    for (int t = 0; t < 3; t++) {
      System.arraycopy(question, (2 - t) * IN, reversedQuestion, t * IN, IN);
    }
    float[] x = new float[2 * 5 * IN];
    System.arraycopy(question, 0, x, 0, question.length);
    System.arraycopy(uniform(3, 5 * IN, 1.0), 0, x, 5 * IN, 5 * IN);
    float[] mask = {1, 1, 1, 0, 0, 1, 1, 1, 1, 1};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 4);
      Encoding bi = Recurrent.encode(tf, params, "q", cell, constant(tf, x, 2, 5, IN),
          constant(tf, mask, 2, 5), 5, IN, UNITS, 1, true);
      // The backward parameters run forward over the hand-reversed, unpadded question.
      Encoding byHand = Recurrent.forward(tf, params, "q/layer0/backward", cell,
          constant(tf, reversedQuestion, 1, 3, IN), constant(tf, new float[] {1, 1, 1}, 1, 3), 3, IN, UNITS);
      params.initialize(s);
      float[] last = run(s, bi.last());
      float[] hand = run(s, byHand.last());
      float[] outputs = run(s, bi.outputs());
      float[] handOutputs = run(s, byHand.outputs());
      // Different matrix sizes may round differently in the last bit: 1e-6.
      assertArrayEquals(hand, Arrays.copyOfRange(last, UNITS, 2 * UNITS), 1e-6f,
          "backward final state = state after reading the first real token");
      for (int t = 0; t < 3; t++) {
        // Position t of the backward outputs holds the state after reading tokens 2 .. t.
        float[] atT = Arrays.copyOfRange(outputs, t * 2 * UNITS + UNITS, (t + 1) * 2 * UNITS);
        float[] expected = Arrays.copyOfRange(handOutputs, (2 - t) * UNITS, (3 - t) * UNITS);
        assertArrayEquals(expected, atT, 1e-6f, "backward output at step " + t);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Cell.class)
  void paddingContentIsIgnoredExactlyInBothDirections(Cell cell) {
    float[] mask = {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    float[] zeros = uniform(5, 2 * 6 * IN, 1.0);
    Arrays.fill(zeros, 3 * IN, 6 * IN, 0f);
    float[] garbage = zeros.clone();
    float[] noise = uniform(6, 3 * IN, 100.0);
    System.arraycopy(noise, 0, garbage, 3 * IN, noise.length);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 5);
      Encoding a = Recurrent.encode(tf, params, "q", cell, constant(tf, zeros, 2, 6, IN),
          constant(tf, mask, 2, 6), 6, IN, UNITS, 2, true);
      Encoding b = Recurrent.encode(tf, params, "q", cell, constant(tf, garbage, 2, 6, IN),
          constant(tf, mask, 2, 6), 6, IN, UNITS, 2, true);
      params.initialize(s);
      // Same shapes, so the same arithmetic: whatever the padding holds, nothing changes.
      assertArrayEquals(run(s, a.last()), run(s, b.last()), "final states, exactly");
      float[] outA = run(s, a.outputs());
      float[] outB = run(s, b.outputs());
      assertArrayEquals(Arrays.copyOf(outA, 3 * 2 * UNITS), Arrays.copyOf(outB, 3 * 2 * UNITS),
          "outputs at real steps, exactly");
      assertArrayEquals(Arrays.copyOfRange(outA, 6 * 2 * UNITS, 12 * 2 * UNITS),
          Arrays.copyOfRange(outB, 6 * 2 * UNITS, 12 * 2 * UNITS), "the other question, exactly");
    }
  }

  @ParameterizedTest
  @EnumSource(Cell.class)
  void extraPaddingStepsDoNotChangeTheEncoding(Cell cell) {
    float[] question = uniform(7, 3 * IN, 1.0);
    float[] x = new float[2 * 6 * IN];
    System.arraycopy(question, 0, x, 0, question.length);
    System.arraycopy(uniform(8, 6 * IN, 1.0), 0, x, 6 * IN, 6 * IN);
    float[] mask = {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 6);
      Encoding alone = Recurrent.encode(tf, params, "q", cell, constant(tf, question, 1, 3, IN),
          constant(tf, new float[] {1, 1, 1}, 1, 3), 3, IN, UNITS, 2, true);
      Encoding padded = Recurrent.encode(tf, params, "q", cell, constant(tf, x, 2, 6, IN),
          constant(tf, mask, 2, 6), 6, IN, UNITS, 2, true);
      params.initialize(s);
      // Matrix products over different row counts may round differently in the last bit: 1e-6.
      assertArrayEquals(run(s, alone.last()), Arrays.copyOf(run(s, padded.last()), 2 * UNITS), 1e-6f,
          "forward and backward final states");
      assertArrayEquals(run(s, alone.outputs()), Arrays.copyOf(run(s, padded.outputs()), 3 * 2 * UNITS),
          1e-6f, "outputs at real steps");
    }
  }

  @ParameterizedTest
  @EnumSource(Cell.class)
  void twoLayerBidirectionalShapesAndParameters(Cell cell) {
    int batch = 3;
    int steps = 5;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 7);
      float[] mask = {1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0};
      Encoding e = Recurrent.encode(tf, params, "q", cell, constant(tf, uniform(9, batch * steps * IN, 1.0),
          batch, steps, IN), constant(tf, mask, batch, steps), steps, IN, UNITS, 2, true);
      Encoding uni = Recurrent.encode(tf, params, "u", cell, constant(tf, uniform(9, batch * steps * IN, 1.0),
          batch, steps, IN), constant(tf, mask, batch, steps), steps, IN, UNITS, 2, false);
      assertEquals(Shape.of(batch, 2 * UNITS), e.last().shape());
      assertEquals(Shape.of(batch, steps, 2 * UNITS), e.outputs().shape());
      assertEquals(Shape.of(batch, UNITS), uni.last().shape());
      params.initialize(s);
      assertEquals(batch * 2 * UNITS, run(s, e.last()).length);
      assertEquals(batch * steps * 2 * UNITS, run(s, e.outputs()).length);
      int gates = cell == Cell.LSTM ? 4 : 3;
      long[] layer1 = params.specs().stream().filter(p -> p.name().equals("q/layer1/backward/kernel"))
          .findFirst().orElseThrow().shape();
      assertArrayEquals(new long[] {2 * UNITS, gates * UNITS}, layer1, "layer 1 reads both directions");
      long[] uniLayer1 = params.specs().stream().filter(p -> p.name().equals("u/layer1/forward/kernel"))
          .findFirst().orElseThrow().shape();
      assertArrayEquals(new long[] {UNITS, gates * UNITS}, uniLayer1);
      assertTrue(params.trainableNames().stream().noneMatch(n -> n.startsWith("u/layer0/backward")));
    }
  }

  @ParameterizedTest
  @EnumSource(Cell.class)
  void gradientsMatchFiniteDifferences(Cell cell) {
    int batch = 2;
    int steps = 4;
    int units = 3;
    float[] x = uniform(10, batch * steps * IN, 1.0);
    float[] mask = {1, 1, 1, 1, 1, 1, 0, 0};
    List<String> names = new ArrayList<>();
    for (String layer : List.of("layer0", "layer1")) {
      for (String dir : List.of("forward", "backward")) {
        for (String p : cell == Cell.LSTM ? List.of("kernel", "recurrent_kernel", "bias")
            : List.of("kernel", "recurrent_kernel", "bias", "recurrent_bias")) {
          names.add("q/" + layer + "/" + dir + "/" + p);
        }
      }
    }
    FiniteDifferences.Report report = FiniteDifferences.check("encoder " + cell, 12, Map.of(), names,
        (tf, params) -> {
          Encoding e = Recurrent.encode(tf, params, "q", cell, constant(tf, x, batch, steps, IN),
              constant(tf, mask, batch, steps), steps, IN, units, 2, true);
          // Both the question vector and the per-step outputs feed the loss.
          return tf.math.add(FiniteDifferences.weightedSum(tf, e.last(), 13, batch, 2 * units),
              FiniteDifferences.weightedSum(tf, e.outputs(), 14, batch, steps, 2 * units));
        });
    assertTrue(report.probes() >= names.size() * 12);
  }

  @Test
  void rejectsBadLayerCounts() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 1);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Recurrent.encode(tf, params, "question/rnn", Cell.GRU, constant(tf, new float[6], 1, 2, 3),
              constant(tf, new float[2], 1, 2), 2, 3, 4, 0, true));
      assertTrue(e.getMessage().contains("question/rnn") && e.getMessage().contains("layers"), e.getMessage());
    }
  }
}
