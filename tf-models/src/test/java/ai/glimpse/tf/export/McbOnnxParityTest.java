package ai.glimpse.tf.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.format.ModelMetadata;
import ai.glimpse.preprocessing.text.TokenizerConfig;
import ai.glimpse.tf.train.VqaGraph;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.Mcb;
import ai.glimpse.tf.zoo.McbConfig;
import ai.glimpse.tf.zoo.TestImages;
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

/**
 * The exported {@code mcb} graph (count sketches folded to constants, RFFT and IRFFT as ONNX DFTs)
 * computes what the TensorFlow inference graph computes, on random weights and inputs.
 */
class McbOnnxParityTest {
  private static final DataShape D = new DataShape(30, 7, 11, 16);

  @Test
  void pixelsThroughTheStem(@TempDir Path tmp) throws Exception {
    assertParity(new McbConfig(D, 12, 16, List.of(8, 8), true, 64, 10, 2, 0.5, 3L), 16, tmp);
  }

  @Test
  void defaultSizes(@TempDir Path tmp) throws Exception {
    assertParity(McbConfig.defaults(D, 5L), 4, tmp);
  }

  @Test
  void oddSketchOverPaddedObjects(@TempDir Path tmp) throws Exception {
    DataShape objects = D.withImage(FeatureShape.objects(5, 9));
    assertParity(new McbConfig(objects, 12, 16, List.of(8, 8), false, 45, 10, 1, 0.5, 3L), 5, tmp);
  }

  @Test
  void featureGrid(@TempDir Path tmp) throws Exception {
    DataShape grid = D.withImage(FeatureShape.grid(6, 3, 2));
    assertParity(new McbConfig(grid, 12, 16, List.of(8, 8), false, 256, 10, 2, 0.5, 3L), 6, tmp);
  }

  private static void assertParity(McbConfig config, int locations, Path tmp) throws Exception {
    DataShape d = config.data();
    int glimpses = config.glimpses();
    int n = 5;
    SplittableRandom rng = new SplittableRandom(11);
    long[] tokens = new long[n * d.maxQuestionLength()];
    for (int i = 0; i < n; i++) {
      int words = 1 + rng.nextInt(d.maxQuestionLength());
      for (int t = 0; t < words; t++) {
        tokens[i * d.maxQuestionLength() + t] = 1 + rng.nextInt(d.vocabularySize() - 1);
      }
    }
    float[] pixels = TestImages.random(d.image(), n, rng);
    long[] imageShape = d.image().withBatch(n);
    String imageInput = d.imageKind().inputName();

    float[] tfProbs;
    float[] tfAttention;
    Path model = tmp.resolve("model.onnx");
    try (VqaGraph graph = VqaGraph.forInference(new Mcb(config)); Session session = graph.newSession(1)) {
      graph.params().initialize(session);
      // The pooled vectors have unit norm, so Glorot weights give near-uniform answers and
      // attention: larger output weights make every difference between TF and ORT show.
      Map<String, float[]> weights = graph.params().fetch(session);
      Map<String, float[]> sharper = new java.util.HashMap<>();
      for (String name : List.of("mcb/attention/logits/kernel", "mcb/classifier/output/kernel")) {
        float[] w = weights.get(name).clone();
        for (int i = 0; i < w.length; i++) {
          w[i] *= 30f;
        }
        sharper.put(name, w);
      }
      graph.params().assign(session, sharper);
      try (TInt64 tok = TInt64.tensorOf(Shape.of(n, d.maxQuestionLength()), DataBuffers.of(tokens, true, false));
           TFloat32 px = TFloat32.tensorOf(Shape.of(imageShape), DataBuffers.of(pixels, true, false));
           Result r = session.runner().feed(graph.tokens(), tok).feed(graph.image(), px)
               .fetch(graph.answerProbs()).fetch(graph.attention()).run()) {
        tfProbs = read((TFloat32) r.get(0));
        tfAttention = read((TFloat32) r.get(1));
      }
      List<String> vocab = new ArrayList<>(List.of("<pad>", "<unk>"));
      for (int i = 2; i < d.vocabularySize(); i++) {
        vocab.add("w" + i);
      }
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < d.answerCount(); i++) {
        answers.add("a" + i);
      }
      ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION, config.modelName(),
          TokenizerConfig.defaults(d.maxQuestionLength()), vocab, answers,
          new ModelMetadata.ImageInput(imageInput, d.image()), "{}",
          new ModelMetadata.Provenance("test", "none", 0, 0, null, 0));
      OnnxExporter.write(OnnxExporter.toOnnx(graph, session, d, meta), model);
    }
    assertTrue(Files.size(model) > 1000);

    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
         OrtSession session = env.createSession(model.toString(), so);
         OnnxTensor tok = OnnxTensor.createTensor(env, LongBuffer.wrap(tokens), new long[] {n, d.maxQuestionLength()});
         OnnxTensor px = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), imageShape);
         OrtSession.Result r = session.run(Map.of("question_tokens", tok, imageInput, px))) {
      float[] ortProbs = floats((OnnxTensor) r.get("answer_probs").orElseThrow());
      float[] ortAttention = floats((OnnxTensor) r.get("attention").orElseThrow());
      assertEquals(tfProbs.length, ortProbs.length);
      assertEquals(n * glimpses * locations, ortAttention.length, "attention [batch, glimpses, locations]");
      assertEquals(tfAttention.length, ortAttention.length);
      double probs = OnnxParityTest.maxAbsDiff(tfProbs, ortProbs);
      double attention = OnnxParityTest.maxAbsDiff(tfAttention, ortAttention);
      System.out.printf("mcb parity (%s, d=%d): probs %.3g, attention %.3g (largest prob %.3f,"
          + " largest attention %.3f)%n", d.imageKind(), config.sketchDim(), probs, attention,
          max(tfProbs), max(tfAttention));
      assertTrue(probs < 1e-4, "probs differ by " + probs);
      assertTrue(attention < 1e-4, "attention differs by " + attention);
    }
    OnnxParityTest.assertPassesOnnxChecker(model);
  }

  private static float max(float[] a) {
    float m = Float.NEGATIVE_INFINITY;
    for (float v : a) {
      m = Math.max(m, v);
    }
    return m;
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
}
