package ai.glimpse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glimpse.tf.layers.Fft;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/** Multiply-add counts of known products, convolutions, their gradients and FFTs, exactly. */
class GraphMacsTest {

  private static Operand<TFloat32> ones(Ops tf, long... shape) {
    return tf.fill(tf.constant(shape), tf.constant(1f));
  }

  @Test
  void countsProductsAndTheirTransposes() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      tf.withName("a").linalg.matMul(ones(tf, 2, 3), ones(tf, 3, 4));                          // 24
      tf.withName("b").linalg.matMul(ones(tf, 3, 2), ones(tf, 4, 3),
          MatMul.transposeA(true), MatMul.transposeB(true));                                    // 24
      tf.withName("c").train.batchMatMul(ones(tf, 5, 2, 3), ones(tf, 5, 3, 4), TFloat32.class);  // 120
      tf.withName("d").train.batchMatMul(ones(tf, 5, 3, 2), ones(tf, 5, 3, 4), TFloat32.class,
          BatchMatMul.adjX(true));                                                              // 120
      GraphMacs macs = new GraphMacs(g, "macs", n -> !n.startsWith("macs"));
      try (Result r = macs.fetchInto(s.runner()).run()) {
        GraphMacs.Count c = macs.count(r, 0);
        assertEquals(24 + 24 + 120 + 120, c.multiplyAdds());
        assertEquals(4, c.ops());
        assertEquals(0, c.fftFlops());
      }
    }
  }

  @Test
  void countsConvolutionAndBothOfItsGradientsAsOneForwardEach() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.variable(ones(tf, 2, 8, 8, 3));
      Operand<TFloat32> w = tf.variable(ones(tf, 3, 3, 3, 16));
      Operand<TFloat32> y = tf.nn.conv2d(tf.identity(x), tf.identity(w), List.of(1L, 1L, 1L, 1L), "SAME",
          Conv2d.dataFormat("NHWC"));
      Gradients grads = tf.gradients(tf.sum(y, tf.constant(new int[] {0, 1, 2, 3})), List.of(x, w));
      GraphMacs macs = new GraphMacs(g, "macs", n -> !n.startsWith("macs"));
      Session.Runner runner = s.runner().fetch(grads.dy(0)).fetch(grads.dy(1));
      g.operations().forEachRemaining(op -> {
        if (op.type().equals("Assign")) {
          runner.addTarget(op);
        }
      });
      try (Result r = macs.fetchInto(runner).run()) {
        long forward = 2L * 8 * 8 * 16 * (3 * 3 * 3);
        GraphMacs.Count c = macs.count(r, 2);
        assertEquals(3, c.ops(), "Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter");
        assertEquals(3 * forward, c.multiplyAdds());
      }
    }
  }

  @Test
  void countsFftFlopsApartFromProducts() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Fft.irfft(tf, Fft.rfft(tf, ones(tf, 4, 8), 8), 8);
      GraphMacs macs = new GraphMacs(g, "macs", n -> !n.startsWith("macs"));
      try (Result r = macs.fetchInto(s.runner()).run()) {
        GraphMacs.Count c = macs.count(r, 0);
        assertEquals(0, c.multiplyAdds());
        assertEquals(2 * Math.round(4 * 2.5 * 8 * 3), c.fftFlops(), "4 vectors of 8: 2.5·8·log2(8) each, twice");
      }
    }
  }
}
