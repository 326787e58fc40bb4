package ai.glimpse.tf.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Float16 weights: half the bytes, float32 arithmetic, answers within 1e-2 of the float32 file. */
class Float16WeightsTest {

  /** y = softmax(x · W + b) with W [64, 10], b [10]. */
  private static OnnxMl.ModelProto model(float[] w, float[] b) {
    OnnxGraphBuilder g = new OnnxGraphBuilder();
    g.reserve("x");
    g.reserve("y");
    String wt = g.floats("w", new long[] {64, 10}, w);
    String bt = g.floats("b", new long[] {10}, b);
    String mm = g.node1("MatMul", "mm", java.util.List.of("x", wt));
    String add = g.node1("Add", "add", java.util.List.of(mm, bt));
    g.nodeWithOutputs("Softmax", "y", java.util.List.of(add), java.util.List.of("y"), OnnxGraphBuilder.attr("axis", -1L));
    OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("g")
        .addAllNode(g.nodes()).addAllInitializer(g.initializers())
        .addInput(info("x", 64)).addOutput(info("y", 10)).build();
    return OnnxMl.ModelProto.newBuilder().setIrVersion(OnnxExporter.IR_VERSION)
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExporter.OPSET))
        .setGraph(graph).build();
  }

  private static OnnxMl.ValueInfoProto info(String name, long width) {
    return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
            .setShape(OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width))))).build();
  }

  private static float[] run(Path file, float[] x, int n) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions());
         OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {n, 64});
         OrtSession.Result r = s.run(Map.of("x", in))) {
      FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] out = new float[fb.remaining()];
      fb.get(out);
      return out;
    }
  }

  @Test
  void halvesTheWeightsAndKeepsTheAnswersWithinOneHundredth(@TempDir Path tmp) throws Exception {
    Random rng = new Random(3);
    float[] w = new float[640];
    float[] b = new float[10];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) rng.nextGaussian();
    }
    OnnxMl.ModelProto full = model(w, b);
    OnnxMl.ModelProto half = Float16Weights.convert(full);
    assertEquals(2, half.getGraph().getInitializerCount());
    OnnxMl.TensorProto weights = half.getGraph().getInitializer(0);
    assertEquals(OnnxMl.TensorProto.DataType.FLOAT16.getNumber(), weights.getDataType(), weights.getName());
    assertTrue(weights.getName().endsWith(Float16Weights.SUFFIX), weights.getName());
    assertEquals(OnnxMl.TensorProto.DataType.FLOAT.getNumber(), half.getGraph().getInitializer(1).getDataType(),
        "the 10-value bias is below the size worth converting");
    assertEquals("Cast", half.getGraph().getNode(0).getOpType());
    Path f32 = tmp.resolve("f32.onnx");
    Path f16 = tmp.resolve("f16.onnx");
    OnnxExporter.write(full, f32);
    OnnxExporter.write(half, f16);
    assertTrue(Files.size(f16) < 0.6 * Files.size(f32), Files.size(f16) + " vs " + Files.size(f32));
    int n = 32;
    float[] x = new float[n * 64];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian() * 0.3f;
    }
    float[] a = run(f32, x, n);
    float[] c = run(f16, x, n);
    double max = 0;
    double any = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - c[i]));
      any += Math.abs(a[i] - c[i]);
    }
    assertTrue(max < 1e-2, "fp16 weights moved a probability by " + max);
    assertTrue(any > 0, "the weights were rounded, so some probability must move");
    OnnxParityTest.assertPassesOnnxChecker(f16);
  }

  @Test
  void keepsSmallConstantsAndOutOfRangeTensorsInFloat32() {
    float[] w = new float[640];
    w[5] = -1e9f;
    OnnxMl.ModelProto half = Float16Weights.convert(model(w, new float[10]));
    for (OnnxMl.TensorProto t : half.getGraph().getInitializerList()) {
      assertEquals(OnnxMl.TensorProto.DataType.FLOAT.getNumber(), t.getDataType(),
          t.getName() + ": a -1e9 mask value and a 10-value bias stay float32");
    }
    assertEquals(0, half.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Cast")).count());
  }
}
