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
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * {@code glimpse bench inference}: the latency and throughput of one exported model in ONNX Runtime
 * (through {@link Predictor}, as users call it) and, given the run it was exported from, of the
 * same weights in a TensorFlow Java session. Inputs are seeded random token ids and images of the
 * model's own shape. Batch-1 latency is p50 and p99 (nearest rank) over the timed calls after 5
 * warm-up calls; throughput is samples per second at batch 64 (median call); the per-sample time
 * of a batch-size scan (1, 8, 32, 64) shows how well each runtime batches. ONNX Runtime can be
 * measured under several session settings in one run ({@link #sweep}: graph optimization level,
 * memory pattern planning, threads), each row with the time its session took to create.
 */
public final class InferenceBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int[] SCAN = {1, 8, 32, 64};

  private InferenceBenchmark() {}

  /**
   * One runtime's figures under one setting.
   *
   * @param model the model name from the ONNX file's metadata (the same on every row)
   * @param runtime {@code onnxruntime} or {@code tensorflow}
   * @param device always {@code cpu}
   * @param threads the thread count that was asked for; ONNX Runtime's intra-op threads (the
   *     TensorFlow row repeats it, though its session keeps the run's own setting)
   * @param setting for ONNX Runtime rows, the session options in one label such as
   *     {@code opt=all mem=on threads=2}, which tells the rows of a sweep apart (also in
   *     {@code glimpse bench compare}); null on the TensorFlow row
   * @param optimization ONNX Runtime's graph optimization level ({@code none}, {@code basic},
   *     {@code extended}, {@code all}); null on the TensorFlow row
   * @param memoryPattern whether ONNX Runtime's memory pattern planning was on; null on the
   *     TensorFlow row
   * @param sessionLoadMs milliseconds to create the ONNX Runtime session (graph optimizations
   *     and the metadata checks included; ONNX Runtime itself is started by an untimed load
   *     before the first row); null on the TensorFlow row
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
      @JsonProperty("setting") String setting,
      @JsonProperty("optimization") String optimization,
      @JsonProperty("memory_pattern") Boolean memoryPattern,
      @JsonProperty("session_load_ms") Double sessionLoadMs,
      @JsonProperty("infer_b1_p50_ms") double inferB1P50Ms,
      @JsonProperty("infer_b1_p99_ms") double inferB1P99Ms,
      @JsonProperty("infer_b64_samples_per_s") double inferB64SamplesPerSecond,
      @JsonProperty("per_sample_ms_by_batch") Map<Integer, Double> perSampleMsByBatch) {}

  /** One batched call of a runtime: {@code n} questions and images in, probabilities out. */
  private interface Runtime {
    float[] run(long[] tokens, float[] images, int n);
  }

  /**
   * The ONNX Runtime settings of {@code --sweep}: every graph optimization level, with memory
   * pattern planning on and off, at one thread and at {@code threads}.
   *
   * @param threads the larger thread count, at least 1 (1 gives 8 settings, more gives 16)
   * @return the settings on the CPU with spinning threads, one thread count after the other
   * @throws IllegalArgumentException if {@code threads} is less than 1
   */
  public static List<PredictorOptions> sweep(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    List<PredictorOptions> out = new ArrayList<>();
    for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
      for (PredictorOptions.Optimization level : PredictorOptions.Optimization.values()) {
        for (boolean memory : new boolean[] {true, false}) {
          out.add(new PredictorOptions(ExecutionProvider.CPU, t, level, true, memory));
        }
      }
    }
    return out;
  }

  /**
   * Measures {@code model} in ONNX Runtime with all graph optimizations on {@code threads} threads
   * and, when {@code run} is given, in TensorFlow Java; writes the rows as a JSON array to {@code out}.
   *
   * @param model the exported ONNX file
   * @param run the training run the model was exported from, or {@code null} to measure ONNX Runtime only
   * @param threads CPU threads (ONNX Runtime intra-op; the TensorFlow session keeps the run's setting)
   * @param b1Calls timed batch-1 calls, at least 50
   * @param b64Calls timed calls per batch size of the scan, at least 1
   * @param out the JSON file to write (replaced atomically; missing parent directories are created)
   * @param progress receives one line of figures per row as soon as it is measured
   * @return one row for ONNX Runtime, then one for TensorFlow when {@code run} is given
   * @throws IOException if the model or the run cannot be loaded or {@code out} cannot be written
   * @throws IllegalArgumentException if a count is below its minimum or {@code threads} is less than
   *     1, or the run takes other images or question lengths than the model
   */
  public static List<Row> run(Path model, Path run, int threads, int b1Calls, int b64Calls, Path out,
      Consumer<String> progress) throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    return run(model, run, List.of(new PredictorOptions(ExecutionProvider.CPU, threads,
        PredictorOptions.Optimization.ALL)), b1Calls, b64Calls, out, progress);
  }

  /**
   * Measures {@code model} in ONNX Runtime under each of {@code settings} (a fresh session each,
   * its creation timed) and, when {@code run} is given, once in TensorFlow Java; writes the rows
   * as a JSON array to {@code out}, rewritten after every row so that a long sweep keeps what it
   * has measured.
   *
   * @param model the exported ONNX file; each session is closed here
   * @param run the training run the model was exported from, whose best checkpoint is measured in
   *     TensorFlow Java, or {@code null} to measure ONNX Runtime only
   * @param settings the ONNX Runtime session options to measure, at least one; the TensorFlow row
   *     reports the first setting's thread count
   * @param b1Calls timed batch-1 calls, at least 50
   * @param b64Calls timed calls per batch size of the scan, at least 1
   * @param out the JSON file to write (replaced atomically; missing parent directories are created)
   * @param progress receives one line of figures per row as soon as it is measured
   * @return one row per setting in order, then one for TensorFlow when {@code run} is given
   * @throws IOException if the model or the run cannot be loaded or {@code out} cannot be written
   * @throws IllegalArgumentException if a count is below its minimum, {@code settings} is empty, or
   *     the run takes other images or question lengths than the model
   */
  public static List<Row> run(Path model, Path run, List<PredictorOptions> settings, int b1Calls, int b64Calls,
      Path out, Consumer<String> progress) throws IOException {
    if (b1Calls < 50 || b64Calls < 1 || settings.isEmpty()) {
      throw new IllegalArgumentException("need >= 50 batch-1 calls, >= 1 batch-64 call and >= 1 setting, got "
          + b1Calls + ", " + b64Calls + ", " + settings.size());
    }
    // One untimed load first, so that no row's load time includes starting ONNX Runtime itself.
    try (Predictor warm = Predictor.load(model, settings.get(0))) {
      warm.metadata();
    }
    List<Row> rows = new ArrayList<>();
    Inputs in = null;
    String name = null;
    FeatureShape shape = null;
    int length = 0;
    for (PredictorOptions options : settings) {
      long t0 = System.nanoTime();
      try (Predictor predictor = Predictor.load(model, options)) {
        double loadMs = (System.nanoTime() - t0) / 1e6;
        if (in == null) {
          shape = predictor.imageShape();
          length = predictor.metadata().tokenizer().maxLength();
          name = predictor.metadata().model();
          in = Inputs.random(shape, length, predictor.metadata().vocabulary().size(), 64, 5);
        }
        Figures f = measure(predictor::answerProbs, in, b1Calls, b64Calls);
        rows.add(new Row(name, "onnxruntime", "cpu", options.intraOpThreads(), label(options),
            level(options), options.memoryPattern(), loadMs,
            f.b1P50Ms(), f.b1P99Ms(), f.b64Rate(), f.perSample()));
      }
      progress.accept(line(rows.get(rows.size() - 1)));
      AtomicFiles.write(out, o -> JSON.writeValue(o, rows));
    }
    if (run != null) {
      try (TrainedModel tf = TrainedModel.load(run)) {
        if (!tf.config().model().data().image().equals(shape)
            || tf.config().model().data().maxQuestionLength() != length) {
          throw new IllegalArgumentException("run " + run + " takes " + tf.config().model().data().image()
              + " images, model " + model + " takes " + shape + ": not the same model");
        }
        Figures f = measure(tf::answerProbs, in, b1Calls, b64Calls);
        rows.add(new Row(name, "tensorflow", "cpu", settings.get(0).intraOpThreads(), null, null, null, null,
            f.b1P50Ms(), f.b1P99Ms(), f.b64Rate(), f.perSample()));
        progress.accept(line(rows.get(rows.size() - 1)));
      }
    }
    AtomicFiles.write(out, o -> JSON.writeValue(o, rows));
    return rows;
  }

  /**
   * The label of one ONNX Runtime setting, as in the {@code setting} field.
   *
   * @param options the session options
   * @return for example {@code opt=all mem=on threads=2}
   */
  static String label(PredictorOptions options) {
    return "opt=" + level(options) + " mem=" + (options.memoryPattern() ? "on" : "off") + " threads="
        + options.intraOpThreads();
  }

  /** The graph optimization level as in the {@code optimization} field, e.g. {@code all}. */
  private static String level(PredictorOptions options) {
    return options.optimization().name().toLowerCase(Locale.ROOT);
  }

  private static String line(Row r) {
    String where = r.setting() == null ? r.runtime()
        : String.format("%s %-32s load %7.1f ms", r.runtime(), r.setting(), r.sessionLoadMs());
    return String.format("%-11s b1 p50 %7.2f ms  p99 %7.2f ms  b64 %8.1f samples/s  ms/sample by batch %s",
        where, r.inferB1P50Ms(), r.inferB1P99Ms(), r.inferB64SamplesPerSecond(), r.perSampleMsByBatch());
  }

  /** One runtime's timings: batch-1 percentiles in milliseconds, batch-64 samples/s, the scan. */
  private record Figures(double b1P50Ms, double b1P99Ms, double b64Rate, Map<Integer, Double> perSample) {}

  private static Figures measure(Runtime rt, Inputs in, int b1Calls, int batchCalls) {
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
    return new Figures(1000 * ReferenceBenchmark.percentile(b1, 50), 1000 * ReferenceBenchmark.percentile(b1, 99),
        b64Rate, perSample);
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
