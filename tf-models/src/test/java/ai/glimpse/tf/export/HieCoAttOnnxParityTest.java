package ai.glimpse.tf.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.format.ModelMetadata;
import ai.glimpse.preprocessing.text.TokenizerConfig;
import ai.glimpse.tf.train.VqaGraph;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.HieCoAtt;
import ai.glimpse.tf.zoo.HieCoAttConfig;
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
 * The exported hierarchical co-attention model computes in ONNX Runtime what the TensorFlow
 * inference graph computes: answer probabilities and the three levels' image attention.
 */
class HieCoAttOnnxParityTest {
  private static final DataShape D = new DataShape(30, 7, 11, 16);

  @Test
  void overPixelsThroughTheStem(@TempDir Path tmp) throws Exception {
    assertParity(new HieCoAttConfig(D, 12, 12, List.of(8, 8), true, 10, 0.5, 3L), 16, tmp);
  }

  @Test
  void theDefaultsOnSyntheticShapes(@TempDir Path tmp) throws Exception {
    assertParity(HieCoAttConfig.defaults(new DataShape(40, 10, 20, 64), 5L), 64, tmp);
  }

  @Test
  void overAFeatureGridWithAWordProjection(@TempDir Path tmp) throws Exception {
    DataShape grid = D.withImage(FeatureShape.grid(6, 3, 2));
    assertParity(new HieCoAttConfig(grid, 9, 12, List.of(), false, 10, 0.5, 3L, null), 6, tmp);
  }

  /** Exports {@code config}'s model with random weights and compares TF with ORT. */
  private static void assertParity(HieCoAttConfig config, int locations, Path tmp) throws Exception {
    DataShape d = config.data();
    int n = 5;
    SplittableRandom rng = new SplittableRandom(17);
    long[] tokens = new long[n * d.maxQuestionLength()];
    for (int i = 0; i < n; i++) {
      int words = 1 + rng.nextInt(d.maxQuestionLength());
      for (int t = 0; t < words; t++) {
        tokens[i * d.maxQuestionLength() + t] = 1 + rng.nextInt(d.vocabularySize() - 1);
      }
    }
    float[] images = TestImages.random(d.image(), n, rng);
    long[] imageShape = d.image().withBatch(n);
    String imageInput = d.imageKind().inputName();

    float[] tfProbs;
    float[] tfAttention;
    Path model = tmp.resolve("model.onnx");
    try (VqaGraph graph = VqaGraph.forInference(new HieCoAtt(config));
         Session session = graph.newSession(1)) {
      graph.params().initialize(session);
      assertTrue(graph.hasAttention());
      try (TInt64 tok = TInt64.tensorOf(Shape.of(n, d.maxQuestionLength()), DataBuffers.of(tokens, true, false));
           TFloat32 px = TFloat32.tensorOf(Shape.of(imageShape), DataBuffers.of(images, true, false));
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
         OnnxTensor px = OnnxTensor.createTensor(env, FloatBuffer.wrap(images), imageShape);
         OrtSession.Result r = session.run(Map.of("question_tokens", tok, imageInput, px))) {
      float[] ortProbs = floats((OnnxTensor) r.get("answer_probs").orElseThrow());
      float[] ortAttention = floats((OnnxTensor) r.get("attention").orElseThrow());
      assertEquals(tfProbs.length, ortProbs.length);
      assertEquals(n * 3 * locations, tfAttention.length, "TF attention [batch, 3 levels, locations]");
      assertEquals(n * 3 * locations, ortAttention.length, "ORT attention [batch, 3 levels, locations]");
      double probsDiff = OnnxParityTest.maxAbsDiff(tfProbs, ortProbs);
      double attentionDiff = OnnxParityTest.maxAbsDiff(tfAttention, ortAttention);
      System.out.printf("hiecoatt %s parity: probs max diff %.3g, attention max diff %.3g%n",
          d.imageKind(), probsDiff, attentionDiff);
      assertTrue(probsDiff < 1e-4, "probs differ by " + probsDiff);
      assertTrue(attentionDiff < 1e-4, "attention differs by " + attentionDiff);
      for (int i = 0; i < n * 3; i++) {
        double sum = 0;
        for (int j = 0; j < locations; j++) {
          sum += ortAttention[i * locations + j];
        }
        assertEquals(1.0, sum, 1e-4, "each level's attention sums to 1");
      }
    }
    OnnxParityTest.assertPassesOnnxChecker(model);
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
