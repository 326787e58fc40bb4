package ai.glimpse.tf.train;

import ai.glimpse.preprocessing.answers.AnswerVocabulary;
import ai.glimpse.preprocessing.text.Vocabulary;
import ai.glimpse.tf.zoo.Models;
import ai.glimpse.tf.zoo.VqaModel;
import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A trained model loaded from a run directory into a TensorFlow inference graph and session,
 * with the weights of a checkpoint (the best one by default). Owns its graph and session; close
 * it when done.
 */
public final class TrainedModel implements AutoCloseable {
  private final RunDirectory run;
  private final RunConfig config;
  private final Checkpoint checkpoint;
  private final Vocabulary vocabulary;
  private final AnswerVocabulary answers;
  private final VqaGraph graph;
  private final Session session;

  private TrainedModel(RunDirectory run, RunConfig config, Checkpoint checkpoint, Vocabulary vocabulary,
      AnswerVocabulary answers, VqaGraph graph, Session session) {
    this.run = run;
    this.config = config;
    this.checkpoint = checkpoint;
    this.vocabulary = vocabulary;
    this.answers = answers;
    this.graph = graph;
    this.session = session;
  }

  /**
   * Loads the best checkpoint of the run in {@code runDir}.
   *
   * @param runDir a directory written by {@code glimpse train}
   * @return the model with the weights of {@code RUN/best/checkpoint.h5}; the caller closes it
   *     (try-with-resources)
   * @throws IOException as {@link #load(RunDirectory, Path)}
   */
  public static TrainedModel load(Path runDir) throws IOException {
    RunDirectory run = new RunDirectory(runDir);
    return load(run, run.bestCheckpoint());
  }

  /**
   * Loads the given checkpoint of a run.
   *
   * @param run the run whose config and vocabularies describe the model
   * @param checkpointFile a checkpoint of that run, e.g. {@link RunDirectory#lastCheckpoint()}
   * @return the model with the checkpoint's weights, on a session with the run's thread count;
   *     the caller closes it (try-with-resources)
   * @throws IOException if the run's config, vocabularies or the checkpoint are missing or
   *     malformed, or the checkpoint lacks a variable of the inference graph; the message names
   *     the file. Nothing is left open.
   */
  public static TrainedModel load(RunDirectory run, Path checkpointFile) throws IOException {
    RunConfig config = run.readConfig();
    Vocabulary vocab = run.readVocabulary();
    AnswerVocabulary answers = run.readAnswers();
    Checkpoint checkpoint = Checkpoint.read(checkpointFile);
    VqaModel model = Models.create(config.model());
    VqaGraph graph = VqaGraph.forInference(model);
    Session session = null;
    try {
      session = graph.newSession(config.train().threads());
      java.util.Map<String, float[]> weights = new java.util.LinkedHashMap<>();
      // Every variable of the inference graph: weights and moving statistics (no optimizer state).
      for (ai.glimpse.tf.layers.Params.Spec spec : graph.params().specs()) {
        String name = spec.name();
        float[] v = checkpoint.values().get(name);
        if (v == null) {
          throw new IOException(checkpointFile + ": no values for parameter '" + name + "'");
        }
        weights.put(name, v);
      }
      graph.params().assign(session, weights);
      return new TrainedModel(run, config, checkpoint, vocab, answers, graph, session);
    } catch (IOException | RuntimeException e) {
      if (session != null) {
        session.close();
      }
      graph.close();
      throw e;
    }
  }

  /**
   * Runs the inference graph on a batch: {@code tokens} flat {@code [n, length]}, {@code images}
   * flat {@code [n, ...]} in the model's image shape (one image per question); returns the answer
   * probabilities flat {@code [n, answers]}.
   *
   * @param tokens the question token ids from {@link #vocabulary()}, flat
   *     {@code [n, maxQuestionLength]} (more values after them are ignored)
   * @param images the image inputs, at least {@code n} images of the model's
   *     {@link ai.glimpse.preprocessing.features.FeatureShape#length()} floats
   * @param n the number of questions in the batch
   * @return a new array {@code [n, answers]} of softmax probabilities, each row summing to 1
   */
  public float[] answerProbs(long[] tokens, float[] images, int n) {
    int t = config.model().data().maxQuestionLength();
    var shape = config.model().data().image();
    try (TInt64 tok = TInt64.tensorOf(Shape.of(n, t), DataBuffers.of(tokens, true, false).narrow((long) n * t));
         TFloat32 img = TFloat32.tensorOf(Shape.of(shape.withBatch(n)),
             DataBuffers.of(images, true, false).narrow((long) n * shape.length()));
         Result r = session.runner().feed(graph.tokens(), tok).feed(graph.image(), img)
             .fetch(graph.answerProbs()).run()) {
      TFloat32 probs = (TFloat32) r.get(0);
      float[] out = new float[Math.toIntExact(probs.size())];
      probs.asRawTensor().data().asFloats().read(out);
      return out;
    }
  }

  /**
   * Returns the run directory.
   *
   * @return the run the model was loaded from
   */
  public RunDirectory run() {
    return run;
  }

  /**
   * Returns the run's configuration.
   *
   * @return the content of {@code config.json}
   */
  public RunConfig config() {
    return config;
  }

  /**
   * Returns the loaded checkpoint.
   *
   * @return the checkpoint, with all its values (optimizer state too) still in memory
   */
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /**
   * Returns the question vocabulary.
   *
   * @return the vocabulary of the run's {@code vocab.json}, to tokenize questions with
   */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * Returns the answer vocabulary.
   *
   * @return the answers of the run's {@code answers.json}; answer {@code i} is column {@code i}
   *     of {@link #answerProbs}
   */
  public AnswerVocabulary answers() {
    return answers;
  }

  /**
   * Returns the inference graph (owned by this model).
   *
   * @return the graph; do not close it, {@link #close()} does
   */
  public VqaGraph graph() {
    return graph;
  }

  /**
   * Returns the session (owned by this model).
   *
   * @return the session holding the loaded weights; do not close it, {@link #close()} does
   */
  public Session session() {
    return session;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
