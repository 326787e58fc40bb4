package ai.glimpse.cli;

import ai.glimpse.bench.BenchComparison;
import ai.glimpse.bench.InferenceBenchmark;
import ai.glimpse.bench.PrepareBenchmark;
import ai.glimpse.bench.ReferenceBenchmark;
import ai.glimpse.bench.ReferenceModel;
import ai.glimpse.onnx.predict.ExecutionProvider;
import ai.glimpse.onnx.predict.PredictorOptions;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse bench}: speed and memory measured, written as JSON. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks that write JSON: --suite reference (the reference model shapes), or a "
        + "subcommand.",
    subcommands = {BenchCommand.Prepare.class, BenchCommand.Inference.class, BenchCommand.Compare.class})
final class BenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--suite", paramLabel = "reference",
      description = "reference: the six reference shapes of shared/bench/REFERENCE.md, TensorFlow Java "
          + "training and inference and ONNX Runtime inference, beside the measured matrix-product peak.")
  String suite;

  @Option(names = "--models", split = ",", paramLabel = "a,b",
      description = "Reference models to run (default: all), e.g. saaa-ref,butd-ref or saaa,butd.")
  List<String> models = List.of();

  @Option(names = "--quick", description = "The minimum counts of REFERENCE.md (5 steps, 50 batch-1 calls).")
  boolean quick;

  @Option(names = "--threads", description = "CPU threads for both runtimes (default: all cores).")
  Integer threads;

  @Option(names = "--out", paramLabel = "FILE.json", description = "Where to write the results.")
  Path out;

  @Option(names = "--onnx-dir", paramLabel = "DIR",
      description = "Also keep each exported reference model as DIR/NAME.onnx (with Glimpse metadata), "
          + "e.g. for 'glimpse bench inference --model DIR/saaa-ref.onnx --sweep'.")
  Path onnxDir;

  @Override
  public Integer call() throws Exception {
    if (suite == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "name a benchmark: --suite reference, or a subcommand such as 'glimpse bench prepare'");
    }
    if (!suite.equals("reference")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "unknown --suite '" + suite + "'; known: reference");
    }
    if (out == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--suite reference needs --out FILE.json");
    }
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    ReferenceBenchmark.Plan plan = quick ? ReferenceBenchmark.Plan.quick(t) : ReferenceBenchmark.Plan.full(t);
    ReferenceBenchmark.run(ReferenceModel.select(models), plan, out, onnxDir, System.out::println);
    System.out.println("wrote " + out);
    return 0;
  }

  /** {@code glimpse bench prepare} (also {@code glimpse bench data}). */
  @Command(name = "prepare", aliases = "data", mixinStandardHelpOptions = true,
      description = "glimpse prepare on a corpus in the VQA v2 formats at full scale (443,757 + 214,354 "
          + "questions, 10 answers each) with a grid feature file of every image, in a JVM of its own "
          + "(wall time, questions per second, peak RSS); then random reads of batches of 64 grids of "
          + "2048x14x14 float16 (MB/s).")
  static final class Prepare implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where to write the results.")
    Path out;

    @Option(names = "--work", defaultValue = "bench-work", description = "Working directory; the corpus is kept for later runs (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--scale", defaultValue = "full", description = "full (VQA v2 sizes) or small (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--read-images", defaultValue = "1024", description = "Grids in the random-read file (default: ${DEFAULT-VALUE}).")
    int readImages;

    @Option(names = "--read-batches", defaultValue = "40", description = "Random batches of 64 read (default: ${DEFAULT-VALUE}).")
    int readBatches;

    @Override
    public Integer call() throws Exception {
      if (!scale.equals("full") && !scale.equals("small")) {
        throw new IllegalArgumentException("--scale must be full or small, got " + scale);
      }
      PrepareBenchmark.Result r = PrepareBenchmark.run(scale.equals("full"), work, out, readImages, readBatches);
      System.out.printf("prepare: %d questions in %.1f s (%.0f questions/s, CPU %.1f s), peak RSS %.2f GiB%n",
          r.trainQuestions() + r.valQuestions(), r.prepareSeconds(), r.questionsPerSecond(), r.prepareCpuSeconds(),
          r.peakRssBytes() / (double) (1L << 30));
      System.out.printf("reads: %d batches of %d grids %s float16: %.0f MB/s, %.1f ms per batch (%s cache); "
          + "again: %.0f MB/s, %.1f ms per batch%n", r.readBatches(), r.readBatchSize(), r.readGridShape(),
          r.readMegabytesPerSecond(), r.readBatchMillis(), r.readCache(), r.warmReadMegabytesPerSecond(),
          r.warmReadBatchMillis());
      System.out.println("wrote " + out);
      return 0;
    }
  }

  /** {@code glimpse bench inference}. */
  @Command(name = "inference", mixinStandardHelpOptions = true,
      description = "Latency (batch 1, p50/p99) and throughput (batch 64) of an exported model in ONNX Runtime "
          + "and, with --run, of the same weights in TensorFlow Java; with a batch-size scan. --sweep measures "
          + "ONNX Runtime under every graph optimization level, with memory patterns on and off, at 1 thread "
          + "and at --threads.")
  static final class Inference implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.onnx", description = "Exported model.")
    Path model;

    @Option(names = "--run", paramLabel = "RUN", description = "The run directory it was exported from, to time TensorFlow Java too.")
    Path run;

    @Option(names = "--threads", description = "CPU threads (default: all cores).")
    Integer threads;

    @Option(names = "--optimization", paramLabel = "LEVEL",
        description = "ONNX Runtime graph optimization level: none, basic, extended or all (default: all).")
    PredictorOptions.Optimization optimization;

    @Option(names = "--memory-pattern", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "ONNX Runtime memory pattern planning (default: on; --no-memory-pattern turns it off).")
    boolean memoryPattern;

    @Option(names = "--sweep", description = "Measure ONNX Runtime under every graph optimization level, memory "
        + "patterns on and off, at 1 thread and at --threads (16 settings on 2 cores), one row each.")
    boolean sweep;

    @Option(names = "--calls", defaultValue = "200", description = "Timed batch-1 calls, >= 50 (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--batch-calls", defaultValue = "10", description = "Timed calls per batch size (default: ${DEFAULT-VALUE}).")
    int batchCalls;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where to write the results.")
    Path out;

    @Override
    public Integer call() throws Exception {
      int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      if (t < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, got " + t);
      }
      if (sweep && (optimization != null || !memoryPattern)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--sweep measures every optimization level and memory pattern setting; drop --optimization and "
                + "--no-memory-pattern, or drop --sweep");
      }
      List<PredictorOptions> settings = sweep ? InferenceBenchmark.sweep(t)
          : List.of(new PredictorOptions(ExecutionProvider.CPU, t,
              optimization == null ? PredictorOptions.Optimization.ALL : optimization, true, memoryPattern));
      List<InferenceBenchmark.Row> rows = InferenceBenchmark.run(model, run, settings, calls, batchCalls, out,
          System.out::println);
      if (sweep) {
        rows.stream().filter(r -> r.setting() != null)
            .min(Comparator.comparingDouble(InferenceBenchmark.Row::inferB1P50Ms))
            .ifPresent(r -> System.out.printf("lowest batch-1 p50: %s (%.2f ms)%n", r.setting(), r.inferB1P50Ms()));
        rows.stream().filter(r -> r.setting() != null)
            .max(Comparator.comparingDouble(InferenceBenchmark.Row::inferB64SamplesPerSecond))
            .ifPresent(r -> System.out.printf("highest batch-64 throughput: %s (%.1f samples/s)%n", r.setting(),
                r.inferB64SamplesPerSecond()));
      }
      System.out.println("wrote " + out);
      return 0;
    }
  }

  /** {@code glimpse bench compare}. */
  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Compare two benchmark JSON files and flag every figure more than --threshold worse; "
          + "exits with 1 when any is.")
  static final class Compare implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", paramLabel = "BASE.json", description = "The earlier results.")
    Path base;

    @CommandLine.Parameters(index = "1", paramLabel = "NEW.json", description = "The results to judge.")
    Path current;

    @Option(names = "--threshold", defaultValue = "0.10", description = "Relative worsening that is flagged (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Override
    public Integer call() throws Exception {
      List<BenchComparison.Figure> figures = BenchComparison.compare(base, current, threshold);
      int worse = 0;
      for (BenchComparison.Figure f : figures) {
        System.out.printf("%s %-60s %12.4g -> %12.4g  %+6.1f%%%n", f.worse() ? "WORSE" : "     ", f.key(),
            f.base(), f.current(), -100 * f.change());
        worse += f.worse() ? 1 : 0;
      }
      System.out.printf("%d figures compared, %d more than %.0f%% worse%n", figures.size(), worse, 100 * threshold);
      return worse == 0 ? 0 : 1;
    }
  }
}
