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
 * initializer becomes a float16 initializer followed by a {@code Cast} back to float32 under the
 * original name, so the graph, its inputs and outputs and its arithmetic stay float32 and only the
 * weights are rounded (relative error at most 2⁻¹¹; values beyond ±65504 become infinite and are
 * refused).
 */
public final class Float16Weights {
  /** The suffix of the float16 initializer behind each cast weight. */
  public static final String SUFFIX = "/fp16";

  private Float16Weights() {}

  /**
   * Returns {@code model} with its float32 initializers stored as float16.
   *
   * @throws IllegalArgumentException naming the initializer if a weight is too large for float16
   */
  public static OnnxMl.ModelProto convert(OnnxMl.ModelProto model) {
    OnnxMl.GraphProto graph = model.getGraph();
    OnnxMl.GraphProto.Builder g = graph.toBuilder().clearInitializer().clearNode();
    List<OnnxMl.NodeProto> casts = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    graph.getNodeList().forEach(n -> taken.addAll(n.getOutputList()));
    graph.getInitializerList().forEach(t -> taken.add(t.getName()));
    for (OnnxMl.TensorProto t : graph.getInitializerList()) {
      if (t.getDataType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
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
          .setRawData(ByteString.copyFrom(halves(t))));
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

  private static byte[] halves(OnnxMl.TensorProto t) {
    float[] values;
    if (!t.getRawData().isEmpty()) {
      FloatBuffer fb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      values = new float[fb.remaining()];
      fb.get(values);
    } else {
      values = new float[t.getFloatDataCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = t.getFloatData(i);
      }
    }
    ByteBuffer out = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      if (Math.abs(v) > Float16.MAX_VALUE && Float.isFinite(v)) {
        throw new IllegalArgumentException("initializer '" + t.getName() + "' holds " + v
            + ", beyond float16's range of ±" + Float16.MAX_VALUE);
      }
      out.putShort(Float16.fromFloat(v));
    }
    return out.array();
  }
}
