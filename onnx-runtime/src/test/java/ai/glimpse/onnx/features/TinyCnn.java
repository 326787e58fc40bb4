package ai.glimpse.onnx.features;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A tiny CNN with seeded weights, built as an ONNX model (opset 17, IR version 8) and computed in
 * plain Java as a reference: Conv (3 → 4 channels, 3 × 3, stride 2, padding 1, with bias) → Relu
 * → MaxPool (2 × 2, stride 2). An image of side {@code s} gives a {@code [4, s/4, s/4]} grid.
 */
final class TinyCnn {
  static final int IN = 3;
  static final int OUT = 4;
  static final int K = 3;

  private final float[] weight = new float[OUT * IN * K * K];
  private final float[] bias = new float[OUT];

  TinyCnn(long seed) {
    Random rnd = new Random(seed);
    for (int i = 0; i < weight.length; i++) {
      weight[i] = (rnd.nextFloat() - 0.5f) * 0.5f;
    }
    for (int i = 0; i < bias.length; i++) {
      bias[i] = (rnd.nextFloat() - 0.3f) * 0.4f;
    }
  }

  /** The side of the grid for images of side {@code size}. */
  static int gridSize(int size) {
    int conv = (size + 2 - K) / 2 + 1;
    return conv / 2;
  }

  /**
   * Writes the model. {@code fixedBatch} and {@code fixedSize} (0 for symbolic dimensions) fix
   * the input shape; {@code pooledOutputFirst} adds a rank-2 output {@code pooled}
   * ({@code [batch, 4]}, global average pooling) before the grid output {@code grid}.
   */
  Path write(Path file, int fixedBatch, int fixedSize, boolean pooledOutputFirst) throws IOException {
    GraphProto.Builder g = GraphProto.newBuilder().setName("tiny_cnn");
    g.addInput(value("pixels", dim(fixedBatch, "batch"), dim(IN, null), dim(fixedSize, "height"),
        dim(fixedSize, "width")));
    g.addInitializer(tensor("conv_w", weight, OUT, IN, K, K));
    g.addInitializer(tensor("conv_b", bias, OUT));
    g.addNode(node("Conv", new String[] {"pixels", "conv_w", "conv_b"}, "conv")
        .addAttribute(ints("kernel_shape", K, K))
        .addAttribute(ints("strides", 2, 2))
        .addAttribute(ints("pads", 1, 1, 1, 1)));
    g.addNode(node("Relu", new String[] {"conv"}, "relu"));
    g.addNode(node("MaxPool", new String[] {"relu"}, "grid")
        .addAttribute(ints("kernel_shape", 2, 2))
        .addAttribute(ints("strides", 2, 2)));
    TensorShapeProto.Dimension batch = dim(fixedBatch, "batch");
    if (pooledOutputFirst) {
      g.addNode(node("GlobalAveragePool", new String[] {"relu"}, "gap"));
      g.addNode(node("Flatten", new String[] {"gap"}, "pooled"));
      g.addOutput(value("pooled", batch, dim(OUT, null)));
    }
    g.addOutput(value("grid", batch, dim(OUT, null), dim(0, "grid_h"), dim(0, "grid_w")));
    ModelProto model = ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("glimpse-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(g)
        .build();
    Files.write(file, model.toByteArray());
    return file;
  }

  private static TensorShapeProto.Dimension dim(int value, String param) {
    return value > 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(value).build()
        : TensorShapeProto.Dimension.newBuilder().setDimParam(param).build();
  }

  private static ValueInfoProto value(String name, TensorShapeProto.Dimension... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (TensorShapeProto.Dimension d : dims) {
      shape.addDim(d);
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
        .build();
  }

  private static TensorProto tensor(String name, float[] values, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name)
        .setDataType(TensorProto.DataType.FLOAT.getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    for (float v : values) {
      t.addFloatData(v);
    }
    return t.build();
  }

  private static NodeProto.Builder node(String op, String[] inputs, String output) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op.toLowerCase() + "_" + output)
        .addOutput(output);
    for (String in : inputs) {
      n.addInput(in);
    }
    return n;
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  /** Computes the grid features {@code [4, g, g]} of one normalized image {@code [3, size, size]}, in double. */
  float[] reference(float[] pixels, int size) {
    int conv = (size + 2 - K) / 2 + 1;
    double[] relu = new double[OUT * conv * conv];
    for (int o = 0; o < OUT; o++) {
      for (int y = 0; y < conv; y++) {
        for (int x = 0; x < conv; x++) {
          double sum = bias[o];
          for (int c = 0; c < IN; c++) {
            for (int ky = 0; ky < K; ky++) {
              int iy = 2 * y + ky - 1;
              if (iy < 0 || iy >= size) {
                continue;
              }
              for (int kx = 0; kx < K; kx++) {
                int ix = 2 * x + kx - 1;
                if (ix < 0 || ix >= size) {
                  continue;
                }
                sum += (double) weight[((o * IN + c) * K + ky) * K + kx] * pixels[(c * size + iy) * size + ix];
              }
            }
          }
          relu[(o * conv + y) * conv + x] = Math.max(0, sum);
        }
      }
    }
    int grid = conv / 2;
    float[] out = new float[OUT * grid * grid];
    for (int o = 0; o < OUT; o++) {
      for (int y = 0; y < grid; y++) {
        for (int x = 0; x < grid; x++) {
          double max = Double.NEGATIVE_INFINITY;
          for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
              max = Math.max(max, relu[(o * conv + 2 * y + dy) * conv + 2 * x + dx]);
            }
          }
          out[(o * grid + y) * grid + x] = (float) max;
        }
      }
    }
    return out;
  }
}
