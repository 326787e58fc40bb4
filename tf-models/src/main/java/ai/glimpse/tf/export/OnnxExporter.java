package ai.glimpse.tf.export;

import ai.glimpse.preprocessing.format.GlimpseVersion;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.format.ModelMetadata;
import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.tf.train.EpochMetrics;
import ai.glimpse.tf.train.TrainedModel;
import ai.glimpse.tf.train.VqaGraph;
import ai.glimpse.tf.zoo.DataShape;
import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * Exports the inference graph of a trained model to one self-contained ONNX file (opset
 * {@value #OPSET}, IR version {@value #IR_VERSION}): inputs {@code question_tokens} int64
 * {@code [batch, length]} and the image inputs of its kind, float32: {@code image_pixels}
 * {@code [batch, 3, H, W]}, {@code image_features} {@code [batch, C, H, W]}, or
 * {@code object_features} {@code [batch, K, D]}, {@code object_spatials} {@code [batch, K, 6]} and
 * {@code object_mask} {@code [batch, K]} (1 for a real box); outputs
 * {@code answer_probs} {@code [batch, answers]} and {@code attention}
 * {@code [batch, glimpses, locations]}, weights as initializers, and {@link ModelMetadata} in
 * {@code metadata_props}.
 */
public final class OnnxExporter {
  /** The ONNX operator set the export targets. */
  public static final int OPSET = 17;
  /** The ONNX IR version the export writes. */
  public static final int IR_VERSION = 8;

  private OnnxExporter() {}

  /**
   * Builds the ONNX model of a trained model's inference graph and weights.
   *
   * @param model the loaded model; its graph and session are read, not closed (the caller still
   *     owns it)
   * @param metadata the metadata stored in {@code metadata_props}; its model name names the graph
   * @return the in-memory ONNX model, weights included; write it with {@link #write}
   * @throws IllegalArgumentException if the graph holds a TensorFlow op that cannot be exported;
   *     the message names the op and its type
   */
  public static OnnxMl.ModelProto toOnnx(TrainedModel model, ModelMetadata metadata) {
    return toOnnx(model.graph(), model.session(), model.config().model().data(), metadata);
  }

  /**
   * Builds the ONNX model of an inference graph with the weights currently held by
   * {@code session}.
   *
   * @param graph the model's graph (from {@link VqaGraph#forInference} or
   *     {@link VqaGraph#forTraining}); only its inference outputs and what they depend on are
   *     exported, from the question tokens and the image input of {@code d}'s kind
   * @param session a session of {@code graph} with the weights to export; constant subgraphs are
   *     evaluated in it. Not closed
   * @param d the data shapes: the image kind and shape, the question length and the answer count
   *     become the fixed dimensions of the ONNX inputs and outputs (the batch stays symbolic)
   * @param metadata the metadata stored in {@code metadata_props}; its model name names the graph
   * @return the in-memory ONNX model, with an {@code attention} output only when the graph has
   *     attention
   * @throws IllegalArgumentException if the graph holds a TensorFlow op that cannot be exported or
   *     depends on a placeholder that is not an export input; the message names the op
   */
  public static OnnxMl.ModelProto toOnnx(VqaGraph graph, Session session, DataShape d,
      ModelMetadata metadata) {
    OnnxGraphBuilder b = new OnnxGraphBuilder();
    b.reserve(VqaGraph.QUESTION_TOKENS);
    FeatureKind kind = d.imageKind();
    kind.onnxInputs().forEach(b::reserve);
    b.reserve(VqaGraph.ANSWER_PROBS);
    b.reserve(VqaGraph.ATTENTION);
    String image = kind == FeatureKind.OBJECTS ? joinObjects(b) : kind.inputName();
    TfToOnnx converter = new TfToOnnx(session, b, Map.of(
        VqaGraph.QUESTION_TOKENS, VqaGraph.QUESTION_TOKENS, kind.inputName(), image));
    String probs = converter.tensor(graph.answerProbs().asOutput());
    b.nodeWithOutputs("Identity", VqaGraph.ANSWER_PROBS, List.of(probs), List.of(VqaGraph.ANSWER_PROBS));
    if (graph.hasAttention()) {
      String attention = converter.tensor(graph.attention().asOutput());
      b.nodeWithOutputs("Identity", VqaGraph.ATTENTION, List.of(attention), List.of(VqaGraph.ATTENTION));
    }
    OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
        .setName(metadata.model())
        .addAllNode(b.nodes())
        .addAllInitializer(b.initializers())
        .addInput(valueInfo(VqaGraph.QUESTION_TOKENS, OnnxMl.TensorProto.DataType.INT64, d.maxQuestionLength()));
    List<Integer> dims = d.image().dims();
    if (kind == FeatureKind.OBJECTS) {
      int boxes = dims.get(0);
      g.addInput(valueInfo(FeatureKind.OBJECT_FEATURES, OnnxMl.TensorProto.DataType.FLOAT, boxes,
              dims.get(1) - FeatureShape.SPATIAL_DIM))
          .addInput(valueInfo(FeatureKind.OBJECT_SPATIALS, OnnxMl.TensorProto.DataType.FLOAT, boxes,
              FeatureShape.SPATIAL_DIM))
          .addInput(valueInfo(FeatureKind.OBJECT_MASK, OnnxMl.TensorProto.DataType.FLOAT, boxes));
    } else {
      g.addInput(valueInfo(kind.inputName(), OnnxMl.TensorProto.DataType.FLOAT,
          dims.stream().mapToLong(Integer::longValue).toArray()));
    }
    g        .addOutput(valueInfo(VqaGraph.ANSWER_PROBS, OnnxMl.TensorProto.DataType.FLOAT, d.answerCount()));
    if (graph.hasAttention()) {
      long[] attentionShape = graph.attention().shape().asArray();
      g.addOutput(valueInfo(VqaGraph.ATTENTION, OnnxMl.TensorProto.DataType.FLOAT,
          attentionShape[1], attentionShape[2]));
    }
    OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("glimpse")
        .setProducerVersion(GlimpseVersion.VERSION)
        .setDomain("ai.glimpse")
        .setModelVersion(metadata.formatVersion().major())
        .setDocString("Glimpse " + metadata.model() + " VQA model")
        .setGraph(g);
    return withMetadata(m.build(), metadata);
  }

  /**
   * The graph's joined object rows {@code [batch, K, D + 6]} from the exported inputs: features
   * and spatial features concatenated, times the mask, so that a padding slot is all zero, which is
   * how the models recognize padding.
   */
  private static String joinObjects(OnnxGraphBuilder b) {
    String joined = b.node1("Concat", "objects/join",
        List.of(FeatureKind.OBJECT_FEATURES, FeatureKind.OBJECT_SPATIALS), OnnxGraphBuilder.attr("axis", 2L));
    String mask = b.node1("Unsqueeze", "objects/mask",
        List.of(FeatureKind.OBJECT_MASK, b.longs("objects/mask_axis", 2L)));
    return b.node1("Mul", "objects/masked", List.of(joined, mask));
  }

  /**
   * Builds an ONNX model (opset {@value #OPSET}, IR version {@value #IR_VERSION}) of any float32
   * TensorFlow subgraph with the weights {@code session} holds: {@code inputs} maps each ONNX input
   * name to a placeholder, {@code outputs} each ONNX output name to a tensor; a {@code -1}
   * dimension becomes the symbolic {@code batch}. It exports, for example, a convolutional stem as
   * a CNN for {@code glimpse features}.
   *
   * @param session a session of the graph with the weights to export; not closed
   * @param name the ONNX graph name
   * @param inputs the ONNX input name of each placeholder the outputs depend on; its static shape
   *     (a {@code -1} for the batch) becomes the input's shape
   * @param outputs the tensor behind each ONNX output name; its static shape becomes the output's
   *     shape
   * @return the in-memory ONNX model (no metadata; add it with {@link #withMetadata})
   * @throws IllegalArgumentException if the outputs depend on an op that cannot be exported or on a
   *     placeholder missing from {@code inputs}; the message names the op
   * @throws IllegalStateException if an input and an output share an ONNX name
   */
  public static OnnxMl.ModelProto toOnnxGraph(Session session, String name,
      Map<String, ? extends Operand<TFloat32>> inputs, Map<String, ? extends Operand<TFloat32>> outputs) {
    OnnxGraphBuilder b = new OnnxGraphBuilder();
    Map<String, String> placeholders = new java.util.HashMap<>();
    inputs.forEach((onnxName, op) -> {
      b.reserve(onnxName);
      placeholders.put(op.op().name(), onnxName);
    });
    outputs.keySet().forEach(b::reserve);
    TfToOnnx converter = new TfToOnnx(session, b, placeholders);
    OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName(name);
    for (Map.Entry<String, ? extends Operand<TFloat32>> e : outputs.entrySet()) {
      String tensor = converter.tensor(e.getValue().asOutput());
      b.nodeWithOutputs("Identity", e.getKey(), List.of(tensor), List.of(e.getKey()));
      g.addOutput(valueInfo(e.getKey(), e.getValue().shape().asArray()));
    }
    inputs.forEach((onnxName, op) -> g.addInput(valueInfo(onnxName, op.shape().asArray())));
    g.addAllNode(b.nodes()).addAllInitializer(b.initializers());
    return OnnxMl.ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("glimpse")
        .setProducerVersion(GlimpseVersion.VERSION)
        .setGraph(g)
        .build();
  }

  private static OnnxMl.ValueInfoProto valueInfo(String name, long[] shape) {
    OnnxMl.TensorShapeProto.Builder dims = OnnxMl.TensorShapeProto.newBuilder();
    for (long dim : shape) {
      OnnxMl.TensorShapeProto.Dimension.Builder d = OnnxMl.TensorShapeProto.Dimension.newBuilder();
      dims.addDim(dim < 0 ? d.setDimParam("batch") : d.setDimValue(dim));
    }
    return OnnxMl.ValueInfoProto.newBuilder().setName(name)
        .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
            .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(dims)))
        .build();
  }

  /**
   * Returns {@code model} with its {@code metadata_props} replaced by {@code metadata}.
   *
   * @param model the ONNX model; not modified
   * @param metadata the metadata, stored as the key-value pairs of
   *     {@link ModelMetadata#toProperties()}
   * @return a copy of {@code model} whose {@code metadata_props} are exactly those of
   *     {@code metadata}
   */
  public static OnnxMl.ModelProto withMetadata(OnnxMl.ModelProto model, ModelMetadata metadata) {
    OnnxMl.ModelProto.Builder m = model.toBuilder().clearMetadataProps();
    for (Map.Entry<String, String> e : metadata.toProperties().entrySet()) {
      m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
    }
    return m.build();
  }

  /**
   * Returns the metadata of {@code model}, with an optional parity measurement.
   *
   * @param model the loaded model: its config, vocabularies, checkpoint epoch and run directory
   *     are read
   * @param parityMaxAbsDiff the largest absolute difference between TensorFlow and ONNX Runtime
   *     answer probabilities, or null when parity was not measured
   * @param parityQuestions the number of questions of that measurement; 0 when not measured
   * @return the metadata; its validation accuracy (percent) is that of the checkpoint's epoch in
   *     the run's metrics, or NaN when the metrics do not have that epoch
   * @throws IOException if the run's {@code metrics.jsonl} cannot be read or is malformed (the
   *     message names the file and line), or the model config cannot be serialized to JSON
   */
  public static ModelMetadata metadata(TrainedModel model, Double parityMaxAbsDiff, int parityQuestions)
      throws IOException {
    DataShape d = model.config().model().data();
    int bestEpoch = model.checkpoint().epoch();
    double valAccuracy = Double.NaN;
    for (EpochMetrics em : model.run().readMetrics(Integer.MAX_VALUE)) {
      if (em.epoch() == bestEpoch) {
        valAccuracy = em.valAccuracy();
      }
    }
    String config = new ObjectMapper().writeValueAsString(model.config().model());
    return new ModelMetadata(ModelMetadata.FORMAT_VERSION, model.config().model().modelName(),
        model.vocabulary().config(), model.vocabulary().tokens(), model.answers().answers(),
        new ModelMetadata.ImageInput(d.imageKind().onnxInputs().get(0), d.image()),
        config,
        new ModelMetadata.Provenance(GlimpseVersion.VERSION, model.config().dataSha256(), bestEpoch,
            valAccuracy, parityMaxAbsDiff, parityQuestions));
  }

  /**
   * Writes an ONNX model to {@code target} through a temporary file moved into place, so readers
   * never see a partial file.
   *
   * @param model the model to write, serialized as one protobuf message
   * @param target the {@code .onnx} file; its parent directories are created and an existing file
   *     is replaced
   * @throws IOException if the directory, the temporary file or the move fails; the temporary
   *     file is deleted then and an existing {@code target} is left as it was
   */
  public static void write(OnnxMl.ModelProto model, Path target) throws IOException {
    AtomicFiles.write(target, model::writeTo);
  }

  private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type, long... dims) {
    OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
    for (long dim : dims) {
      shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
    }
    return OnnxMl.ValueInfoProto.newBuilder().setName(name)
        .setType(OnnxMl.TypeProto.newBuilder().setTensorType(
            OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
        .build();
  }
}
