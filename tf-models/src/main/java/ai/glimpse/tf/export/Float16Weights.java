package ai.glimpse.tf.export;

import ai.glimpse.preprocessing.io.Float16;
import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores the float32 weights of an exported model as float16 (half the file size): every float32
 * initializer of at least {@value #MIN_ELEMENTS} values becomes a float16 initializer followed by
 * a {@code Cast} back to float32 under the original name, so the graph, its inputs and outputs and
 * its arithmetic stay float32 and only the weights are rounded (relative error at most 2⁻¹¹).
 * Small constants, and any tensor holding a value beyond float16's ±65504 (such as the -1e9 of
 * an attention mask), stay float32.
 */
public final class Float16Weights {
  /** The suffix of the float16 initializer behind each cast weight. */
  public static final String SUFFIX = "/fp16";

  /** Initializers with fewer values stay float32: they weigh nothing and are often masks or scales. */
  public static final int MIN_ELEMENTS = 16;

  private Float16Weights() {}

  /**
   * Returns {@code model} with its float32 weights stored as float16.
   *
   * @param model the exported model; not modified. Float32 initializers may hold raw data or
   *     {@code float_data}; other initializers are copied unchanged
   * @return a new model whose converted weights are float16 initializers named
   *     {@code <name>}{@value #SUFFIX}, each cast back to float32 by a {@code Cast} node placed before
   *     the original nodes; inputs, outputs, metadata and the other initializers are as in
   *     {@code model}
   * @throws IllegalStateException if a float16 initializer's name is already used by an
   *     initializer or a node output of {@code model}
   */
  public static OnnxMl.ModelProto convert(OnnxMl.ModelProto model) {
    OnnxMl.GraphProto graph = model.getGraph();
    OnnxMl.GraphProto.Builder g = graph.toBuilder().clearInitializer().clearNode();
    List<OnnxMl.NodeProto> casts = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    graph.getNodeList().forEach(n -> taken.addAll(n.getOutputList()));
    graph.getInitializerList().forEach(t -> taken.add(t.getName()));
    for (OnnxMl.TensorProto t : graph.getInitializerList()) {
      float[] values = t.getDataType() == OnnxMl.TensorProto.DataType.FLOAT.getNumber() ? floats(t) : null;
      if (values == null || values.length < MIN_ELEMENTS || !fitsFloat16(values)) {
        g.addInitializer(t);
        continue;
      }
      String half = t.getName() + SUFFIX;
      if (!taken.add(half)) {
        throw new IllegalStateException("ONNX name '" + half + "' is taken already");
      }
      g.addInitializer(OnnxMl.TensorProto.newBuilder()
          .setName(half)
          .addAllDims(t.getDimsList())
          .setDataType(OnnxMl.TensorProto.DataType.FLOAT16.getNumber())
          .setRawData(ByteString.copyFrom(halves(values))));
      casts.add(OnnxMl.NodeProto.newBuilder()
          .setOpType("Cast")
          .setName("node/fp16/" + t.getName())
          .addInput(half)
          .addOutput(t.getName())
          .addAttribute(OnnxGraphBuilder.attr("to", (long) OnnxMl.TensorProto.DataType.FLOAT.getNumber()))
          .build());
    }
    // The casts come first, so the nodes stay in topological order.
    g.addAllNode(casts).addAllNode(graph.getNodeList());
    return model.toBuilder().setGraph(g).build();
  }

  private static float[] floats(OnnxMl.TensorProto t) {
    if (!t.getRawData().isEmpty()) {
      FloatBuffer fb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      float[] values = new float[fb.remaining()];
      fb.get(values);
      return values;
    }
    float[] values = new float[t.getFloatDataCount()];
    for (int i = 0; i < values.length; i++) {
      values[i] = t.getFloatData(i);
    }
    return values;
  }

  private static boolean fitsFloat16(float[] values) {
    for (float v : values) {
      if (Float.isFinite(v) && Math.abs(v) > Float16.MAX_VALUE) {
        return false;
      }
    }
    return true;
  }

  private static byte[] halves(float[] values) {
    ByteBuffer out = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      out.putShort(Float16.fromFloat(v));
    }
    return out.array();
  }
}
