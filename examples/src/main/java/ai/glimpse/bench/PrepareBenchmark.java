package ai.glimpse.bench;

import ai.glimpse.preprocessing.features.GridFeatureStore;
import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.preprocessing.io.Hdf5StreamWriter;
import ai.glimpse.preprocessing.io.Hdf5Type;
import ai.glimpse.preprocessing.prepare.Manifest;
import ai.glimpse.preprocessing.prepare.PrepareConfig;
import ai.glimpse.preprocessing.prepare.Preparer;
import ai.glimpse.preprocessing.synth.VqaScaleConfig;
import ai.glimpse.preprocessing.synth.VqaScaleCorpus;
import ai.glimpse.preprocessing.synth.VqaScaleOutput;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The data benchmark of {@code glimpse bench prepare}: {@code glimpse prepare} on a corpus in the
 * VQA v2 formats (full scale: 443,757 + 214,354 questions, 10 answers each) with a grid feature
 * file holding every image id, in a child JVM capped at {@value #CHILD_HEAP} so that its wall time
 * and peak resident memory are its own; then random-access reads of batches of 64 grids of
 * {@code 2048×14×14} float16 from an HDF5 file.
 */
public final class PrepareBenchmark {
  /** The heap of the JVM that runs prepare. */
  static final String CHILD_HEAP = "3g";
  private static final int GRID_C = 2048;
  private static final int GRID_HW = 14;
  private static final int READ_BATCH = 64;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PrepareBenchmark() {}

  /**
   * What the benchmark measured.
   *
   * @param scale {@code full} or {@code small}
   * @param trainQuestions training questions prepared
   * @param valQuestions validation questions prepared
   * @param corpusBytes the size of the four JSON files
   * @param prepareSeconds the wall time of {@code glimpse prepare}, measured in the prepare JVM from
   *     the start of its {@code main} (JVM start-up not included)
   * @param prepareCpuSeconds the CPU time of the prepare JVM
   * @param questionsPerSecond train and val questions over the prepare wall time
   * @param peakRssBytes the prepare JVM's peak resident memory (VmHWM)
   * @param featureFileImages the images in the grid feature file given to prepare
   * @param readBatches the random batches read
   * @param readBatchSize grids per batch
   * @param readGridShape the shape of one grid
   * @param readMegabytesPerSecond float16 bytes of the grids read per second, first pass
   * @param readBatchMillis the mean time of one batch read in the first pass, milliseconds
   * @param readCache whether the page cache was dropped before the first pass ({@code cold}; it
   *     needs root) or not ({@code warm})
   * @param warmReadMegabytesPerSecond the same, second pass over the same batches (page cache warm)
   * @param warmReadBatchMillis the mean time of one batch read in the second pass
   * @param cores the available processors
   */
  public record Result(String scale, int trainQuestions, int valQuestions, long corpusBytes,
      double prepareSeconds, double prepareCpuSeconds, double questionsPerSecond, long peakRssBytes,
      int featureFileImages, int readBatches, int readBatchSize, List<Integer> readGridShape,
      double readMegabytesPerSecond, double readBatchMillis, String readCache,
      double warmReadMegabytesPerSecond, double warmReadBatchMillis, int cores) {}

  /**
   * Runs the benchmark in {@code work} (kept between runs: the corpus is generated once) and writes
   * {@code out}. The corpus ({@code work/corpus-full} or {@code work/corpus-small}) and the id-only
   * grid file are reused while their settings are unchanged; {@code work/prepared} is prepared again
   * on every run; {@code work/reads.h5} is rewritten when it does not hold {@code readImages} grids.
   * Reading {@code /proc} and dropping the page cache assume Linux.
   *
   * @param full the full VQA v2 scale (443,757 + 214,354 questions) rather than the small corpus
   * @param work the working directory, created if needed; it needs room for the corpus, the
   *     prepared data and {@code readImages} float16 grids of about 0.8 MB each
   * @param out the JSON file of the {@link Result} (replaced atomically; missing parent directories
   *     are created)
   * @param readImages the number of random grids in the read file, at least 1; batches draw their
   *     64 ids uniformly from them, so more images than the page cache holds make reads hit the disk
   * @param readBatches the number of random batches of 64 grids read in each pass, at least 1
   * @return the figures written to {@code out}
   * @throws IOException if the corpus, a grid file or {@code out} cannot be read or written, or the
   *     prepare JVM fails (the message holds its standard output; its standard error goes to this
   *     process's)
   * @throws InterruptedException if interrupted while waiting for the prepare JVM
   * @throws Exception declared for the above: no other checked exception is thrown
   */
  public static Result run(boolean full, Path work, Path out, int readImages, int readBatches) throws Exception {
    Files.createDirectories(work);
    VqaScaleConfig config = full ? VqaScaleConfig.fullScale(7) : VqaScaleConfig.small(7);
    Path corpusDir = work.resolve(full ? "corpus-full" : "corpus-small");
    VqaScaleOutput corpus = corpus(config, corpusDir);
    Path grid = work.resolve(full ? "grid-full.h5" : "grid-small.h5");
    int images = config.trainImages() + config.valImages();
    if (!Files.exists(grid)) {
      writeIdGrid(grid, corpus);
    }
    Path prepared = work.resolve("prepared");
    Map<String, Object> child = runChild(corpus, grid, prepared);
    double seconds = ((Number) child.get("seconds")).doubleValue();

    Path reads = work.resolve("reads.h5");
    if (!Files.exists(reads) || !readsHold(reads, readImages)) {
      writeRandomGrids(reads, readImages);
    }
    boolean cold = dropPageCache();
    double[] timing = readBatches(reads, readImages, readBatches);
    double[] warm = readBatches(reads, readImages, readBatches);
    double bytesPerBatch = (double) READ_BATCH * GRID_C * GRID_HW * GRID_HW * 2;
    Result r = new Result(full ? "full" : "small", config.trainQuestions(), config.valQuestions(),
        corpus.totalBytes(), seconds, ((Number) child.get("cpuSeconds")).doubleValue(),
        (config.trainQuestions() + config.valQuestions()) / seconds,
        ((Number) child.get("peakRssBytes")).longValue(), images, readBatches, READ_BATCH,
        List.of(GRID_C, GRID_HW, GRID_HW), bytesPerBatch * readBatches / timing[0] / 1e6,
        1000 * timing[0] / readBatches, cold ? "cold" : "warm",
        bytesPerBatch * readBatches / warm[0] / 1e6, 1000 * warm[0] / readBatches,
        Runtime.getRuntime().availableProcessors());
    AtomicFiles.write(out, o -> JSON.writeValue(o, r));
    return r;
  }

  private static VqaScaleOutput corpus(VqaScaleConfig config, Path dir) throws IOException {
    Path marker = dir.resolve("config.json");
    if (Files.exists(marker) && JSON.readValue(marker.toFile(), VqaScaleConfig.class).equals(config)) {
      return VqaScaleCorpus.describe(config, dir);
    }
    AtomicFiles.deleteRecursively(dir);
    VqaScaleOutput out = VqaScaleCorpus.write(config, dir);
    AtomicFiles.write(marker, o -> JSON.writeValue(o, config));
    return out;
  }

  /**
   * Writes a grid file {@code [N, 2048, 14, 14]} float16 whose ids are every image of the corpus;
   * the grids themselves are left unwritten (zeros, sparse on disk): prepare reads only the ids.
   */
  private static void writeIdGrid(Path file, VqaScaleOutput corpus) throws IOException {
    int n = corpus.train().images() + corpus.val().images();
    AtomicFiles.writeWithPath(file, tmp -> {
      try (Hdf5StreamWriter w = Hdf5StreamWriter.builder(tmp)
          .dataset("image_ids", Hdf5Type.INT64, n)
          .dataset("features", Hdf5Type.FLOAT16, n, GRID_C, GRID_HW, GRID_HW)
          .allowUnwritten().open()) {
        long[] ids = new long[n];
        int k = 0;
        for (VqaScaleOutput.Split s : List.of(corpus.train(), corpus.val())) {
          for (int i = 0; i < s.images(); i++) {
            ids[k++] = s.firstImageId() + i;
          }
        }
        w.writeLongs("image_ids", ids, 0, n);
      }
    });
  }

  private static Map<String, Object> runChild(VqaScaleOutput corpus, Path grid, Path prepared)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + CHILD_HEAP, "-cp",
        System.getProperty("java.class.path"), PrepareChild.class.getName(),
        corpus.train().dir().toString(), corpus.val().dir().toString(), grid.toString(), prepared.toString()));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("the prepare JVM failed (exit " + p.exitValue() + "): " + out);
    }
    String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
    @SuppressWarnings("unchecked")
    Map<String, Object> m = JSON.readValue(last, LinkedHashMap.class);
    return m;
  }

  private static boolean readsHold(Path file, int images) {
    try (GridFeatureStore s = GridFeatureStore.open(file)) {
      return s.size() == images;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void writeRandomGrids(Path file, int images) throws IOException {
    int len = GRID_C * GRID_HW * GRID_HW;
    SplittableRandom rng = new SplittableRandom(3);
    AtomicFiles.writeWithPath(file, tmp -> {
      try (Hdf5StreamWriter w = Hdf5StreamWriter.builder(tmp)
          .dataset("image_ids", Hdf5Type.INT64, images)
          .dataset("features", Hdf5Type.FLOAT16, images, GRID_C, GRID_HW, GRID_HW).open()) {
        float[] row = new float[len];
        for (int i = 0; i < images; i++) {
          for (int k = 0; k < len; k++) {
            // ReLU features: non-negative, mostly small.
            row[k] = (float) Math.max(0, rng.nextGaussian());
          }
          w.writeLongs("image_ids", new long[] {i + 1}, 0, 1);
          w.writeFloats("features", row, 0, len);
        }
      }
    });
  }

  /** Tries to drop the page cache (root only); returns whether it did. */
  private static boolean dropPageCache() {
    try {
      new ProcessBuilder("sync").start().waitFor();
      Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "1");
      return true;
    } catch (IOException | InterruptedException | RuntimeException e) {
      return false;
    }
  }

  /** Returns the total seconds of {@code batches} reads of 64 random grids. */
  private static double[] readBatches(Path file, int images, int batches) throws IOException {
    SplittableRandom rng = new SplittableRandom(11);
    float[] dst = new float[READ_BATCH * GRID_C * GRID_HW * GRID_HW];
    long[] ids = new long[READ_BATCH];
    double checksum = 0;
    long start = System.nanoTime();
    try (GridFeatureStore store = GridFeatureStore.open(file)) {
      for (int b = 0; b < batches; b++) {
        for (int i = 0; i < READ_BATCH; i++) {
          ids[i] = 1 + rng.nextInt(images);
        }
        store.readBatch(ids, dst);
        checksum += dst[b];
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new double[] {seconds, checksum};
  }

  /** The prepare JVM: prepares, then prints its wall time, CPU time and peak RSS as one JSON line. */
  public static final class PrepareChild {
    private PrepareChild() {}

    /**
     * {@code TRAIN_DIR VAL_DIR GRID.h5 OUT}: prepares the corpus, then prints one JSON line to
     * standard output with {@code seconds}, {@code cpuSeconds} (-1 when unknown),
     * {@code peakRssBytes} (from {@code /proc/self/status}; -1 when absent) and {@code questions}.
     *
     * @param args the train and val directories of a VQA-scale corpus (each holding the questions and
     *     annotations JSON), the grid feature file used for both splits, and the prepared output
     *     directory
     * @throws Exception if the arguments are missing, or the corpus or the grid file cannot be read
     *     or the prepared data cannot be written
     */
    public static void main(String[] args) throws Exception {
      long start = System.nanoTime();
      Path train = Path.of(args[0]);
      Path val = Path.of(args[1]);
      Path grid = Path.of(args[2]);
      PrepareConfig config = new PrepareConfig(
          train.resolve(VqaScaleCorpus.QUESTIONS_FILE), train.resolve(VqaScaleCorpus.ANNOTATIONS_FILE),
          val.resolve(VqaScaleCorpus.QUESTIONS_FILE), val.resolve(VqaScaleCorpus.ANNOTATIONS_FILE),
          null, null, PrepareConfig.DEFAULT_IMAGE_SIZE, PrepareConfig.DEFAULT_MAX_LENGTH,
          PrepareConfig.DEFAULT_TOP_ANSWERS, 1, null, grid, grid);
      Manifest m = new Preparer(config).prepare(Path.of(args[3]));
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
      System.out.println(JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of(
          "seconds", seconds, "cpuSeconds", cpu, "peakRssBytes", peakRss(),
          "questions", m.splits().get("train").questions() + m.splits().get("val").questions())));
    }

    private static long peakRss() throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return -1;
    }
  }
}
