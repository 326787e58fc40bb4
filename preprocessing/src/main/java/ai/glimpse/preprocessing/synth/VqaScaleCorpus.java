package ai.glimpse.preprocessing.synth;

import ai.glimpse.preprocessing.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a synthetic question-answer corpus in the official VQA v2 formats at the scale of VQA v2
 * (by default 443,757 training questions over 82,783 images and 214,354 validation questions over
 * 40,504 images, ten answers each), to test and time the pipeline on real sizes without the real
 * data. There are no images: the corpus exercises JSON reading, answer normalization, top-K
 * answer selection and vocabularies.
 *
 * <p>Layout: {@code dir/{train,val}/{questions.json, annotations.json}}, with the official
 * top-level fields ({@code info}, {@code license}, {@code data_type}, {@code data_subtype},
 * {@code task_type} for questions, then {@code questions} or {@code annotations}) and records
 * ({@code question_type}, {@code multiple_choice_answer}, {@code answers: [{answer,
 * answer_confidence, answer_id}]}, {@code image_id}, {@code answer_type}, {@code question_id}),
 * laid out by {@link OfficialJsonLayout}. The full-scale training annotations are about 354 MB,
 * close to the real file.
 *
 * <p>Images of the training split have ids 1, 2, ...; validation images 1,000,001, 1,000,002, ...
 * Question {@code i} of a split belongs to image {@code floor(i * images / questions)}, so every
 * image gets {@code floor} or {@code ceil} of questions/images questions, and its id is
 * {@code image_id * 1000 + k} for the image's k-th question (from 0), as in VQA v2. The questions
 * and answers come from {@link CorpusSampler} (templates, a few thousand words and answers drawn
 * from Zipf-like distributions, answer variants that need normalization).
 *
 * <p>Every record is a function of the seed, the split and its index alone (record {@code i}
 * draws from its own {@link SplittableRandom}), so the four files are written independently, in
 * parallel, streaming with Jackson's {@link JsonGenerator} (no record is kept), and the same config
 * gives byte-identical files whatever the number of threads. Each file is written through
 * {@link AtomicFiles}: it appears complete or not at all.
 */
public final class VqaScaleCorpus {
  /** The name of a split's questions file. */
  public static final String QUESTIONS_FILE = "questions.json";
  /** The name of a split's annotations file. */
  public static final String ANNOTATIONS_FILE = "annotations.json";

  private static final Logger LOG = LoggerFactory.getLogger(VqaScaleCorpus.class);

  /** Immutable once built and safe to share between threads. */
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private static final SerializableString IMAGE_ID = new SerializedString("image_id");
  private static final SerializableString QUESTION = new SerializedString("question");
  private static final SerializableString QUESTION_ID = new SerializedString("question_id");
  private static final SerializableString QUESTION_TYPE = new SerializedString("question_type");
  private static final SerializableString MULTIPLE_CHOICE =
      new SerializedString("multiple_choice_answer");
  private static final SerializableString ANSWERS = new SerializedString("answers");
  private static final SerializableString ANSWER = new SerializedString("answer");
  private static final SerializableString CONFIDENCE = new SerializedString("answer_confidence");
  private static final SerializableString ANSWER_ID = new SerializedString("answer_id");
  private static final SerializableString ANSWER_TYPE = new SerializedString("answer_type");

  /** The splits, with their first image id and the constant mixed into the seed. */
  private enum SplitSpec {
    TRAIN("train", 1L, 0x2545F4914F6CDD1DL),
    VAL("val", 1_000_001L, 0x632BE59BD9B4E019L);

    final String name;
    final long firstImageId;
    final long seedConstant;

    SplitSpec(String name, long firstImageId, long seedConstant) {
      this.name = name;
      this.firstImageId = firstImageId;
      this.seedConstant = seedConstant;
    }
  }

  /** The ids and draws of one split. */
  private record SplitPlan(SplitSpec spec, int questions, int images, long seed, Path dir) {
    String subtype() {
      return "vqa-scale-" + spec.name;
    }

    long imageId(long questionIndex) {
      return spec.firstImageId + imageIndex(questionIndex);
    }

    long questionId(long questionIndex) {
      long image = imageIndex(questionIndex);
      // The first question of image j is ceil(j * questions / images).
      long first = Math.floorDiv(image * questions + images - 1, images);
      return (spec.firstImageId + image) * VqaScaleConfig.MAX_QUESTIONS_PER_IMAGE
          + (questionIndex - first);
    }

    SplittableRandom random(long questionIndex) {
      return new SplittableRandom(mix64(seed + GOLDEN_GAMMA * (questionIndex + 1)));
    }

    private long imageIndex(long questionIndex) {
      return questionIndex * images / questions;
    }
  }

  /** One file to write. */
  @FunctionalInterface
  private interface FileJob {
    void run() throws IOException;
  }

  private VqaScaleCorpus() {}

  /**
   * Writes the corpus of {@code config} into {@code dir}, with up to four threads (one per file,
   * at most the number of processors).
   *
   * @param config the split sizes and seed; not null
   * @param dir the output directory; created if missing, and the four files replaced if present
   * @return where the files are and their sizes
   * @throws IOException if a file cannot be written
   */
  public static VqaScaleOutput write(VqaScaleConfig config, Path dir) throws IOException {
    return write(config, dir, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Writes the corpus of {@code config} into {@code dir} with {@code threads} threads; the files do
   * not depend on the number of threads.
   *
   * @param config the split sizes and seed; not null
   * @param dir the output directory; created if missing, and the four files replaced if present
   * @param threads the number of files written at once, 1 to 4
   * @return where the files are and their sizes
   * @throws IllegalArgumentException if {@code threads} is outside [1, 4]
   * @throws IOException if a file cannot be written
   */
  public static VqaScaleOutput write(VqaScaleConfig config, Path dir, int threads)
      throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(dir, "dir");
    if (threads < 1 || threads > 4) {
      throw new IllegalArgumentException("threads must be in [1, 4], got " + threads);
    }
    Path root = dir.toAbsolutePath().normalize();
    SplitPlan train = plan(SplitSpec.TRAIN, config.trainQuestions(), config.trainImages(),
        config.seed(), root);
    SplitPlan val = plan(SplitSpec.VAL, config.valQuestions(), config.valImages(), config.seed(),
        root);
    LOG.info("writing a VQA-scale corpus (train {} questions / {} images, val {} / {}, seed {}) "
        + "into {} with {} threads", config.trainQuestions(), config.trainImages(),
        config.valQuestions(), config.valImages(), config.seed(), root, threads);
    long start = System.nanoTime();
    CorpusSampler sampler = new CorpusSampler(CorpusLexicon.standard());
    // Largest first, so that the longest file starts at once.
    List<FileJob> jobs = List.of(
        () -> writeAnnotations(train, sampler, config.seed()),
        () -> writeAnnotations(val, sampler, config.seed()),
        () -> writeQuestions(train, sampler, config.seed()),
        () -> writeQuestions(val, sampler, config.seed()));
    run(jobs, threads);
    VqaScaleOutput out = new VqaScaleOutput(root, config, summary(train), summary(val));
    LOG.info("wrote {} MB in {} ms", out.totalBytes() / 1_000_000,
        (System.nanoTime() - start) / 1_000_000);
    return out;
  }

  /**
   * Describes a corpus that {@link #write} already wrote for {@code config} into {@code dir}, without
   * writing it again; a missing file is a {@link java.nio.file.NoSuchFileException}.
   *
   * @param config the config the corpus was written with; the counts and image ids come from it and
   *     are not checked against the files
   * @param dir the directory given to {@link #write}
   * @return where the files are, with their sizes read from the disk
   * @throws IOException if one of the four files is missing or its size cannot be read
   */
  public static VqaScaleOutput describe(VqaScaleConfig config, Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    return new VqaScaleOutput(root, config,
        summary(plan(SplitSpec.TRAIN, config.trainQuestions(), config.trainImages(), config.seed(), root)),
        summary(plan(SplitSpec.VAL, config.valQuestions(), config.valImages(), config.seed(), root)));
  }

  private static SplitPlan plan(SplitSpec spec, int questions, int images, long seed, Path root) {
    return new SplitPlan(spec, questions, images, mix64(seed ^ spec.seedConstant),
        root.resolve(spec.name));
  }

  private static VqaScaleOutput.Split summary(SplitPlan plan) throws IOException {
    return new VqaScaleOutput.Split(plan.spec.name, plan.dir, plan.questions, plan.images,
        plan.spec.firstImageId, Files.size(plan.dir.resolve(QUESTIONS_FILE)),
        Files.size(plan.dir.resolve(ANNOTATIONS_FILE)));
  }

  private static void writeQuestions(SplitPlan plan, CorpusSampler sampler, long seed)
      throws IOException {
    writeList(plan, seed, QUESTIONS_FILE, "questions", "Open-Ended", (g, i) -> {
      CorpusSampler.Draft draft = sampler.question(plan.random(i));
      g.writeStartObject();
      g.writeFieldName(IMAGE_ID);
      g.writeNumber(plan.imageId(i));
      g.writeFieldName(QUESTION);
      g.writeString(draft.text());
      g.writeFieldName(QUESTION_ID);
      g.writeNumber(plan.questionId(i));
      g.writeEndObject();
    });
  }

  private static void writeAnnotations(SplitPlan plan, CorpusSampler sampler, long seed)
      throws IOException {
    writeList(plan, seed, ANNOTATIONS_FILE, "annotations", null, (g, i) -> {
      SplittableRandom rng = plan.random(i);
      CorpusRecord r = sampler.annotate(sampler.question(rng), rng);
      g.writeStartObject();
      g.writeFieldName(QUESTION_TYPE);
      g.writeString(r.questionType());
      g.writeFieldName(MULTIPLE_CHOICE);
      g.writeString(r.multipleChoiceAnswer());
      g.writeFieldName(ANSWERS);
      g.writeStartArray();
      for (int a = 0; a < r.answers().length; a++) {
        g.writeStartObject();
        g.writeFieldName(ANSWER);
        g.writeString(r.answers()[a]);
        g.writeFieldName(CONFIDENCE);
        g.writeString(r.confidences()[a]);
        g.writeFieldName(ANSWER_ID);
        g.writeNumber(a + 1);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeFieldName(IMAGE_ID);
      g.writeNumber(plan.imageId(i));
      g.writeFieldName(ANSWER_TYPE);
      g.writeString(r.answerType());
      g.writeFieldName(QUESTION_ID);
      g.writeNumber(plan.questionId(i));
      g.writeEndObject();
    });
  }

  /** Writes one record of a split's list. */
  private interface RecordWriter {
    void write(JsonGenerator g, int index) throws IOException;
  }

  /**
   * Streams {@code plan.dir/fileName}: the official header, then {@code listField} with one record
   * per question, atomically; {@code taskType} (the questions file's {@code task_type}) may be
   * {@code null}.
   */
  private static void writeList(SplitPlan plan, long seed, String fileName, String listField,
      String taskType, RecordWriter records) throws IOException {
    Path file = plan.dir.resolve(fileName);
    AtomicFiles.write(file, out -> {
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.setPrettyPrinter(new OfficialJsonLayout());
        g.writeStartObject();
        writeHeader(g, plan, seed);
        if (taskType != null) {
          g.writeStringField("task_type", taskType);
        }
        g.writeArrayFieldStart(listField);
        for (int i = 0; i < plan.questions; i++) {
          records.write(g, i);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
      }
    });
    LOG.info("{}: wrote {} {} to {}", plan.spec.name, plan.questions, listField, file);
  }

  private static void writeHeader(JsonGenerator g, SplitPlan plan, long seed) throws IOException {
    g.writeObjectFieldStart("info");
    g.writeStringField("description",
        "Synthetic corpus at VQA v2 scale in the VQA v2 formats, written by Glimpse");
    g.writeStringField("version", "2.0");
    g.writeNumberField("seed", seed);
    g.writeNumberField("questions", plan.questions);
    g.writeNumberField("images", plan.images);
    g.writeEndObject();
    g.writeObjectFieldStart("license");
    g.writeStringField("url", "");
    g.writeStringField("name", "synthetic data, no license restrictions");
    g.writeEndObject();
    g.writeStringField("data_type", "glimpse-vqa-scale");
    g.writeStringField("data_subtype", plan.subtype());
  }

  private static void run(List<FileJob> jobs, int threads) throws IOException {
    if (threads == 1) {
      for (FileJob job : jobs) {
        job.run();
      }
      return;
    }
    AtomicInteger counter = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "vqa-scale-writer-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (FileJob job : jobs) {
        futures.add(pool.submit(() -> {
          try {
            job.run();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof UncheckedIOException io) {
            throw io.getCause();
          }
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IOException("writing the corpus failed", cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while writing the corpus", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The SplitMix64 finalizer: a bijection that scatters nearby seeds. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
