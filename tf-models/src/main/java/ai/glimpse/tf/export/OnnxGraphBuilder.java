package ai.glimpse.tf.export;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates the nodes and initializers of an ONNX graph, handing out unique tensor names.
 */
final class OnnxGraphBuilder {
  private final List<OnnxMl.NodeProto> nodes = new ArrayList<>();
  private final List<OnnxMl.TensorProto> initializers = new ArrayList<>();
  private final Map<String, Integer> used = new HashMap<>();

  /** Returns a name based on {@code base} that no tensor or node has yet. */
  String unique(String base) {
    String clean = base.replaceAll("[^A-Za-z0-9_./:-]", "_");
    int n = used.merge(clean, 1, Integer::sum);
    return n == 1 ? clean : clean + "__" + (n - 1);
  }

  /** Reserves an exact name (graph inputs and outputs). */
  void reserve(String name) {
    if (used.putIfAbsent(name, 1) != null) {
      throw new IllegalStateException("ONNX name '" + name + "' is taken twice");
    }
  }

  /** Adds a node with {@code outputCount} fresh outputs named after {@code base}; returns them. */
  List<String> node(String opType, String base, List<String> inputs, int outputCount,
      OnnxMl.AttributeProto... attributes) {
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < outputCount; i++) {
      outputs.add(unique(base + (outputCount == 1 ? "" : ":" + i)));
    }
    nodeWithOutputs(opType, base, inputs, outputs, attributes);
    return outputs;
  }

  /** Adds a node with one fresh output; returns its name. */
  String node1(String opType, String base, List<String> inputs, OnnxMl.AttributeProto... attributes) {
    return node(opType, base, inputs, 1, attributes).get(0);
  }

  /** Adds a node whose outputs have the given names. */
  void nodeWithOutputs(String opType, String base, List<String> inputs, List<String> outputs,
      OnnxMl.AttributeProto... attributes) {
    OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder()
        .setOpType(opType).setName(unique("node/" + base)).addAllInput(inputs).addAllOutput(outputs);
    for (OnnxMl.AttributeProto a : attributes) {
      b.addAttribute(a);
    }
    nodes.add(b.build());
  }

  /** Adds an initializer from raw little-endian bytes; returns its name. */
  String initializer(String base, int onnxType, long[] dims, byte[] raw) {
    String name = unique(base);
    OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(onnxType)
        .setRawData(ByteString.copyFrom(raw));
    for (long d : dims) {
      t.addDims(d);
    }
    initializers.add(t.build());
    return name;
  }

  /** Adds a float32 initializer. */
  String floats(String base, long[] dims, float[] values) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    return initializer(base, OnnxMl.TensorProto.DataType.FLOAT.getNumber(), dims, buf.array());
  }

  /** Adds an int64 initializer. */
  String longs(String base, long[] dims, long[] values) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    buf.asLongBuffer().put(values);
    return initializer(base, OnnxMl.TensorProto.DataType.INT64.getNumber(), dims, buf.array());
  }

  /** Adds a 1-D int64 initializer. */
  String longs(String base, long... values) {
    return longs(base, new long[] {values.length}, values);
  }

  List<OnnxMl.NodeProto> nodes() {
    return nodes;
  }

  List<OnnxMl.TensorProto> initializers() {
    return initializers;
  }

  static OnnxMl.AttributeProto attr(String name, long value) {
    return OnnxMl.AttributeProto.newBuilder().setName(name)
        .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value).build();
  }

  static OnnxMl.AttributeProto attr(String name, float value) {
    return OnnxMl.AttributeProto.newBuilder().setName(name)
        .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(value).build();
  }

  static OnnxMl.AttributeProto attr(String name, String value) {
    return OnnxMl.AttributeProto.newBuilder().setName(name)
        .setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(value)).build();
  }

  static OnnxMl.AttributeProto attr(String name, long[] values) {
    OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(name)
        .setType(OnnxMl.AttributeProto.AttributeType.INTS);
    for (long v : values) {
      b.addInts(v);
    }
    return b.build();
  }
}
