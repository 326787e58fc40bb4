package ai.glimpse.tf.train;

import ai.glimpse.preprocessing.batch.Batch;
import ai.glimpse.preprocessing.batch.BatchIterator;
import ai.glimpse.preprocessing.batch.PrefetchingIterator;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.preprocessing.prepare.PreparedSplit;
import ai.glimpse.preprocessing.prepare.WordVectors;
import ai.glimpse.tf.layers.Params;
import ai.glimpse.tf.zoo.EmbeddingInit;
import ai.glimpse.tf.zoo.VqaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Trains a VQA model in a TensorFlow Java graph: seeded shuffled batches, soft-target
 * cross-entropy, the configured optimizer and learning-rate schedule, validation after every
 * epoch, a checkpoint after every epoch and every {@code checkpointEverySteps} steps
 * ({@code RUN/checkpoints/last.h5}), the best one kept ({@code RUN/best/}) with the best k in
 * {@code RUN/checkpoints/}, and early stopping with patience. A run directory that already holds
 * a checkpoint of the same configuration resumes from it, mid-epoch if it was taken there: the
 * batch order of an epoch depends only on the seed, so the run goes on where it stopped.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final int EVAL_BATCH = 256;
  // Batches assembled ahead of the training step on a background thread.
  private static final int PREFETCH = 2;

  private final TrainConfig config;
  private final List<TrainingListener> listeners;

  /**
   * Creates a trainer.
   *
   * @param config the training settings, run directory included
   * @param listeners told of every step and epoch, in this order; any of them may stop training
   *     after an epoch ({@link TrainingListener#stopAfter})
   */
  public Trainer(TrainConfig config, List<TrainingListener> listeners) {
    this.config = config;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Trains {@code model} on the train split of {@code data}, validating on its val split; the
   * splits' image input is the one the model's data shape names. The TensorFlow graph and session
   * live only for this call; the trained weights are in the run directory's checkpoints
   * ({@link TrainedModel#load} rebuilds the model from them).
   *
   * @param model the model to train (its configuration decides the graph)
   * @param data a prepared directory with {@code train} and {@code val} splits
   * @return the epochs' metrics and the best epoch and its checkpoint
   * @throws IOException when the prepared data or the run directory cannot be read or written
   * @throws IllegalStateException when the run directory holds a checkpoint of another
   *     configuration, or the loss stops being finite
   */
  public TrainResult train(VqaModel model, PreparedDataset data) throws IOException {
    FeatureKind kind = model.config().data().imageKind();
    try (PreparedSplit train = data.split("train"); PreparedSplit val = data.split("val")) {
      return train(model, data, train.select(kind), val.select(kind));
    }
  }

  /**
   * Trains {@code model} on {@code train}, validating on {@code val} (their selected image inputs).
   *
   * @param model the model to train
   * @param data the prepared directory the splits come from (vocabularies, answers, manifest)
   * @param train the training split; the caller keeps and closes it
   * @param val the validation split; the caller keeps and closes it
   * @return the epochs' metrics and the best epoch and its checkpoint
   * @throws IOException when the data or the run directory cannot be read or written
   * @throws IllegalArgumentException when the splits' image input is not the model's
   */
  public TrainResult train(VqaModel model, PreparedDataset data, PreparedSplit train, PreparedSplit val)
      throws IOException {
    FeatureShape expected = model.config().data().image();
    if (!train.features().shape().equals(expected) || !val.features().shape().equals(expected)) {
      throw new IllegalArgumentException(model.config().modelName() + " is built for " + expected
          + " but the splits give " + train.features().shape() + " and " + val.features().shape());
    }
    RunDirectory run = new RunDirectory(config.runDir());
    RunConfig runConfig = new RunConfig(RunConfig.FORMAT_VERSION, model.config(), config,
        data.dir().toAbsolutePath().toString(), data.manifest().dataSha256());
    Checkpoint resume = null;
    if (Files.exists(run.lastCheckpoint())) {
      RunConfig previous = run.readConfig();
      if (!previous.model().equals(runConfig.model())
          || previous.train().batchSize() != config.batchSize() || previous.train().seed() != config.seed()
          || !java.util.Objects.equals(previous.dataSha256(), runConfig.dataSha256())) {
        throw new IllegalStateException(run.dir() + " holds a checkpoint of another configuration or"
            + " data; use a new --out directory to start afresh");
      }
      resume = Checkpoint.read(run.lastCheckpoint());
    }
    run.initialize(runConfig, data);
    int answers = data.answers().size();

    try (VqaGraph graph = VqaGraph.forTraining(model, config);
         Session session = graph.newSession(config.threads())) {
      graph.params().initialize(session);
      List<EpochMetrics> history = new ArrayList<>();
      int firstEpoch = 1;
      long step = 0;
      int skipBatches = 0;
      double lossSum = 0;
      double scoreSum = 0;
      int seen = 0;
      if (resume != null) {
        graph.params().assign(session, resume.values());
        firstEpoch = resume.epoch() + 1;
        step = resume.step();
        skipBatches = resume.batch();
        lossSum = resume.lossSum();
        scoreSum = resume.scoreSum();
        seen = resume.seen();
        history.addAll(run.readMetrics(resume.epoch()));
        run.rewriteMetrics(history);
        LOG.info("resuming {} after epoch {}{} (step {})", run.dir(), resume.epoch(),
            resume.midEpoch() ? " and " + resume.batch() + " batches" : "", step);
      } else {
        Files.deleteIfExists(run.metricsFile());
        loadWordVectors(model, data, graph, session);
      }
      BestCheckpoints best = new BestCheckpoints(run, config.keepBest(), history);
      LOG.info("training {} ({} parameters) on {} questions, validating on {}",
          model.config().modelName(), graph.params().trainableCount(), train.size(), val.size());

      boolean stoppedEarly = best.patienceExhausted(history, config.patience());
      for (int epoch = firstEpoch; epoch <= config.epochs() && !stoppedEarly; epoch++) {
        long start = System.nanoTime();
        BatchIterator batches = BatchIterator.grouped(train, config.batchSize(), answers,
            config.seed() * 1_000_003L + epoch, config.questionsPerImage());
        int batchCount = batches.batchCount();
        int b = batches.skip(skipBatches);
        skipBatches = 0;
        double lr = config.learningRate();
        long waitNanos = 0;
        long stepNanos = 0;
        try (PrefetchingIterator prefetched = batches.prefetch(PREFETCH)) {
          long waitStart = System.nanoTime();
          while (prefetched.hasNext()) {
            Batch batch = prefetched.next();
            lr = config.schedule().rate(config.learningRate(), step, batchCount, config.epochs());
            try (TInt64 tokens = tokens(batch, train);
                 TFloat32 images = images(batch, train);
                 TInt32 imageIndex = TInt32.tensorOf(Shape.of(batch.size()),
                     DataBuffers.of(batch.imageIndex(), true, false).narrow(batch.size()));
                 TFloat32 targets = TFloat32.tensorOf(Shape.of(batch.size(), answers),
                     DataBuffers.of(batch.targets(), true, false));
                 TFloat32 rate = TFloat32.scalarOf((float) lr)) {
              // Waiting for the batch and building its tensors is the input pipeline's cost.
              long runStart = System.nanoTime();
              waitNanos += runStart - waitStart;
              double loss;
              try (Result r = session.runner()
                  .feed(graph.tokens(), tokens).feed(graph.image(), images)
                  .feed(graph.imageIndex(), imageIndex).feed(graph.targets(), targets)
                  .feed(graph.learningRate(), rate)
                  .addTarget(graph.trainStep())
                  .fetch(graph.loss()).fetch(graph.trainLogits())
                  .run()) {
                loss = ((TFloat32) r.get(0)).getFloat();
                scoreSum += topScores((TFloat32) r.get(1), batch.targets(), batch.size(), answers);
              }
              stepNanos += System.nanoTime() - runStart;
              if (!Double.isFinite(loss)) {
                throw new IllegalStateException("loss became " + loss + " at epoch " + epoch + " step "
                    + step + "; lower the learning rate");
              }
              lossSum += loss * batch.size();
              seen += batch.size();
            }
            waitStart = System.nanoTime();
            step++;
            b++;
            for (TrainingListener l : listeners) {
              l.onStep(epoch, b, batchCount, step, lossSum / seen);
            }
            if (config.checkpointEverySteps() > 0 && step % config.checkpointEverySteps() == 0
                && b < batchCount) {
              new Checkpoint(epoch - 1, step, b, lossSum, scoreSum, seen, graph.params().fetch(session))
                  .write(run.lastCheckpoint());
            }
          }
        }
        double valAccuracy = evaluate(session, graph, val, answers);
        EpochMetrics m = new EpochMetrics(epoch, step, lossSum / seen, 100 * scoreSum / seen,
            valAccuracy, lr, (System.nanoTime() - start) / 1e9, stepNanos / 1e9, waitNanos / 1e9);
        Checkpoint checkpoint = new Checkpoint(epoch, step, graph.params().fetch(session));
        checkpoint.write(run.lastCheckpoint());
        best.offer(epoch, valAccuracy);
        run.appendMetrics(m);
        history.add(m);
        lossSum = 0;
        scoreSum = 0;
        seen = 0;
        LOG.info("epoch {}/{}: loss {} train {}% val {}% ({} s)", epoch, config.epochs(),
            String.format("%.4f", m.loss()), String.format("%.2f", m.trainAccuracy()),
            String.format("%.2f", m.valAccuracy()), String.format("%.1f", m.seconds()));
        for (TrainingListener l : listeners) {
          l.onEpoch(m);
        }
        if (best.patienceExhausted(history, config.patience())) {
          stoppedEarly = true;
          LOG.info("stopping early: no val improvement for {} epochs", config.patience());
        }
        List<EpochMetrics> soFar = List.copyOf(history);
        for (TrainingListener l : listeners) {
          if (l.stopAfter(m, soFar)) {
            stoppedEarly = true;
            LOG.info("stopping after epoch {}: a listener ({}) asked to", epoch, l.getClass().getName());
          }
        }
      }
      return new TrainResult(history, best.bestEpoch(), best.bestAccuracy(), run.bestCheckpoint(),
          graph.params().trainableCount(), stoppedEarly);
    }
  }

  /**
   * Starts the model's word embeddings from the prepared GloVe vectors when its configuration
   * asks for them (package-private so that tests can check the starting point before any step).
   */
  static void loadWordVectors(VqaModel model, PreparedDataset data, VqaGraph graph,
      Session session) throws IOException {
    if (model.config().embeddingInit() == EmbeddingInit.RANDOM) {
      return;
    }
    Path file = data.dir().resolve(WordVectors.FILE);
    WordVectors vectors = WordVectors.read(file);
    if (vectors.dim() != model.config().embeddingDim() || vectors.rows() != data.vocabulary().size()) {
      throw new IllegalArgumentException(file + " holds [" + vectors.rows() + ", " + vectors.dim()
          + "] vectors; " + model.config().modelName() + " needs [" + data.vocabulary().size() + ", "
          + model.config().embeddingDim() + "] (set embeddingDim to " + vectors.dim() + ")");
    }
    String name = null;
    for (Params.Spec spec : graph.params().specs()) {
      // The model's table, not the optimizer's slots named after it.
      if (spec.name().endsWith("/embedding/weights") && !spec.name().startsWith("optimizer/")) {
        name = spec.name();
      }
    }
    if (name == null) {
      throw new IllegalStateException(model.config().modelName() + " has no word embedding");
    }
    graph.params().assign(session, java.util.Map.of(name, vectors.weights()));
    LOG.info("word embeddings start from {} ({}% coverage{})", file,
        String.format("%.1f", 100 * vectors.coverage()),
        model.config().embeddingInit() == EmbeddingInit.GLOVE_FROZEN ? ", frozen" : "");
  }

  /**
   * Returns the mean soft score of the top answer of the inference graph on {@code split}: the
   * VQA-style accuracy against the prepared targets.
   *
   * @param session a session of {@code graph} with the weights to score
   * @param graph the model's graph; its inference outputs are used (no dropout)
   * @param split the split to score, read in batches of 256 in order
   * @param answers the number of answers (the width of the targets)
   * @return the accuracy in percent, 0 for an empty split
   */
  public static double evaluate(Session session, VqaGraph graph, PreparedSplit split, int answers) {
    BatchIterator it = new BatchIterator(split, EVAL_BATCH, answers, null);
    double sum = 0;
    while (it.hasNext()) {
      Batch batch = it.next();
      try (TInt64 tokens = tokens(batch, split);
           TFloat32 images = images(batch, split);
           Result r = session.runner().feed(graph.tokens(), tokens).feed(graph.image(), images)
               .fetch(graph.answerProbs()).run()) {
        sum += topScores((TFloat32) r.get(0), batch.targets(), batch.size(), answers);
      }
    }
    return split.size() == 0 ? 0 : 100 * sum / split.size();
  }

  /**
   * Creates the token tensor of a batch.
   *
   * @param batch the batch
   * @param split the split it came from (for the question length)
   * @return {@code [batch, maxLength]} int64 token ids; the caller closes it
   */
  public static TInt64 tokens(Batch batch, PreparedSplit split) {
    int t = split.encoded().maxLength();
    return TInt64.tensorOf(Shape.of(batch.size(), t),
        DataBuffers.of(batch.tokens(), true, false).narrow(batch.size() * (long) t));
  }

  /**
   * Creates the tensor of a batch's images (pixels, grids or objects).
   *
   * @param batch the batch
   * @param split the split it came from (for the per-image shape)
   * @return {@code [images, ...shape]} float32, one row per distinct image of the batch; the caller
   *     closes it
   */
  public static TFloat32 images(Batch batch, PreparedSplit split) {
    FeatureShape shape = split.features().shape();
    return TFloat32.tensorOf(Shape.of(shape.withBatch(batch.imageCount())),
        DataBuffers.of(batch.images(), true, false).narrow((long) batch.imageCount() * shape.length()));
  }

  private static double topScores(TFloat32 scores, float[] targets, int size, int answers) {
    float[] row = new float[Math.toIntExact(scores.size())];
    scores.asRawTensor().data().asFloats().read(row);
    double sum = 0;
    for (int i = 0; i < size; i++) {
      int best = 0;
      for (int a = 1; a < answers; a++) {
        if (row[i * answers + a] > row[i * answers + best]) {
          best = a;
        }
      }
      sum += targets[i * answers + best];
    }
    return sum;
  }
}
