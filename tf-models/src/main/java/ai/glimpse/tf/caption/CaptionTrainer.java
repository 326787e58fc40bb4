package ai.glimpse.tf.caption;

import ai.glimpse.preprocessing.captions.CaptionSearch;
import ai.glimpse.preprocessing.captions.CaptionVocabulary;
import ai.glimpse.tf.layers.Params;
import ai.glimpse.tf.train.Checkpoint;
import ai.glimpse.tf.train.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Trains a {@link ShowAttendTell} captioner on a {@link CaptionCorpus} in TensorFlow Java, into a
 * {@link CaptionRun} directory. The vocabulary comes from the training captions. Every epoch
 * draws one of each image's captions and a batch order from the seed and the epoch number, takes
 * teacher-forced optimizer steps, captions the validation images greedily, scores them with the
 * {@link CaptionScorer}, appends the metrics and writes {@code last.h5} (and {@code best.h5} when
 * the primary score improves). A run directory with a checkpoint of the same configuration
 * resumes after its last completed epoch, reproducing the same draws.
 */
public final class CaptionTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(CaptionTrainer.class);

  private final CaptionTrainConfig config;
  private final CaptionScorer scorer;

  /**
   * The outcome of training.
   *
   * @param bestEpoch the epoch with the best primary validation score
   * @param bestScore that score
   * @param metrics every epoch's metrics, resumed ones included
   * @param bestCheckpoint the checkpoint of {@code bestEpoch}
   * @param vocabulary the vocabulary of the run
   */
  public record Result(int bestEpoch, double bestScore, List<CaptionEpochMetrics> metrics,
      Path bestCheckpoint, CaptionVocabulary vocabulary) {}

  /**
   * Creates a trainer scoring validation captions with {@code scorer}.
   *
   * @param config how to train: epochs, batch size, optimizer, vocabulary threshold and seed
   * @param scorer scores the greedy validation captions after each epoch; its
   *     {@link CaptionScorer#primary()} score picks {@code best.h5}
   * @throws NullPointerException if {@code config} or {@code scorer} is null
   */
  public CaptionTrainer(CaptionTrainConfig config, CaptionScorer scorer) {
    this.config = Objects.requireNonNull(config, "config");
    this.scorer = Objects.requireNonNull(scorer, "scorer");
  }

  /**
   * Trains {@code modelConfig} on {@code train}, validating on {@code val}, in {@code runDir}.
   * Blocks until every epoch of the training configuration is done; a resumed run only trains the
   * epochs after its last checkpoint, and may set another {@code epochs} (the other training fields must
   * match the saved ones).
   *
   * @param modelConfig the captioner to train; must equal the saved one when resuming
   * @param train the training corpus; a new run builds its vocabulary from these captions
   * @param val the validation corpus; its first {@link CaptionTrainConfig#valImages()} images (all
   *     for 0) are captioned greedily and scored after every epoch
   * @param runDir the run directory, created if absent; an existing {@code checkpoints/last.h5}
   *     makes the run resume
   * @return the best epoch and score over the whole run (resumed epochs included), every epoch's
   *     metrics, the path of {@code best.h5} and the vocabulary
   * @throws IllegalStateException if the scorer returns no {@link CaptionScorer#primary()} score, or the
   *     loss of a batch is not finite (training diverged; {@code last.h5} keeps the last finished epoch)
   * @throws IOException if the run directory cannot be written, or holds a run of another
   *     configuration (the message names the differing part)
   */
  public Result train(ShowAttendTellConfig modelConfig, CaptionCorpus train, CaptionCorpus val, Path runDir)
      throws IOException {
    CaptionRun run = new CaptionRun(runDir);
    CaptionVocabulary vocab;
    Checkpoint resume = null;
    if (Files.exists(run.lastCheckpoint())) {
      ShowAttendTellConfig saved = run.readModelConfig();
      CaptionTrainConfig savedTrain = run.readTrainConfig();
      if (!saved.equals(modelConfig)) {
        throw new IOException(runDir + " holds a run of another model configuration: " + saved
            + ", asked for " + modelConfig);
      }
      if (!savedTrain.withEpochs(config.epochs()).equals(config)) {
        throw new IOException(runDir + " holds a run of another training configuration: " + savedTrain
            + ", asked for " + config);
      }
      vocab = run.readVocabulary();
      resume = Checkpoint.read(run.lastCheckpoint());
      run.rewriteMetrics(run.readMetrics(resume.epoch()));
      LOG.info("resuming {} after epoch {}", runDir, resume.epoch());
    } else {
      Files.createDirectories(runDir.resolve("checkpoints"));
      vocab = CaptionVocabulary.build(train.allCaptions(), config.minWordCount());
      vocab.write(run.vocabFile());
      run.writeConfig(modelConfig, config);
      run.rewriteMetrics(List.of());
    }
    run.writeConfig(modelConfig, config);
    ShowAttendTell model = new ShowAttendTell(modelConfig, vocab.size());
    long[][] encoded = encodeAll(train, vocab, modelConfig.maxWords());
    int[] firstCaption = offsets(train);
    CaptionCorpus valSubset = val.first(config.valImages());
    List<CaptionEpochMetrics> history = new ArrayList<>(run.readMetrics(Integer.MAX_VALUE));
    int bestEpoch = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (CaptionEpochMetrics m : history) {
      Double s = m.val().get(scorer.primary());
      if (s != null && s > bestScore) {
        bestScore = s;
        bestEpoch = m.epoch();
      }
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, modelConfig.seed());
      List<Integer> d = modelConfig.imageDims();
      Placeholder<TFloat32> images = tf.withName("images").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, d.get(0), d.get(1), d.get(2))));
      Placeholder<TInt64> captions = tf.withName("captions").placeholder(TInt64.class,
          Placeholder.shape(Shape.of(-1, modelConfig.maxWords() + 2)));
      ShowAttendTell.Loss loss = model.loss(tf, params, images, captions, true);
      Op update = Optimizer.minimize(tf, params, loss.total(), tf.constant((float) config.learningRate()),
          config.optimizer(), config.clipNorm(), new ArrayList<>());
      try (Session s = new Session(g)) {
        params.initialize(s);
        int start = 0;
        long step = 0;
        if (resume != null) {
          params.assign(s, resume.values());
          start = resume.epoch();
          step = resume.step();
        }
        for (int epoch = start + 1; epoch <= config.epochs(); epoch++) {
          long t0 = System.nanoTime();
          double[] sums = new double[3];
          int batches = 0;
          SplittableRandom rng = new SplittableRandom(config.seed() * 1_000_003L + epoch);
          int[] order = permutation(train.size(), rng);
          for (int from = 0; from < order.length; from += config.batchSize()) {
            int n = Math.min(config.batchSize(), order.length - from);
            float[][] px = new float[n][];
            long[][] caps = new long[n][];
            for (int i = 0; i < n; i++) {
              int img = order[from + i];
              px[i] = train.pixels().get(img);
              int pick = rng.nextInt(train.captions().get(img).size());
              caps[i] = encoded[firstCaption[img] + pick];
            }
            try (TFloat32 x = CaptionDecoder.tensor(px, n, d.get(0), d.get(1), d.get(2));
                TInt64 y = longs(caps, modelConfig.maxWords() + 2);
                org.tensorflow.Result r = s.runner().feed(images, x).feed(captions, y)
                    .addTarget(update).fetch(loss.total()).fetch(loss.crossEntropy()).fetch(loss.penalty()).run()) {
              float total = ((TFloat32) r.get(0)).getFloat();
              if (!Float.isFinite(total)) {
                throw new IllegalStateException("loss became " + total + " at epoch " + epoch + " batch "
                    + (batches + 1) + "; lower the learning rate (" + run.lastCheckpoint()
                    + " keeps the last finished epoch)");
              }
              sums[0] += total;
              for (int k = 1; k < 3; k++) {
                sums[k] += ((TFloat32) r.get(k)).getFloat();
              }
            }
            batches++;
            step++;
            LOG.debug("epoch {} batch {}: loss {}", epoch, batches, sums[0] / batches);
          }
          double seconds = (System.nanoTime() - t0) / 1e9;
          Map<String, float[]> values = params.fetch(s);
          Map<String, Double> scores = validate(model, values, valSubset, vocab);
          CaptionEpochMetrics m = new CaptionEpochMetrics(epoch, sums[0] / batches, sums[1] / batches,
              sums[2] / batches, seconds, scores);
          Double primary = scores.get(scorer.primary());
          if (primary == null) {
            throw new IllegalStateException("the scorer gave no '" + scorer.primary() + "' score: " + scores);
          }
          Checkpoint ckpt = new Checkpoint(epoch, step, values);
          if (primary > bestScore) {
            bestScore = primary;
            bestEpoch = epoch;
            ckpt.write(run.bestCheckpoint());
          }
          ckpt.write(run.lastCheckpoint());
          run.appendMetrics(m);
          history.add(m);
          LOG.info("epoch {}: loss {} (cross-entropy {}, penalty {}), val {}, {} s", epoch,
              String.format("%.4f", m.loss()), String.format("%.4f", m.crossEntropy()),
              String.format("%.4f", m.penalty()), scores, String.format("%.1f", seconds));
        }
      }
    }
    return new Result(bestEpoch, bestScore, history, run.bestCheckpoint(), vocab);
  }

  private Map<String, Double> validate(ShowAttendTell model, Map<String, float[]> values,
      CaptionCorpus val, CaptionVocabulary vocab) {
    Map<Long, String> captions = captionAll(model, values, val, vocab);
    return new LinkedHashMap<>(scorer.score(captions, val));
  }

  /** Greedy captions of every image of {@code corpus} with the given weights, by image id. */
  static Map<Long, String> captionAll(ShowAttendTell model, Map<String, float[]> values,
      CaptionCorpus corpus, CaptionVocabulary vocab) {
    Map<Long, String> out = new LinkedHashMap<>();
    try (CaptionDecoder decoder = new CaptionDecoder(model, values)) {
      int batch = 64;
      for (int from = 0; from < corpus.size(); from += batch) {
        int n = Math.min(batch, corpus.size() - from);
        float[][] px = corpus.pixels().subList(from, from + n).toArray(float[][]::new);
        List<CaptionSearch.Generated> gen = decoder.greedy(px);
        for (int i = 0; i < n; i++) {
          out.put(corpus.imageIds().get(from + i), words(vocab, gen.get(i).words()));
        }
      }
    }
    return out;
  }

  /** Joins the words of generated ids with spaces. */
  static String words(CaptionVocabulary vocab, int[] ids) {
    List<String> w = new ArrayList<>(ids.length);
    for (int id : ids) {
      w.add(vocab.token(id));
    }
    return String.join(" ", w);
  }

  /** The index in {@link #encodeAll}'s rows of each image's first caption. */
  private static int[] offsets(CaptionCorpus corpus) {
    int[] o = new int[corpus.size()];
    int acc = 0;
    for (int i = 0; i < o.length; i++) {
      o[i] = acc;
      acc += corpus.captions().get(i).size();
    }
    return o;
  }

  private static long[][] encodeAll(CaptionCorpus corpus, CaptionVocabulary vocab, int maxWords) {
    List<long[]> out = new ArrayList<>();
    for (List<String> texts : corpus.captions()) {
      for (String text : texts) {
        int[] ids = vocab.encode(text, maxWords);
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
          l[i] = ids[i];
        }
        out.add(l);
      }
    }
    return out.toArray(long[][]::new);
  }

  private static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static TInt64 longs(long[][] rows, int width) {
    long[] flat = new long[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return TInt64.tensorOf(Shape.of(rows.length, width), DataBuffers.of(flat, true, false));
  }
}
