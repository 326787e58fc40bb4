package ai.glimpse.bench;

import ai.glimpse.onnx.predict.ExecutionProvider;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.PredictorOptions;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.tf.train.TrainedModel;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * {@code glimpse bench inference}: the latency and throughput of one exported model in ONNX Runtime
 * (through {@link Predictor}, as users call it) and, given the run it was exported from, of the
 * same weights in a TensorFlow Java session. Inputs are seeded random token ids and images of the
 * model's own shape. Batch-1 latency is p50 and p99 (nearest rank) over the timed calls after 5
 * warm-up calls; throughput is samples per second at batch 64 (median call); the per-sample time
 * of a batch-size scan (1, 8, 32, 64) shows how well each runtime batches.
 */
public final class InferenceBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int[] SCAN = {1, 8, 32, 64};

  private InferenceBenchmark() {}

  /**
   * One runtime's figures.
   *
   * @param model the model name from the ONNX file's metadata (the same on both rows)
   * @param runtime {@code onnxruntime} or {@code tensorflow}
   * @param device always {@code cpu}
   * @param threads the thread count that was asked for; ONNX Runtime's intra-op threads (the
   *     TensorFlow row repeats it, though its session keeps the run's own setting)
   * @param inferB1P50Ms the median batch-1 call, in milliseconds
   * @param inferB1P99Ms the 99th percentile (nearest rank) batch-1 call, in milliseconds
   * @param inferB64SamplesPerSecond samples per second of the median batch-64 call
   * @param perSampleMsByBatch for each scanned batch size, the median milliseconds per sample
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Row(
      @JsonProperty("model") String model,
      @JsonProperty("runtime") String runtime,
      @JsonProperty("device") String device,
      @JsonProperty("threads") int threads,
      @JsonProperty("infer_b1_p50_ms") double inferB1P50Ms,
      @JsonProperty("infer_b1_p99_ms") double inferB1P99Ms,
      @JsonProperty("infer_b64_samples_per_s") double inferB64SamplesPerSecond,
      @JsonProperty("per_sample_ms_by_batch") Map<Integer, Double> perSampleMsByBatch) {}

  /** One batched call of a runtime: {@code n} questions and images in, probabilities out. */
  private interface Runtime {
    float[] run(long[] tokens, float[] images, int n);
  }

  /**
   * Measures {@code model} in ONNX Runtime and, when {@code run} is given, in TensorFlow Java;
   * writes the rows as a JSON array to {@code out}.
   *
   * @param model the exported ONNX file; loaded on the CPU with all graph optimizations and closed here
   * @param run the training run the model was exported from, whose best checkpoint is measured in
   *     TensorFlow Java, or {@code null} to measure ONNX Runtime only
   * @param threads CPU threads (ONNX Runtime intra-op; the TensorFlow session keeps the run's setting)
   * @param b1Calls timed batch-1 calls, at least 50
   * @param b64Calls timed calls per batch size of the scan, at least 1
   * @param out the JSON file to write (replaced atomically; missing parent directories are created)
   * @param progress receives one line of figures per runtime as soon as it is measured
   * @return one row for ONNX Runtime, then one for TensorFlow when {@code run} is given
   * @throws IOException if the model or the run cannot be loaded or {@code out} cannot be written
   * @throws IllegalArgumentException if a count is below its minimum or {@code threads} is less than
   *     1, or the run takes other images or question lengths than the model
   */
  public static List<Row> run(Path model, Path run, int threads, int b1Calls, int b64Calls, Path out,
      Consumer<String> progress) throws IOException {
    if (b1Calls < 50 || b64Calls < 1 || threads < 1) {
      throw new IllegalArgumentException("need >= 50 batch-1 calls, >= 1 batch-64 call and >= 1 thread, got "
          + b1Calls + ", " + b64Calls + ", " + threads);
    }
    List<Row> rows = new ArrayList<>();
    try (Predictor predictor = Predictor.load(model,
        new PredictorOptions(ExecutionProvider.CPU, threads, PredictorOptions.Optimization.ALL))) {
      FeatureShape shape = predictor.imageShape();
      int length = predictor.metadata().tokenizer().maxLength();
      int vocab = predictor.metadata().vocabulary().size();
      Inputs in = Inputs.random(shape, length, vocab, 64, 5);
      rows.add(measure(predictor.metadata().model(), "onnxruntime", threads, predictor::answerProbs, in,
          b1Calls, b64Calls));
      progress.accept(line(rows.get(rows.size() - 1)));
      if (run != null) {
        try (TrainedModel tf = TrainedModel.load(run)) {
          if (!tf.config().model().data().image().equals(shape)
              || tf.config().model().data().maxQuestionLength() != length) {
            throw new IllegalArgumentException("run " + run + " takes " + tf.config().model().data().image()
                + " images, model " + model + " takes " + shape + ": not the same model");
          }
          rows.add(measure(predictor.metadata().model(), "tensorflow", threads, tf::answerProbs, in,
              b1Calls, b64Calls));
          progress.accept(line(rows.get(rows.size() - 1)));
        }
      }
    }
    AtomicFiles.write(out, o -> JSON.writeValue(o, rows));
    return rows;
  }

  private static String line(Row r) {
    return String.format("%-11s b1 p50 %7.2f ms  p99 %7.2f ms  b64 %8.1f samples/s  ms/sample by batch %s",
        r.runtime(), r.inferB1P50Ms(), r.inferB1P99Ms(), r.inferB64SamplesPerSecond(), r.perSampleMsByBatch());
  }

  private static Row measure(String model, String runtime, int threads, Runtime rt, Inputs in, int b1Calls,
      int batchCalls) {
    for (int i = 0; i < 5; i++) {
      rt.run(in.tokens(), in.images(), 1);
    }
    double[] b1 = new double[b1Calls];
    for (int i = 0; i < b1Calls; i++) {
      long t0 = System.nanoTime();
      rt.run(in.tokens(), in.images(), 1);
      b1[i] = (System.nanoTime() - t0) / 1e9;
    }
    Map<Integer, Double> perSample = new LinkedHashMap<>();
    double b64Rate = 0;
    for (int n : SCAN) {
      rt.run(in.tokens(), in.images(), n);
      double[] t = new double[batchCalls];
      for (int i = 0; i < batchCalls; i++) {
        long t0 = System.nanoTime();
        rt.run(in.tokens(), in.images(), n);
        t[i] = (System.nanoTime() - t0) / 1e9;
      }
      double median = ReferenceBenchmark.median(t);
      perSample.put(n, Math.round(1e6 * median / n) / 1e3);
      if (n == 64) {
        b64Rate = n / median;
      }
    }
    return new Row(model, runtime, "cpu", threads, 1000 * ReferenceBenchmark.percentile(b1, 50),
        1000 * ReferenceBenchmark.percentile(b1, 99), b64Rate, perSample);
  }

  /** Seeded random questions (ids after the two special tokens, padded after a random length) and images. */
  private record Inputs(long[] tokens, float[] images) {
    static Inputs random(FeatureShape shape, int length, int vocab, int n, long seed) {
      Random rng = new Random(seed);
      long[] tokens = new long[n * length];
      for (int i = 0; i < n; i++) {
        int words = Math.min(length, 3 + rng.nextInt(Math.max(1, length - 2)));
        for (int t = 0; t < words; t++) {
          tokens[i * length + t] = 2 + rng.nextInt(Math.max(1, vocab - 2));
        }
      }
      float[] images = new float[n * shape.length()];
      for (int i = 0; i < images.length; i++) {
        images[i] = shape.kind() == FeatureKind.PIXELS ? rng.nextFloat() : 0.01f + Math.abs((float) rng.nextGaussian());
      }
      return new Inputs(tokens, images);
    }
  }
}
