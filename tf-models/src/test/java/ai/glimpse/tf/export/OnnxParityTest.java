package ai.glimpse.tf.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.ObjectInputs;
import ai.glimpse.preprocessing.format.ModelMetadata;
import ai.glimpse.preprocessing.text.TokenizerConfig;
import ai.glimpse.tf.layers.Params;
import ai.glimpse.tf.train.VqaGraph;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.Models;
import ai.glimpse.tf.zoo.SaaaConfig;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The exported ONNX graph computes what the TensorFlow inference graph computes. */
class OnnxParityTest {

  private static final DataShape D = new DataShape(30, 7, 11, 16);

  @Test
  void onnxRuntimeMatchesTensorFlowOnRandomWeights(@TempDir Path tmp) throws Exception {
    assertParity(new SaaaConfig(D, 12, 16, List.of(8, 8), true, 10, SaaaConfig.Fusion.PRODUCT, 2.0, 2, 20, 0.5, 3L),
        2, tmp);
  }

  @Test
  void stackedAttentionExportsWithOneAttentionMapPerLayer(@TempDir Path tmp) throws Exception {
    assertParity(new ai.glimpse.tf.zoo.SanConfig(D, 12, 16, List.of(8, 8), true, 10, 3, 0.5, 3L), 3, tmp);
  }

  @Test
  void deeperLstmExportsWithoutAttention(@TempDir Path tmp) throws Exception {
    assertParity(new ai.glimpse.tf.zoo.DeeperLstmConfig(D, 12, 16, 2, List.of(8, 8), true, 20, 24, 0.5, 3L),
        0, tmp);
  }

  @Test
  void bottomUpTopDownOverPaddedObjectsWithABidirectionalGru(@TempDir Path tmp) throws Exception {
    DataShape objects = D.withImage(ai.glimpse.preprocessing.features.FeatureShape.objects(5, 9));
    assertParity(new ai.glimpse.tf.zoo.ButdConfig(objects, 12, 8, 2, true, 10, 0.2, 0.5, 3L, null), 1, 5, tmp);
  }

  @Test
  void butdFilmOverPaddedObjects(@TempDir Path tmp) throws Exception {
    DataShape objects = D.withImage(ai.glimpse.preprocessing.features.FeatureShape.objects(5, 9));
    assertParity(new ai.glimpse.tf.zoo.ButdConfig(objects, 12, 8, 1, false, 10, 0.2, 0.5, 3L, null,
        ai.glimpse.tf.zoo.ButdConfig.Fusion.FILM), 1, 5, tmp);
  }

  @Test
  void stackedAttentionOverAFeatureGrid(@TempDir Path tmp) throws Exception {
    DataShape grid = D.withImage(ai.glimpse.preprocessing.features.FeatureShape.grid(6, 3, 2));
    assertParity(new ai.glimpse.tf.zoo.SanConfig(grid, 12, 16, List.of(8, 8), true, 10, 2, 0.5, 3L), 2, 6, tmp);
  }

  private static Session.Runner fetchOutputs(Session.Runner runner, VqaGraph graph) {
    runner.fetch(graph.answerProbs());
    return graph.hasAttention() ? runner.fetch(graph.attention()) : runner;
  }

  /** Exports {@code config}'s model with random weights and compares TF with ORT. */
  private static void assertParity(ai.glimpse.tf.zoo.ModelConfig config, int glimpses, Path tmp)
      throws Exception {
    assertParity(config, glimpses, 16, tmp);
  }

  /** As above, for a model attending over {@code locations} regions. */
  private static void assertParity(ai.glimpse.tf.zoo.ModelConfig config, int glimpses, int locations,
      Path tmp) throws Exception {
    assertParity(config, glimpses, locations, tmp, 11L, Map.of());
  }

  /**
   * What both runtimes computed on the batch of {@link #assertParity(ai.glimpse.tf.zoo.ModelConfig,
   * int, int, Path, long, Map)}.
   */
  record Outputs(float[] tfProbs, float[] ortProbs, float[] tfAttention, float[] ortAttention) {}

  /**
   * Exports {@code config}'s model with random weights (the variables named in
   * {@code weightScales} multiplied by their factor, so that small differences show) and compares
   * TF with ORT on 5 random questions drawn from {@code inputSeed}: probabilities and attention
   * {@code [batch, glimpses, locations]} within 1e-4, the metadata, and the ONNX checker.
   */
  static Outputs assertParity(ai.glimpse.tf.zoo.ModelConfig config, int glimpses, int locations,
      Path tmp, long inputSeed, Map<String, Float> weightScales) throws Exception {
    DataShape d = config.data();
    int n = 5;
    SplittableRandom rng = new SplittableRandom(inputSeed);
    long[] tokens = new long[n * d.maxQuestionLength()];
    for (int i = 0; i < n; i++) {
      int words = 1 + rng.nextInt(d.maxQuestionLength());
      for (int t = 0; t < words; t++) {
        tokens[i * d.maxQuestionLength() + t] = 1 + rng.nextInt(d.vocabularySize() - 1);
      }
    }
    float[] pixels = ai.glimpse.tf.zoo.TestImages.random(d.image(), n, rng);
    long[] imageShape = d.image().withBatch(n);
    String imageInput = d.imageKind().onnxInputs().get(0);

    float[] tfProbs;
    float[] tfAttention;
    Outputs outputs;
    Path model = tmp.resolve("model.onnx");
    try (VqaGraph graph = VqaGraph.forInference(ai.glimpse.tf.zoo.Models.create(config));
         Session session = graph.newSession(1)) {
      Params params = graph.params();
      // Random weights large enough that every op matters (not the near-zero defaults).
      params.initialize(session);
      if (!weightScales.isEmpty()) {
        Map<String, float[]> weights = params.fetch(session);
        Map<String, float[]> scaled = new java.util.HashMap<>();
        weightScales.forEach((name, factor) -> {
          float[] w = weights.get(name).clone();
          for (int i = 0; i < w.length; i++) {
            w[i] *= factor;
          }
          scaled.put(name, w);
        });
        params.assign(session, scaled);
      }
      try (TInt64 tok = TInt64.tensorOf(Shape.of(n, d.maxQuestionLength()), DataBuffers.of(tokens, true, false));
           TFloat32 px = TFloat32.tensorOf(Shape.of(imageShape), DataBuffers.of(pixels, true, false));
           Result r = fetchOutputs(session.runner().feed(graph.tokens(), tok).feed(graph.image(), px),
               graph).run()) {
        tfProbs = read((TFloat32) r.get(0));
        tfAttention = glimpses == 0 ? new float[0] : read((TFloat32) r.get(1));
      }
      List<String> vocab = new ArrayList<>(List.of("<pad>", "<unk>"));
      for (int i = 2; i < d.vocabularySize(); i++) {
        vocab.add("w" + i);
      }
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < d.answerCount(); i++) {
        answers.add("a" + i);
      }
      assertEquals(glimpses > 0, graph.hasAttention());
      ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION, config.modelName(),
          TokenizerConfig.defaults(d.maxQuestionLength()), vocab, answers,
          new ModelMetadata.ImageInput(imageInput, d.image()), "{}",
          new ModelMetadata.Provenance("test", "none", 0, 0, null, 0));
      OnnxExporter.write(OnnxExporter.toOnnx(graph, session, d, meta), model);
    }
    assertTrue(Files.size(model) > 1000);

    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> feed = feed(env, tokens, pixels, d, n);
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
         OrtSession session = env.createSession(model.toString(), so);
         OrtSession.Result r = session.run(feed)) {
      float[] ortProbs = floats((OnnxTensor) r.get("answer_probs").orElseThrow());
      assertEquals(glimpses > 0, r.get("attention").isPresent(), "an attention output iff the model attends");
      float[] ortAttention = glimpses == 0 ? new float[0]
          : floats((OnnxTensor) r.get("attention").orElseThrow());
      assertEquals(tfProbs.length, ortProbs.length);
      assertEquals(tfAttention.length, ortAttention.length);
      assertEquals(n * glimpses * locations, ortAttention.length, "attention [batch, glimpses, locations]");
      // float32 kernels of TF and ORT differ in summation order: 1e-4 absolute is the contract.
      assertTrue(maxAbsDiff(tfProbs, ortProbs) < 1e-4, "probs differ by " + maxAbsDiff(tfProbs, ortProbs));
      assertTrue(maxAbsDiff(tfAttention, ortAttention) < 1e-4,
          "attention differs by " + maxAbsDiff(tfAttention, ortAttention));
      assertEquals(ModelMetadata.FORMAT_VERSION + "",
          session.getMetadata().getCustomMetadata().get("glimpse.format_version"));
      outputs = new Outputs(tfProbs, ortProbs, tfAttention, ortAttention);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
    assertPassesOnnxChecker(model);
    return outputs;
  }

  /**
   * The exported model's inputs for {@code n} questions: {@code question_tokens} and the image
   * tensors of the data's kind (objects split into features, spatial features and mask). The
   * caller closes the tensors.
   */
  static Map<String, OnnxTensor> feed(OrtEnvironment env, long[] tokens, float[] images, DataShape d, int n)
      throws Exception {
    Map<String, OnnxTensor> feed = new java.util.HashMap<>();
    feed.put("question_tokens", OnnxTensor.createTensor(env, LongBuffer.wrap(tokens), new long[] {n, d.maxQuestionLength()}));
    if (d.imageKind() == FeatureKind.OBJECTS) {
      ObjectInputs objects = ObjectInputs.split(images, d.image(), n);
      feed.put(FeatureKind.OBJECT_FEATURES, OnnxTensor.createTensor(env, FloatBuffer.wrap(objects.features()),
          objects.featuresShape()));
      feed.put(FeatureKind.OBJECT_SPATIALS, OnnxTensor.createTensor(env, FloatBuffer.wrap(objects.spatials()),
          objects.spatialsShape()));
      feed.put(FeatureKind.OBJECT_MASK, OnnxTensor.createTensor(env, FloatBuffer.wrap(objects.mask()),
          objects.maskShape()));
    } else {
      feed.put(d.imageKind().inputName(), OnnxTensor.createTensor(env, FloatBuffer.wrap(images),
          d.image().withBatch(n)));
    }
    return feed;
  }

  /**
   * Runs Debian's python3-onnx checker (full check, with shape inference) on the file; skipped
   * where python3-onnx is not installed (CI installs it).
   */
  static void assertPassesOnnxChecker(Path model) throws Exception {
    Path python = Path.of("/usr/bin/python3");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
    Process probe = new ProcessBuilder(python.toString(), "-c", "import onnx").redirectErrorStream(true).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(probe.waitFor() == 0, "python3-onnx is not installed");
    Process p = new ProcessBuilder(python.toString(), "-c",
        "import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); "
            + "print(m.ir_version, m.opset_import[0].version)", model.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "onnx.checker failed: " + out);
    assertEquals("8 17", out.trim(), "IR version 8, opset 17");
  }

  private static float[] read(TFloat32 t) {
    float[] out = new float[Math.toIntExact(t.size())];
    t.asRawTensor().data().asFloats().read(out);
    return out;
  }

  private static float[] floats(OnnxTensor t) {
    FloatBuffer fb = t.getFloatBuffer();
    float[] out = new float[fb.remaining()];
    fb.get(out);
    return out;
  }

  static double maxAbsDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
