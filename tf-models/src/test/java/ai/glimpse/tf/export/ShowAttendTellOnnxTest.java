package ai.glimpse.tf.export;

import ai.glimpse.preprocessing.captions.CaptionSearch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.captions.CaptionVocabulary;
import ai.glimpse.tf.caption.CaptionDecoder;
import ai.glimpse.tf.caption.CaptionOnnxExport;
import ai.glimpse.tf.caption.ShowAttendTell;
import ai.glimpse.tf.caption.ShowAttendTellConfig;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports a Show, Attend and Tell captioner (pixel input through the stem) as an encoder and a
 * decoder step, checks both with python3-onnx, and compares ONNX Runtime with TensorFlow Java:
 * every output within 1e-4 absolute (float32 kernels of the two runtimes differ in summation
 * order), and the greedy and beam captions of an ONNX Runtime search identical.
 */
class ShowAttendTellOnnxTest {
  private static final ShowAttendTellConfig CONFIG = new ShowAttendTellConfig(
      ShowAttendTellConfig.ImageInput.PIXELS, List.of(3, 16, 16), List.of(8, 16), 6, 16, 24, 12, 0.3,
      1.0, 21L);

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextDouble();
    }
    return v;
  }

  /** {@link CaptionSearch.Steps} on the exported files through ONNX Runtime, for the comparison. */
  private record OrtSteps(OrtEnvironment env, OrtSession encoder, OrtSession step, ShowAttendTellConfig c)
      implements CaptionSearch.Steps {
    @Override
    public CaptionSearch.Encoded encode(float[][] images) {
      List<Integer> d = c.imageDims();
      try (OnnxTensor x = tensor(env, images, images.length, d.get(0), d.get(1), d.get(2));
          OrtSession.Result r = encoder.run(Map.of("image", x))) {
        return new CaptionSearch.Encoded(rows(r.get(0), images.length), rows(r.get(1), images.length),
            rows(r.get(2), images.length));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public CaptionSearch.StepOutput step(int[] words, float[][] h, float[][] cs, float[][] ann) {
      int n = words.length;
      float[][] w = new float[n][1];
      for (int i = 0; i < n; i++) {
        w[i][0] = words[i];
      }
      try (OnnxTensor wt = tensor(env, w, n);
          OnnxTensor ht = tensor(env, h, n, c.lstmUnits());
          OnnxTensor ct = tensor(env, cs, n, c.lstmUnits());
          OnnxTensor at = tensor(env, ann, n, c.locations(), c.annotationDim());
          OrtSession.Result r = step.run(Map.of("previous_word", wt, "h", ht, "c", ct, "annotations", at))) {
        return new CaptionSearch.StepOutput(rows(r.get(0), n), rows(r.get(1), n), rows(r.get(2), n), rows(r.get(3), n));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static OnnxTensor tensor(OrtEnvironment env, float[][] rows, long... shape) throws Exception {
    int per = rows.length == 0 ? 0 : rows[0].length;
    float[] flat = new float[rows.length * per];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * per, per);
    }
    return OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), shape);
  }

  private static float[][] rows(ai.onnxruntime.OnnxValue v, int n) {
    FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
    float[] flat = new float[fb.remaining()];
    fb.get(flat);
    float[][] out = new float[n][flat.length / n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * out[i].length, out[i], 0, out[i].length);
    }
    return out;
  }

  private static double maxDiff(float[][] a, float[][] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, OnnxParityTest.maxAbsDiff(a[i], b[i]));
    }
    return m;
  }

  @Test
  void encoderAndStepMatchTensorFlowAndPassTheChecker(@TempDir Path tmp) throws Exception {
    List<String> tokens = new ArrayList<>(CaptionVocabulary.SPECIAL_TOKENS);
    tokens.addAll(List.of("a", "red", "blue", "circle", "square", "left", "of"));
    CaptionVocabulary vocab = new CaptionVocabulary(tokens, 1);
    ShowAttendTell model = new ShowAttendTell(CONFIG, vocab.size());
    Path dir = tmp.resolve("captioner");
    try (CaptionDecoder tf = CaptionDecoder.initialized(model)) {
      CaptionOnnxExport.export(tf, vocab, dir);
      OnnxParityTest.assertPassesOnnxChecker(dir.resolve(CaptionOnnxExport.ENCODER));
      OnnxParityTest.assertPassesOnnxChecker(dir.resolve(CaptionOnnxExport.STEP));
      assertTrue(Files.exists(dir.resolve(CaptionOnnxExport.VOCAB)));
      assertEquals(vocab, CaptionVocabulary.read(dir.resolve(CaptionOnnxExport.VOCAB)));
      float[][] images = {random(768, 1), random(768, 2), random(768, 3)};
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
          OrtSession enc = env.createSession(dir.resolve(CaptionOnnxExport.ENCODER).toString(), opts);
          OrtSession step = env.createSession(dir.resolve(CaptionOnnxExport.STEP).toString(), opts)) {
        OrtSteps ort = new OrtSteps(env, enc, step, CONFIG);
        CaptionSearch.Encoded a = tf.encode(images);
        CaptionSearch.Encoded b = ort.encode(images);
        assertTrue(maxDiff(a.annotations(), b.annotations()) < 1e-4, "annotations " + maxDiff(a.annotations(), b.annotations()));
        assertTrue(maxDiff(a.h(), b.h()) < 1e-4, "h0");
        assertTrue(maxDiff(a.c(), b.c()) < 1e-4, "c0");
        int[] words = {1, 5, 9};
        CaptionSearch.StepOutput sa = tf.step(words, a.h(), a.c(), a.annotations());
        CaptionSearch.StepOutput sb = ort.step(words, a.h(), a.c(), a.annotations());
        assertTrue(maxDiff(sa.probabilities(), sb.probabilities()) < 1e-4, "probabilities");
        assertTrue(maxDiff(sa.alpha(), sb.alpha()) < 1e-4, "alpha");
        assertTrue(maxDiff(sa.h(), sb.h()) < 1e-4, "h");
        assertTrue(maxDiff(sa.c(), sb.c()) < 1e-4, "c");
        // Dropout is off in the exported step: the same input gives the same probabilities.
        assertEquals(0, maxDiff(sa.probabilities(), tf.step(words, a.h(), a.c(), a.annotations()).probabilities()));
        List<CaptionSearch.Generated> ga = CaptionSearch.greedy(tf, images, CONFIG.maxWords());
        List<CaptionSearch.Generated> gb = CaptionSearch.greedy(ort, images, CONFIG.maxWords());
        for (int i = 0; i < images.length; i++) {
          org.junit.jupiter.api.Assertions.assertArrayEquals(ga.get(i).words(), gb.get(i).words(), "greedy " + i);
          org.junit.jupiter.api.Assertions.assertArrayEquals(
              CaptionSearch.beam(tf, images[i], 3, CONFIG.maxWords(), true).words(),
              CaptionSearch.beam(ort, images[i], 3, CONFIG.maxWords(), true).words(), "beam 3, image " + i);
        }
      }
    }
  }
}
