package ai.glimpse.tf.export;

import static ai.glimpse.tf.export.OnnxGraphBuilder.attr;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;

/**
 * Converts the part of a TensorFlow graph that computes some outputs from some placeholders
 * into ONNX nodes, op by op. Every value that does not depend on a placeholder (variables,
 * constants and whatever is computed from them alone) is evaluated in the session and becomes
 * an initializer, so weights are exported exactly as TensorFlow sees them. Ops without a mapping
 * are reported by type and name.
 */
final class TfToOnnx {
  /** The TensorFlow op types this converter maps. */
  static final Set<String> SUPPORTED = new TreeSet<>(List.of(
      "Identity", "Cast", "NotEqual", "Equal", "GatherV2", "Unpack", "Split", "MatMul",
      "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3", "Add", "AddV2", "BiasAdd", "Sub", "Mul",
      "RealDiv", "Div", "Maximum", "Minimum", "Neg", "Floor", "Sigmoid", "Tanh", "Relu", "Sqrt",
      "Rsqrt", "Exp", "Log", "Square", "Softmax", "LogSoftmax", "ConcatV2", "Reshape", "Transpose",
      "ExpandDims", "Squeeze", "Sum", "Mean", "Max", "Conv2D", "Pack", "MaxPool", "MaxPoolV2", "AvgPool",
      "Abs", "Greater", "ReverseSequence", "RFFT", "IRFFT", "Real", "Imag", "Complex"));

  private final Session session;
  private final OnnxGraphBuilder b;
  private final Map<String, String> inputs;
  private final Map<String, Boolean> dynamic = new HashMap<>();
  private final Map<String, List<String>> converted = new HashMap<>();
  private final Map<String, String> folded = new HashMap<>();

  /**
   * Creates a converter; {@code inputs} maps TensorFlow placeholder names to ONNX graph input
   * names.
   */
  TfToOnnx(Session session, OnnxGraphBuilder builder, Map<String, String> inputs) {
    this.session = session;
    this.b = builder;
    this.inputs = inputs;
  }

  /** Returns the ONNX tensor holding the value of {@code out}, converting what it needs. */
  String tensor(Output<?> out) {
    GraphOperation op = (GraphOperation) out.op();
    if (!isDynamic(op)) {
      return fold(out);
    }
    return convert(op).get(out.index());
  }

  private boolean isDynamic(GraphOperation op) {
    Boolean known = dynamic.get(op.name());
    if (known != null) {
      return known;
    }
    boolean d;
    if (op.type().equals("Placeholder")) {
      if (!inputs.containsKey(op.name())) {
        throw new IllegalArgumentException("the exported outputs depend on placeholder '" + op.name()
            + "', which is not an input of the export (inputs: " + inputs.keySet() + ")");
      }
      d = true;
    } else {
      d = false;
      for (int i = 0; i < op.numInputs() && !d; i++) {
        d = isDynamic((GraphOperation) op.input(i).op());
      }
    }
    dynamic.put(op.name(), d);
    return d;
  }

  /** Evaluates a placeholder-free value in the session and stores it as an initializer. */
  private String fold(Output<?> out) {
    String key = out.op().name() + ":" + out.index();
    String name = folded.get(key);
    if (name != null) {
      return name;
    }
    try (Result r = session.runner().fetch(out).run()) {
      Tensor t = r.get(0);
      name = b.initializer(out.op().name(), onnxType(t.dataType(), out.op().name()),
          t.shape().asArray(), bytes(t));
    }
    folded.put(key, name);
    return name;
  }

  private static byte[] bytes(Tensor t) {
    byte[] raw = new byte[Math.toIntExact(t.numBytes())];
    t.asRawTensor().data().read(raw);
    return raw;
  }

  /** Evaluates a placeholder-free integer value (an axis, a permutation, a shape). */
  private long[] constLongs(Output<?> out, String role) {
    GraphOperation op = (GraphOperation) out.op();
    if (isDynamic(op)) {
      throw new IllegalArgumentException("the " + role + " of op '" + op.name()
          + "' depends on the inputs; only constant " + role + "s can be exported");
    }
    try (Result r = session.runner().fetch(out).run()) {
      Tensor t = r.get(0);
      ByteBuffer buf = ByteBuffer.wrap(bytes(t)).order(ByteOrder.nativeOrder());
      int n = Math.toIntExact(t.shape().size());
      long[] v = new long[n];
      if (t.dataType() == DataType.DT_INT32) {
        for (int i = 0; i < n; i++) {
          v[i] = buf.getInt();
        }
      } else if (t.dataType() == DataType.DT_INT64) {
        for (int i = 0; i < n; i++) {
          v[i] = buf.getLong();
        }
      } else {
        throw new IllegalArgumentException("the " + role + " of op '" + op.name()
            + "' must be an integer tensor, got " + t.dataType());
      }
      return v;
    }
  }

  static int onnxType(DataType type, String where) {
    return switch (type) {
      case DT_FLOAT -> OnnxMl.TensorProto.DataType.FLOAT.getNumber();
      case DT_DOUBLE -> OnnxMl.TensorProto.DataType.DOUBLE.getNumber();
      case DT_HALF -> OnnxMl.TensorProto.DataType.FLOAT16.getNumber();
      case DT_INT32 -> OnnxMl.TensorProto.DataType.INT32.getNumber();
      case DT_INT64 -> OnnxMl.TensorProto.DataType.INT64.getNumber();
      case DT_BOOL -> OnnxMl.TensorProto.DataType.BOOL.getNumber();
      case DT_UINT8 -> OnnxMl.TensorProto.DataType.UINT8.getNumber();
      default -> throw new IllegalArgumentException("'" + where + "' has type " + type
          + ", which the ONNX export does not support");
    };
  }

  private List<String> convert(GraphOperation op) {
    List<String> done = converted.get(op.name());
    if (done != null) {
      return done;
    }
    List<String> outs = map(op);
    converted.put(op.name(), outs);
    return outs;
  }

  private String in(GraphOperation op, int i) {
    return tensor(op.input(i));
  }

  private List<String> one(String name) {
    return List.of(name);
  }

  private List<String> map(GraphOperation op) {
    String n = op.name();
    String type = op.type();
    switch (type) {
      case "Placeholder":
        return one(inputs.get(n));
      case "Identity":
        return one(in(op, 0));
      case "Cast":
        return one(b.node1("Cast", n, List.of(in(op, 0)),
            attr("to", (long) onnxType(op.attributes().getAttrType("DstT"), n))));
      case "Equal":
        return one(b.node1("Equal", n, List.of(in(op, 0), in(op, 1))));
      case "Greater":
        return one(b.node1("Greater", n, List.of(in(op, 0), in(op, 1))));
      case "ReverseSequence": {
        long batchDim = op.attributes().getAttrInt("batch_dim");
        long seqDim = op.attributes().getAttrInt("seq_dim");
        String lengths = b.node1("Cast", n + "/lengths", List.of(in(op, 1)),
            attr("to", (long) OnnxMl.TensorProto.DataType.INT64_VALUE));
        return one(b.node1("ReverseSequence", n, List.of(in(op, 0), lengths),
            attr("batch_axis", batchDim), attr("time_axis", seqDim)));
      }
      case "NotEqual": {
        String eq = b.node1("Equal", n + "/equal", List.of(in(op, 0), in(op, 1)));
        return one(b.node1("Not", n, List.of(eq)));
      }
      case "GatherV2": {
        long axis = constLongs(op.input(2), "axis")[0];
        return one(b.node1("Gather", n, List.of(in(op, 0), in(op, 1)), attr("axis", axis)));
      }
      case "Unpack": {
        long num = op.attributes().getAttrInt("num");
        long axis = op.attributes().getAttrInt("axis");
        List<String> parts = b.node("Split", n + "/split", List.of(in(op, 0)), (int) num, attr("axis", axis));
        String axes = b.longs(n + "/axes", axis);
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < num; i++) {
          outs.add(b.node1("Squeeze", n + ":" + i, List.of(parts.get(i), axes)));
        }
        return outs;
      }
      case "Split": {
        long axis = constLongs(op.input(0), "axis")[0];
        long num = op.attributes().getAttrInt("num_split");
        return b.node("Split", n, List.of(in(op, 1)), (int) num, attr("axis", axis));
      }
      case "MatMul":
        return one(matMul(n, in(op, 0), in(op, 1), op.attributes().getAttrBool("transpose_a"),
            op.attributes().getAttrBool("transpose_b"), 2));
      case "BatchMatMul":
      case "BatchMatMulV2":
      case "BatchMatMulV3":
        return one(matMul(n, in(op, 0), in(op, 1), op.attributes().getAttrBool("adj_x"),
            op.attributes().getAttrBool("adj_y"), -1));
      case "Add":
      case "AddV2":
      case "BiasAdd":
        return binary("Add", op);
      case "Sub":
        return binary("Sub", op);
      case "Mul":
        return binary("Mul", op);
      case "RealDiv":
      case "Div":
        return binary("Div", op);
      case "Maximum":
        return binary("Max", op);
      case "Minimum":
        return binary("Min", op);
      case "Neg":
      case "Abs":
      case "Floor":
      case "Sigmoid":
      case "Tanh":
      case "Relu":
      case "Sqrt":
      case "Exp":
      case "Log":
        return one(b.node1(type, n, List.of(in(op, 0))));
      case "Rsqrt": {
        String sqrt = b.node1("Sqrt", n + "/sqrt", List.of(in(op, 0)));
        return one(b.node1("Reciprocal", n, List.of(sqrt)));
      }
      case "Square": {
        String x = in(op, 0);
        return one(b.node1("Mul", n, List.of(x, x)));
      }
      case "Softmax":
      case "LogSoftmax":
        return one(b.node1(type, n, List.of(in(op, 0)), attr("axis", -1L)));
      case "ConcatV2": {
        int count = op.numInputs() - 1;
        long axis = constLongs(op.input(count), "axis")[0];
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          parts.add(in(op, i));
        }
        return one(b.node1("Concat", n, parts, attr("axis", axis)));
      }
      case "Pack": {
        long axis = op.attributes().getAttrInt("axis");
        String axes = b.longs(n + "/axes", axis);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < op.numInputs(); i++) {
          parts.add(b.node1("Unsqueeze", n + "/unsqueeze", List.of(in(op, i), axes)));
        }
        return one(b.node1("Concat", n, parts, attr("axis", axis)));
      }
      case "Reshape": {
        String shape = b.longs(n + "/shape", constLongs(op.input(1), "shape"));
        return one(b.node1("Reshape", n, List.of(in(op, 0), shape)));
      }
      case "Transpose":
        return one(b.node1("Transpose", n, List.of(in(op, 0)),
            attr("perm", constLongs(op.input(1), "permutation"))));
      case "ExpandDims": {
        String axes = b.longs(n + "/axes", constLongs(op.input(1), "axis"));
        return one(b.node1("Unsqueeze", n, List.of(in(op, 0), axes)));
      }
      case "Squeeze": {
        long[] dims = op.attributes().getAttrIntList("squeeze_dims");
        List<String> args = new ArrayList<>(List.of(in(op, 0)));
        if (dims.length > 0) {
          args.add(b.longs(n + "/axes", dims));
        }
        return one(b.node1("Squeeze", n, args));
      }
      case "Sum":
      case "Mean":
      case "Max":
        return one(reduce(op));
      case "Conv2D":
        return one(conv2d(op));
      case "MaxPool":
      case "MaxPoolV2":
      case "AvgPool":
        return one(pool(op));
      case "RFFT":
        return one(rfft(op));
      case "IRFFT":
        return one(irfft(op));
      case "Real":
      case "Imag": {
        // A complex tensor is a float tensor with a trailing axis of 2 (real, imaginary).
        String index = b.longs(n + "/part", new long[0], new long[] {type.equals("Real") ? 0 : 1});
        return one(b.node1("Gather", n, List.of(in(op, 0), index), attr("axis", -1L)));
      }
      case "Complex": {
        String axes = b.longs(n + "/axes", -1L);
        String re = b.node1("Unsqueeze", n + "/real", List.of(in(op, 0), axes));
        String im = b.node1("Unsqueeze", n + "/imag", List.of(in(op, 1), axes));
        return one(b.node1("Concat", n, List.of(re, im), attr("axis", -1L)));
      }
      default:
        throw new IllegalArgumentException("cannot export TensorFlow op '" + n + "' of type " + type
            + " to ONNX; supported types: " + SUPPORTED);
    }
  }

  /**
   * RFFT along the last axis of a real {@code [..., n]} tensor: ONNX DFT (onesided) of the signal
   * with a trailing axis of 1, giving {@code [..., n/2 + 1, 2]}.
   */
  private String rfft(GraphOperation op) {
    String n = op.name();
    int rank = signalRank(op, op.input(0));
    long length = fftLength(op);
    long last = op.input(0).shape().size(rank - 1);
    if (last != length) {
      throw new IllegalArgumentException("op '" + n + "': RFFT of length " + length + " over an axis of "
          + last + " (padding or cropping) is not exported");
    }
    String x = b.node1("Unsqueeze", n + "/real", List.of(in(op, 0), b.longs(n + "/axes", -1L)));
    return b.node1("DFT", n, List.of(x), attr("axis", (long) (rank - 1)), attr("onesided", 1L));
  }

  /**
   * IRFFT of a onesided spectrum {@code [..., n/2 + 1, 2]}: the full spectrum rebuilt by conjugate
   * symmetry ({@code X_k = conj(X_{n-k})}), an inverse ONNX DFT (which divides by n), the real part.
   * Like TensorFlow, this ignores the imaginary parts at frequency 0 and n/2.
   */
  private String irfft(GraphOperation op) {
    String n = op.name();
    int rank = signalRank(op, op.input(0));
    long length = fftLength(op);
    long m = op.input(0).shape().size(rank - 1);
    if (m != length / 2 + 1) {
      throw new IllegalArgumentException("op '" + n + "': IRFFT of length " + length + " from "
          + m + " frequencies (padding or cropping) is not exported");
    }
    long axis = rank - 1;
    String spectrum = in(op, 0);
    long mirrored = length - m;
    if (mirrored > 0) {
      long[] indices = new long[(int) mirrored];
      for (int i = 0; i < indices.length; i++) {
        indices[i] = mirrored - i;
      }
      String upper = b.node1("Gather", n + "/mirror", List.of(spectrum, b.longs(n + "/indices", indices)),
          attr("axis", axis));
      String conj = b.node1("Mul", n + "/conj", List.of(upper, b.floats(n + "/conj_sign",
          new long[] {2}, new float[] {1f, -1f})));
      spectrum = b.node1("Concat", n + "/full", List.of(spectrum, conj), attr("axis", axis));
    }
    String signal = b.node1("DFT", n + "/dft", List.of(spectrum), attr("axis", axis),
        attr("inverse", 1L), attr("onesided", 0L));
    return b.node1("Gather", n, List.of(signal, b.longs(n + "/part", new long[0], new long[] {0})),
        attr("axis", -1L));
  }

  /** The rank of an FFT's input, which must be known and leave axis 0 as the batch. */
  private static int signalRank(GraphOperation op, Output<?> input) {
    org.tensorflow.ndarray.Shape s = input.shape();
    if (s.isUnknown() || s.numDimensions() < 2 || s.size(s.numDimensions() - 1) < 0) {
      throw new IllegalArgumentException("op '" + op.name() + "': only FFTs of inputs [batch, ..., n]"
          + " with a known rank and signal length are exported, got " + s);
    }
    return s.numDimensions();
  }

  private long fftLength(GraphOperation op) {
    long[] length = constLongs(op.input(1), "fft_length");
    if (length.length != 1) {
      throw new IllegalArgumentException("op '" + op.name() + "': only one-dimensional FFTs are exported");
    }
    return length[0];
  }

  private List<String> binary(String onnxOp, GraphOperation op) {
    return one(b.node1(onnxOp, op.name(), List.of(in(op, 0), in(op, 1))));
  }

  private String matMul(String n, String x, String y, boolean ta, boolean tb, int rank) {
    if (ta) {
      x = b.node1("Transpose", n + "/transpose_a", List.of(x), attr("perm", lastTwoSwapped(rank)));
    }
    if (tb) {
      y = b.node1("Transpose", n + "/transpose_b", List.of(y), attr("perm", lastTwoSwapped(rank)));
    }
    return b.node1("MatMul", n, List.of(x, y));
  }

  private static long[] lastTwoSwapped(int rank) {
    if (rank != 2) {
      throw new IllegalArgumentException("transposed batch matrix products need a known rank");
    }
    return new long[] {1, 0};
  }

  private String reduce(GraphOperation op) {
    String n = op.name();
    long[] axes = constLongs(op.input(1), "reduction axis");
    long keep = op.attributes().getAttrBool("keep_dims") ? 1 : 0;
    String onnxOp = switch (op.type()) {
      case "Sum" -> "ReduceSum";
      case "Mean" -> "ReduceMean";
      default -> "ReduceMax";
    };
    if (onnxOp.equals("ReduceSum")) {
      // Opset 13 made the axes of ReduceSum an input; the other reductions follow in opset 18.
      return b.node1(onnxOp, n, List.of(in(op, 0), b.longs(n + "/axes", axes)), attr("keepdims", keep));
    }
    return b.node1(onnxOp, n, List.of(in(op, 0)), attr("axes", axes), attr("keepdims", keep));
  }

  /** NHWC Conv2D: transpose to NCHW, ONNX Conv with the kernel as OIHW, transpose back. */
  private String conv2d(GraphOperation op) {
    String n = op.name();
    String format = op.attributes().getAttrString("data_format");
    if (!format.equals("NHWC")) {
      throw new IllegalArgumentException("op '" + n + "': only NHWC convolutions are exported, got " + format);
    }
    long[] strides = op.attributes().getAttrIntList("strides");
    long[] dilations = op.attributes().getAttrIntList("dilations");
    String padding = op.attributes().getAttrString("padding");
    if (isDynamic((GraphOperation) op.input(1).op())) {
      throw new IllegalArgumentException("op '" + n + "': the convolution kernel must be constant");
    }
    String kernel = kernelOihw(op.input(1), n + "/kernel");
    String x = b.node1("Transpose", n + "/to_nchw", List.of(in(op, 0)), attr("perm", new long[] {0, 3, 1, 2}));
    List<OnnxMl.AttributeProto> attrs = new ArrayList<>();
    attrs.add(attr("strides", new long[] {strides[1], strides[2]}));
    attrs.add(attr("dilations", new long[] {dilations[1], dilations[2]}));
    switch (padding) {
      case "SAME" -> attrs.add(attr("auto_pad", "SAME_UPPER"));
      case "VALID" -> attrs.add(attr("auto_pad", "VALID"));
      default -> throw new IllegalArgumentException("op '" + n + "': padding " + padding + " is not exported");
    }
    String y = b.node1("Conv", n, List.of(x, kernel), attrs.toArray(new OnnxMl.AttributeProto[0]));
    return b.node1("Transpose", n + "/to_nhwc", List.of(y), attr("perm", new long[] {0, 2, 3, 1}));
  }

  /** NHWC pooling: transpose to NCHW, ONNX MaxPool or AveragePool, transpose back. */
  private String pool(GraphOperation op) {
    String n = op.name();
    boolean v2 = op.type().equals("MaxPoolV2");
    String format = op.attributes().getAttrString("data_format");
    if (!format.equals("NHWC")) {
      throw new IllegalArgumentException("op '" + n + "': only NHWC pooling is exported, got " + format);
    }
    long[] ksize = v2 ? constLongs(op.input(1), "window") : op.attributes().getAttrIntList("ksize");
    long[] strides = v2 ? constLongs(op.input(2), "stride") : op.attributes().getAttrIntList("strides");
    String padding = op.attributes().getAttrString("padding");
    if (ksize[0] != 1 || ksize[3] != 1 || strides[0] != 1 || strides[3] != 1) {
      throw new IllegalArgumentException("op '" + n + "': only spatial pooling windows are exported");
    }
    String x = b.node1("Transpose", n + "/to_nchw", List.of(in(op, 0)), attr("perm", new long[] {0, 3, 1, 2}));
    String onnxOp = op.type().equals("AvgPool") ? "AveragePool" : "MaxPool";
    String y = b.node1(onnxOp, n, List.of(x), attr("kernel_shape", new long[] {ksize[1], ksize[2]}),
        attr("strides", new long[] {strides[1], strides[2]}),
        attr("auto_pad", padding.equals("SAME") ? "SAME_UPPER" : "VALID"));
    return b.node1("Transpose", n + "/to_nhwc", List.of(y), attr("perm", new long[] {0, 2, 3, 1}));
  }

  /** Evaluates an HWIO float kernel and stores it transposed to OIHW. */
  private String kernelOihw(Output<?> out, String base) {
    try (Result r = session.runner().fetch(out).run()) {
      Tensor t = r.get(0);
      if (t.dataType() != DataType.DT_FLOAT) {
        throw new IllegalArgumentException(base + ": only float32 kernels are exported, got " + t.dataType());
      }
      long[] s = t.shape().asArray();
      int kh = (int) s[0];
      int kw = (int) s[1];
      int ci = (int) s[2];
      int co = (int) s[3];
      float[] hwio = new float[kh * kw * ci * co];
      ByteBuffer.wrap(bytes(t)).order(ByteOrder.nativeOrder()).asFloatBuffer().get(hwio);
      float[] oihw = new float[hwio.length];
      for (int h = 0; h < kh; h++) {
        for (int w = 0; w < kw; w++) {
          for (int i = 0; i < ci; i++) {
            for (int o = 0; o < co; o++) {
              oihw[((o * ci + i) * kh + h) * kw + w] = hwio[((h * kw + w) * ci + i) * co + o];
            }
          }
        }
      }
      return b.floats(base, new long[] {co, ci, kh, kw}, oihw);
    }
  }
}
