package ai.glimpse.bench;

import ai.glimpse.preprocessing.format.GlimpseVersion;
import ai.glimpse.preprocessing.format.ModelMetadata;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.features.ObjectInputs;
import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.preprocessing.text.TokenizerConfig;
import ai.glimpse.tf.export.OnnxExporter;
import ai.glimpse.tf.train.LossKind;
import ai.glimpse.tf.train.TrainConfig;
import ai.glimpse.tf.train.VqaGraph;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.ModelConfig;
import ai.glimpse.tf.zoo.Models;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * {@code glimpse bench --suite reference}: the six reference shapes of
 * {@code shared/bench/REFERENCE.md} with random weights and seeded random inputs, measured in
 * TensorFlow Java (training steps at batch 64, inference) and in ONNX Runtime (inference on the
 * exported file of the same weights), each figure beside the machine's matrix-product ceiling
 * measured in the same run.
 *
 * <p>Training: samples per second of full steps (forward, backward, Adamax update) at batch 64,
 * median over the timed steps after 2 warm-up steps. Inference: latency at batch 1 (p50 and p99,
 * nearest rank, after 5 warm-up calls) and samples per second at batch 64 (median). Multiply-adds
 * per sample come from {@link GraphMacs}, counted on the very graphs that are timed.
 */
public final class ReferenceBenchmark {
  /** The batch size of training steps and of the throughput figures. */
  public static final int BATCH = 64;

  /** The side of the square matrix product that measures the ceiling (54 GFLOP per product). */
  static final int PEAK_SIZE = 3000;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReferenceBenchmark() {}

  /**
   * How much to measure.
   *
   * @param trainSteps timed training steps (after 2 warm-up steps), at least 5
   * @param b1Calls timed batch-1 inference calls (after 5 warm-up calls), at least 50
   * @param b64Calls timed batch-64 inference calls (after 1 warm-up call), at least 1
   * @param threads CPU threads for both runtimes
   */
  public record Plan(int trainSteps, int b1Calls, int b64Calls, int threads) {
    /**
     * Checks the minimums of {@code REFERENCE.md}.
     *
     * @param trainSteps timed training steps, at least 5
     * @param b1Calls timed batch-1 inference calls, at least 50
     * @param b64Calls timed batch-64 inference calls, at least 1
     * @param threads CPU threads for both runtimes and the ceiling, at least 1
     * @throws IllegalArgumentException if a count is below its minimum
     */
    public Plan {
      if (trainSteps < 5 || b1Calls < 50 || b64Calls < 1 || threads < 1) {
        throw new IllegalArgumentException("need >= 5 training steps, >= 50 batch-1 calls, >= 1 batch-64 call "
            + "and >= 1 thread, got " + trainSteps + ", " + b1Calls + ", " + b64Calls + ", " + threads);
      }
    }

    /**
     * The {@code --quick} plan: the minimums.
     *
     * @param threads CPU threads for both runtimes, at least 1
     * @return 5 training steps, 50 batch-1 calls and 3 batch-64 calls
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public static Plan quick(int threads) {
      return new Plan(5, 50, 3, threads);
    }

    /**
     * The full plan.
     *
     * @param threads CPU threads for both runtimes, at least 1
     * @return 10 training steps, 200 batch-1 calls and 10 batch-64 calls
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public static Plan full(int threads) {
      return new Plan(10, 200, 10, threads);
    }
  }

  /**
   * One model on one runtime, in the schema of {@code REFERENCE.md} plus the work counts and the
   * fractions of the measured ceiling. Fields that are null (training figures on ONNX Runtime, an
   * exact reference shape's deviation) are left out of the JSON.
   *
   * @param model the reference name, e.g. {@code saaa-ref}
   * @param runtime {@code tensorflow} or {@code onnxruntime}
   * @param device always {@code cpu}
   * @param threads the intra-op threads of the runtime
   * @param trainSamplesPerSecond training samples per second at batch 64 (median step); null on
   *     ONNX Runtime
   * @param inferB1P50Ms the median batch-1 inference call, in milliseconds
   * @param inferB1P99Ms the 99th percentile (nearest rank) batch-1 inference call, in milliseconds
   * @param inferB64SamplesPerSecond inference samples per second of the median batch-64 call
   * @param params the number of trainable parameters
   * @param batch the batch size of training and throughput, {@value ReferenceBenchmark#BATCH}
   * @param forwardMacsPerSample multiply-adds of one inference pass, per sample
   * @param trainStepMacsPerSample multiply-adds of one training step (forward and backward), per
   *     sample; null on ONNX Runtime
   * @param fftFlopsPerSample FFT floating-point operations of one inference pass, per sample
   *     (0 for models without FFTs)
   * @param peakFlopsPerSecond the machine's measured float32 ceiling, in FLOP/s
   * @param trainFlopsPerSecond {@code 2 * trainStepMacsPerSample * trainSamplesPerSecond}; null on
   *     ONNX Runtime
   * @param trainPeakFraction {@code trainFlopsPerSecond / peakFlopsPerSecond}; null on ONNX Runtime
   * @param inferB64FlopsPerSecond {@code 2 * forwardMacsPerSample * inferB64SamplesPerSecond}
   *     (FFT flops not included)
   * @param inferB64PeakFraction {@code inferB64FlopsPerSecond / peakFlopsPerSecond}
   * @param deviation how the model differs from the reference shape, or null when it is exact
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Row(
      @JsonProperty("model") String model,
      @JsonProperty("runtime") String runtime,
      @JsonProperty("device") String device,
      @JsonProperty("threads") int threads,
      @JsonProperty("train_samples_per_s") Double trainSamplesPerSecond,
      @JsonProperty("infer_b1_p50_ms") double inferB1P50Ms,
      @JsonProperty("infer_b1_p99_ms") double inferB1P99Ms,
      @JsonProperty("infer_b64_samples_per_s") double inferB64SamplesPerSecond,
      @JsonProperty("params") long params,
      @JsonProperty("batch") int batch,
      @JsonProperty("forward_macs_per_sample") long forwardMacsPerSample,
      @JsonProperty("train_step_macs_per_sample") Long trainStepMacsPerSample,
      @JsonProperty("fft_flops_per_sample") long fftFlopsPerSample,
      @JsonProperty("peak_flops_per_s") double peakFlopsPerSecond,
      @JsonProperty("train_flops_per_s") Double trainFlopsPerSecond,
      @JsonProperty("train_peak_fraction") Double trainPeakFraction,
      @JsonProperty("infer_b64_flops_per_s") double inferB64FlopsPerSecond,
      @JsonProperty("infer_b64_peak_fraction") double inferB64PeakFraction,
      @JsonProperty("deviation") String deviation) {

    /** This row with its fractions taken of {@code newPeak} instead. */
    Row withPeak(double newPeak) {
      return new Row(model, runtime, device, threads, trainSamplesPerSecond, inferB1P50Ms, inferB1P99Ms,
          inferB64SamplesPerSecond, params, batch, forwardMacsPerSample, trainStepMacsPerSample,
          fftFlopsPerSample, newPeak, trainFlopsPerSecond,
          trainFlopsPerSecond == null ? null : trainFlopsPerSecond / newPeak, inferB64FlopsPerSecond,
          inferB64FlopsPerSecond / newPeak, deviation);
    }
  }

  /**
   * Measures {@code models} and writes the rows as a JSON array to {@code out} (through a temporary
   * file), returning them; {@code progress} receives one line per finished measurement.
   *
   * <p>The ceiling is measured before the first model and again after the last; when the second is
   * higher, every fraction is taken of it. {@code out} is rewritten after each model, so an
   * interrupted run leaves the rows measured so far (against the first ceiling).
   *
   * @param models the reference models to measure, in order, e.g. {@link ReferenceModel#select}
   * @param plan how many steps and calls to time, and on how many threads
   * @param out the JSON file to write (replaced atomically; missing parent directories are created)
   * @param progress receives the ceilings and one line per model and runtime
   * @return two rows per model, {@code tensorflow} then {@code onnxruntime}, in the order of
   *     {@code models}
   * @throws IOException if {@code out} cannot be written
   * @throws OrtException if ONNX Runtime cannot load or run an exported model
   */
  public static List<Row> run(List<ReferenceModel> models, Plan plan, Path out, Consumer<String> progress)
      throws IOException, OrtException {
    return run(models, plan, out, null, progress);
  }

  /**
   * {@link #run(List, Plan, Path, Consumer)}, keeping each exported model as
   * {@code onnxDir/NAME.onnx} when {@code onnxDir} is given: a file with Glimpse metadata (random
   * weights, a vocabulary of placeholder words) that {@code glimpse bench inference} and the
   * {@code Predictor} load.
   *
   * @param models the reference models to measure, in order
   * @param plan how many steps and calls to time, and on how many threads
   * @param out the JSON file to write (replaced atomically; missing parent directories are created)
   * @param onnxDir where to keep the exported models (created if missing; each file replaced
   *     atomically), or {@code null} to keep none
   * @param progress receives the ceilings and one line per model and runtime
   * @return two rows per model, {@code tensorflow} then {@code onnxruntime}, in the order of
   *     {@code models}
   * @throws IOException if {@code out} or a model file cannot be written
   * @throws OrtException if ONNX Runtime cannot load or run an exported model
   */
  public static List<Row> run(List<ReferenceModel> models, Plan plan, Path out, Path onnxDir,
      Consumer<String> progress) throws IOException, OrtException {
    MatmulPeak.Peak peak = MatmulPeak.measure(PEAK_SIZE, plan.threads(), 5);
    progress.accept(String.format("peak: %.1f GFLOP/s (float32 %d×%d matrix product, %d threads)",
        peak.flopsPerSecond() / 1e9, peak.size(), peak.size(), plan.threads()));
    List<Row> rows = new ArrayList<>();
    for (ReferenceModel m : models) {
      rows.addAll(measure(m, plan, peak.flopsPerSecond(), onnxDir, progress));
      AtomicFiles.write(out, o -> JSON.writeValue(o, rows));
    }
    // The ceiling again at the end: a busy moment at the start must not inflate the fractions.
    MatmulPeak.Peak again = MatmulPeak.measure(PEAK_SIZE, plan.threads(), 5);
    progress.accept(String.format("peak again: %.1f GFLOP/s", again.flopsPerSecond() / 1e9));
    List<Row> rescaled = again.flopsPerSecond() > peak.flopsPerSecond()
        ? rows.stream().map(r -> r.withPeak(again.flopsPerSecond())).toList() : rows;
    AtomicFiles.write(out, o -> JSON.writeValue(o, rescaled));
    return rescaled;
  }

  private static List<Row> measure(ReferenceModel ref, Plan plan, double peak, Path onnxDir,
      Consumer<String> progress) throws IOException, OrtException {
    ModelConfig config = ref.config();
    DataShape d = config.data();
    // Steps are timed in memory: nothing is written to the run directory.
    Path runDir = Path.of(System.getProperty("java.io.tmpdir"), "glimpse-bench-reference");
    TrainConfig defaults = TrainConfig.defaults(1, ReferenceModel.SEED, runDir);
    TrainConfig train = new TrainConfig(1, BATCH, 1, defaults.learningRate(), defaults.optimizer(),
        LossKind.named(config.defaultLoss()), defaults.gradClipNorm(), defaults.schedule(), 0, 0,
        defaults.checkpointEverySteps(), ReferenceModel.SEED, plan.threads(), runDir);
    Inputs big = Inputs.random(d, BATCH, 11);
    Inputs one = Inputs.random(d, 1, 12);
    byte[] onnx;
    long params;
    GraphMacs.Count forward;
    GraphMacs.Count step;
    double[] trainSeconds = new double[plan.trainSteps()];
    double[] tfB1;
    double[] tfB64;
    // Wall-clock seconds of each phase, so that a slow suite shows where its time went.
    Laps laps = new Laps();
    try (VqaGraph g = VqaGraph.forTraining(Models.create(config), train);
         Session s = g.newSession(plan.threads());
         TInt64 tokens = big.tokensTensor(); TFloat32 images = big.imageTensor();
         TInt32 index = TInt32.tensorOf(Shape.of(BATCH), DataBuffers.of(IntStream.range(0, BATCH).toArray(), true, false));
         TFloat32 targets = big.targetsTensor(d.answerCount());
         TFloat32 rate = TFloat32.scalarOf((float) defaults.learningRate());
         TInt64 tokens1 = one.tokensTensor(); TFloat32 images1 = one.imageTensor()) {
      g.params().initialize(s);
      params = g.params().trainableCount();
      laps.lap("build");
      GraphMacs stepMacs = new GraphMacs(g.graph(), "macs_train", n -> !n.startsWith("infer/") && !n.startsWith("macs"));
      GraphMacs forwardMacs = new GraphMacs(g.graph(), "macs_infer", n -> n.startsWith("infer/"));
      Session.Runner first = s.runner().feed(g.tokens(), tokens).feed(g.image(), images)
          .feed(g.imageIndex(), index).feed(g.targets(), targets).feed(g.learningRate(), rate)
          .addTarget(g.trainStep());
      try (Result r = stepMacs.fetchInto(first).run()) {
        step = stepMacs.count(r, 0);
      }
      for (int i = 0; i < plan.trainSteps() + 1; i++) {
        long t0 = System.nanoTime();
        try (Result r = s.runner().feed(g.tokens(), tokens).feed(g.image(), images)
            .feed(g.imageIndex(), index).feed(g.targets(), targets).feed(g.learningRate(), rate)
            .addTarget(g.trainStep()).fetch(g.loss()).run()) {
          r.get(0);
        }
        if (i > 0) {
          trainSeconds[i - 1] = (System.nanoTime() - t0) / 1e9;
        }
      }
      laps.lap("train");
      try (Result r = forwardMacs.fetchInto(s.runner().feed(g.tokens(), tokens).feed(g.image(), images)
          .fetch(g.answerProbs())).run()) {
        forward = forwardMacs.count(r, 1);
      }
      tfB1 = time(plan.b1Calls(), 5, () -> {
        try (Result r = s.runner().feed(g.tokens(), tokens1).feed(g.image(), images1).fetch(g.answerProbs()).run()) {
          r.get(0);
        }
      });
      tfB64 = time(plan.b64Calls(), 1, () -> {
        try (Result r = s.runner().feed(g.tokens(), tokens).feed(g.image(), images).fetch(g.answerProbs()).run()) {
          r.get(0);
        }
      });
      laps.lap("TF inference");
      onnx = OnnxExporter.toOnnx(g, s, d, metadata(ref)).toByteArray();
      laps.lap("export");
    }
    if (onnxDir != null) {
      byte[] bytes = onnx;
      Path file = onnxDir.resolve(ref.name() + ".onnx");
      AtomicFiles.write(file, o -> o.write(bytes));
      progress.accept(String.format("%-16s kept %s (%.1f MB)", ref.name(), file, bytes.length / 1e6));
    }
    double[] ortB1;
    double[] ortB64;
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(plan.threads());
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      Map<String, OnnxTensor> feedBig = big.ortFeed(env);
      Map<String, OnnxTensor> feedOne = one.ortFeed(env);
      try (OrtSession session = env.createSession(onnx, options)) {
        laps.lap("ORT load");
        ortB1 = time(plan.b1Calls(), 5, () -> session.run(feedOne).close());
        ortB64 = time(plan.b64Calls(), 1, () -> session.run(feedBig).close());
      } finally {
        feedBig.values().forEach(OnnxTensor::close);
        feedOne.values().forEach(OnnxTensor::close);
      }
    }
    laps.lap("ORT inference");
    progress.accept(String.format("%-16s phases: %s", ref.name(), laps));
    long forwardPerSample = forward.multiplyAdds() / BATCH;
    long stepPerSample = step.multiplyAdds() / BATCH;
    long fftPerSample = forward.fftFlops() / BATCH;
    double trainRate = BATCH / median(trainSeconds);
    double trainFlops = 2.0 * stepPerSample * trainRate;
    List<Row> rows = new ArrayList<>();
    for (String runtime : List.of("tensorflow", "onnxruntime")) {
      boolean tf = runtime.equals("tensorflow");
      double[] b1 = tf ? tfB1 : ortB1;
      double b64Rate = BATCH / median(tf ? tfB64 : ortB64);
      double inferFlops = 2.0 * forwardPerSample * b64Rate;
      Row row = new Row(ref.name(), runtime, "cpu", plan.threads(), tf ? trainRate : null,
          1000 * percentile(b1, 50), 1000 * percentile(b1, 99), b64Rate, params, BATCH, forwardPerSample,
          tf ? stepPerSample : null, fftPerSample, peak, tf ? trainFlops : null, tf ? trainFlops / peak : null,
          inferFlops, inferFlops / peak, ref.deviation().isEmpty() ? null : ref.deviation());
      rows.add(row);
      progress.accept(String.format("%-16s %-11s %s b1 p50 %7.2f ms  p99 %7.2f ms  b64 %8.1f samples/s (%.0f%% of peak)",
          ref.name(), runtime,
          tf ? String.format("train %7.1f samples/s (%.0f%% of peak)", trainRate, 100 * trainFlops / peak)
              : String.format("%-36s", ""),
          row.inferB1P50Ms(), row.inferB1P99Ms(), b64Rate, 100 * inferFlops / peak));
    }
    return rows;
  }

  /** Wall-clock seconds of consecutive named phases, so that a slow suite shows where its time went. */
  private static final class Laps {
    private final StringBuilder text = new StringBuilder();
    private long start = System.nanoTime();

    /** Ends the phase that began at the last lap (or at creation) and names it. */
    void lap(String phase) {
      long now = System.nanoTime();
      text.append(text.length() == 0 ? "" : ", ").append(String.format("%s %.1f s", phase, (now - start) / 1e9));
      start = now;
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  private static ModelMetadata metadata(ReferenceModel ref) {
    DataShape d = ref.config().data();
    List<String> vocabulary = new ArrayList<>(List.of("<pad>", "<unk>"));
    for (int i = 2; i < d.vocabularySize(); i++) {
      vocabulary.add("w" + i);
    }
    List<String> answers = IntStream.range(0, d.answerCount()).mapToObj(i -> "a" + i).toList();
    String configJson;
    try {
      configJson = new ObjectMapper().writeValueAsString(ref.config());
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the config of " + ref.name(), e);
    }
    return new ModelMetadata(ModelMetadata.FORMAT_VERSION, ref.name(),
        TokenizerConfig.defaults(d.maxQuestionLength()), vocabulary, answers,
        new ModelMetadata.ImageInput(d.imageKind().onnxInputs().get(0), d.image()), configJson,
        new ModelMetadata.Provenance(GlimpseVersion.VERSION, "random-weights", 0, 0.0, null, 0));
  }

  /** A call that may throw ONNX Runtime's checked exception. */
  private interface Call {
    void run() throws OrtException;
  }

  private static double[] time(int calls, int warmup, Call call) throws OrtException {
    for (int i = 0; i < warmup; i++) {
      call.run();
    }
    double[] seconds = new double[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      call.run();
      seconds[i] = (System.nanoTime() - t0) / 1e9;
    }
    return seconds;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** The nearest-rank percentile: the smallest value with at least {@code p}% of the values at or below it. */
  static double percentile(double[] values, double p) {
    double[] v = values.clone();
    Arrays.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }

  /** Seeded random inputs of one batch: token ids with padding after a random length, and images. */
  private record Inputs(int n, int length, long[] tokens, FeatureShape shape, float[] image, int[] answers) {
    static Inputs random(DataShape d, int n, long seed) {
      Random rng = new Random(seed);
      int len = d.maxQuestionLength();
      long[] tokens = new long[n * len];
      for (int i = 0; i < n; i++) {
        int words = Math.min(len, 4 + rng.nextInt(Math.max(1, len - 3)));
        for (int t = 0; t < words; t++) {
          tokens[i * len + t] = 2 + rng.nextInt(d.vocabularySize() - 2);
        }
      }
      FeatureShape shape = d.image();
      float[] image = new float[Math.multiplyExact(n, shape.length())];
      boolean objects = shape.kind() == FeatureKind.OBJECTS;
      for (int i = 0; i < image.length; i++) {
        // Object rows must not be all zero (that marks padding); grid cells are ReLU-like features.
        image[i] = objects ? 0.01f + rng.nextFloat() : Math.abs((float) rng.nextGaussian());
      }
      int[] answers = new int[n];
      for (int i = 0; i < n; i++) {
        answers[i] = rng.nextInt(d.answerCount());
      }
      return new Inputs(n, len, tokens, shape, image, answers);
    }

    TInt64 tokensTensor() {
      return TInt64.tensorOf(Shape.of(n, length), DataBuffers.of(tokens, true, false));
    }

    TFloat32 imageTensor() {
      return TFloat32.tensorOf(Shape.of(shape.withBatch(n)), DataBuffers.of(image, true, false));
    }

    TFloat32 targetsTensor(int answerCount) {
      float[] t = new float[n * answerCount];
      for (int i = 0; i < n; i++) {
        t[i * answerCount + answers[i]] = 1f;
      }
      return TFloat32.tensorOf(Shape.of(n, answerCount), DataBuffers.of(t, true, false));
    }

    /** The exported model's inputs: tokens and the image tensors of its kind (objects split in three). */
    Map<String, OnnxTensor> ortFeed(OrtEnvironment env) throws OrtException {
      Map<String, OnnxTensor> feed = new HashMap<>();
      feed.put(VqaGraph.QUESTION_TOKENS, OnnxTensor.createTensor(env, LongBuffer.wrap(tokens), new long[] {n, length}));
      if (shape.kind() == FeatureKind.OBJECTS) {
        ObjectInputs o = ObjectInputs.split(image, shape, n);
        feed.put(FeatureKind.OBJECT_FEATURES, OnnxTensor.createTensor(env, FloatBuffer.wrap(o.features()), o.featuresShape()));
        feed.put(FeatureKind.OBJECT_SPATIALS, OnnxTensor.createTensor(env, FloatBuffer.wrap(o.spatials()), o.spatialsShape()));
        feed.put(FeatureKind.OBJECT_MASK, OnnxTensor.createTensor(env, FloatBuffer.wrap(o.mask()), o.maskShape()));
      } else {
        feed.put(shape.kind().inputName(), OnnxTensor.createTensor(env, FloatBuffer.wrap(image), shape.withBatch(n)));
      }
      return feed;
    }
  }
}
