package ai.glimpse.onnx.serve;

import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.format.ModelMetadata;
import ai.glimpse.preprocessing.text.TokenizerConfig;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny VQA model with seeded weights, built as an ONNX model (opset 17) with the inputs,
 * outputs and Glimpse metadata a {@link Predictor} expects, so tests need no training:
 * {@code answer_probs = softmax(sum_t E[token_t] + flatten(image) W)} ({@code [batch, answers]})
 * and {@code attention = softmax(mean_c(image))} over the image's H × W locations
 * ({@code [batch, 1, H * W]}). Both outputs depend on each query's own question and image, so a
 * mixed-up batch shows.
 */
public final class TinyVqa {
  /** The question vocabulary after the padding and unknown tokens. */
  static final List<String> WORDS = List.of("what", "color", "is", "the", "shape", "how", "many", "there", "left");
  /** The answers, in {@code answer_probs} column order. */
  static final List<String> ANSWERS = List.of("red", "blue", "circle", "square", "two");
  /** Question tokens per query. */
  static final int MAX_WORDS = 6;

  private TinyVqa() {}

  /** Writes a model on {@code shape} images (pixels or a grid) to {@code file}. */
  public static Path write(Path file, FeatureShape shape, long seed) throws IOException {
    Random rnd = new Random(seed);
    List<String> vocab = new ArrayList<>(List.of("<pad>", "<unk>"));
    vocab.addAll(WORDS);
    int a = ANSWERS.size();
    int len = shape.length();
    float[] embed = new float[vocab.size() * a];
    for (int i = a; i < embed.length; i++) { // row 0 (padding) stays zero
      embed[i] = (rnd.nextFloat() - 0.5f) * 2f;
    }
    float[] w = new float[len * a];
    for (int i = 0; i < w.length; i++) {
      w[i] = (rnd.nextFloat() - 0.5f) * 4f / (float) Math.sqrt(len);
    }
    String imageName = shape.kind().inputName();
    List<Integer> dims = shape.dims();
    int locations = dims.get(1) * dims.get(2);

    GraphProto.Builder g = GraphProto.newBuilder().setName("tiny_vqa");
    g.addInput(value("question_tokens", TensorProto.DataType.INT64, sym("batch"), fixed(MAX_WORDS)));
    g.addInput(value(imageName, TensorProto.DataType.FLOAT, sym("batch"), fixed(dims.get(0)), fixed(dims.get(1)),
        fixed(dims.get(2))));
    g.addInitializer(floats("embed", embed, vocab.size(), a));
    g.addInitializer(floats("w_image", w, len, a));
    g.addInitializer(longs("sum_axes", 1));
    g.addInitializer(longs("att_shape", 0, 1, -1));
    g.addNode(node("Gather", "embedded", "embed", "question_tokens"));
    g.addNode(node("ReduceSum", "q", "embedded", "sum_axes").addAttribute(intAttr("keepdims", 0)));
    g.addNode(node("Flatten", "flat", imageName).addAttribute(intAttr("axis", 1)));
    g.addNode(node("MatMul", "v", "flat", "w_image"));
    g.addNode(node("Add", "logits", "q", "v"));
    g.addNode(node("Softmax", "answer_probs", "logits").addAttribute(intAttr("axis", -1)));
    g.addNode(node("ReduceMean", "saliency", imageName)
        .addAttribute(intsAttr("axes", 1)).addAttribute(intAttr("keepdims", 0)));
    g.addNode(node("Reshape", "att_logits", "saliency", "att_shape"));
    g.addNode(node("Softmax", "attention", "att_logits").addAttribute(intAttr("axis", -1)));
    g.addOutput(value("answer_probs", TensorProto.DataType.FLOAT, sym("batch"), fixed(a)));
    g.addOutput(value("attention", TensorProto.DataType.FLOAT, sym("batch"), fixed(1), fixed(locations)));

    ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "tiny-" + shape.kind().cliName(),
        TokenizerConfig.defaults(MAX_WORDS), vocab, ANSWERS, new ModelMetadata.ImageInput(imageName, shape),
        "{\"hidden\":" + a + ",\"seed\":" + seed + "}",
        new ModelMetadata.Provenance("0.1.0-test", "feedbeef", 3, 42.5, null, 0));
    ModelProto.Builder model = ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("glimpse-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(g);
    for (Map.Entry<String, String> e : meta.toProperties().entrySet()) {
      model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
    }
    Files.write(file, model.build().toByteArray());
    return file;
  }

  private static TensorShapeProto.Dimension fixed(int value) {
    return TensorShapeProto.Dimension.newBuilder().setDimValue(value).build();
  }

  private static TensorShapeProto.Dimension sym(String name) {
    return TensorShapeProto.Dimension.newBuilder().setDimParam(name).build();
  }

  private static ValueInfoProto value(String name, TensorProto.DataType type, TensorShapeProto.Dimension... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (TensorShapeProto.Dimension d : dims) {
      shape.addDim(d);
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(type.getNumber()).setShape(shape)))
        .build();
  }

  private static TensorProto floats(String name, float[] values, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    for (float v : values) {
      t.addFloatData(v);
    }
    return t.build();
  }

  private static TensorProto longs(String name, long... values) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
        .addDims(values.length);
    for (long v : values) {
      t.addInt64Data(v);
    }
    return t.build();
  }

  private static NodeProto.Builder node(String op, String output, String... inputs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op.toLowerCase() + "_" + output).addOutput(output);
    for (String in : inputs) {
      n.addInput(in);
    }
    return n;
  }

  private static AttributeProto intAttr(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  private static AttributeProto intsAttr(String name, long... values) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      b.addInts(v);
    }
    return b.build();
  }
}
