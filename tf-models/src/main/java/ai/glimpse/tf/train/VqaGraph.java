package ai.glimpse.tf.train;

import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.tf.layers.Params;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.ModelInputs;
import ai.glimpse.tf.zoo.ModelOutputs;
import ai.glimpse.tf.zoo.VqaModel;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The TensorFlow graph of one VQA model: named input placeholders, the inference outputs
 * ({@value #ANSWER_PROBS}, {@value #ATTENTION}) and, for training, a dropout copy of the model
 * sharing its weights, the loss and the optimizer step. The graph is owned (and closed) by this
 * object.
 */
public final class VqaGraph implements AutoCloseable {
  /** The question token placeholder, int64 {@code [batch, length]}. */
  public static final String QUESTION_TOKENS = "question_tokens";
  /**
   * The placeholder of each training question's row in the image input, int32 {@code [batch]}
   * (training graphs only: there the image input holds each batch image once). The image input
   * itself is named after its kind ({@link FeatureKind#inputName()}: {@code image_pixels},
   * {@code image_features} or {@code image_objects}).
   */
  public static final String IMAGE_INDEX = "image_index";
  /** The soft target placeholder, float32 {@code [batch, answers]}. */
  public static final String ANSWER_TARGETS = "answer_targets";
  /** The learning rate placeholder, a float32 scalar. */
  public static final String LEARNING_RATE = "learning_rate";
  /** The inference output of answer probabilities, {@code [batch, answers]}. */
  public static final String ANSWER_PROBS = "answer_probs";
  /** The inference output of attention weights, {@code [batch, glimpses, locations]}. */
  public static final String ATTENTION = "attention";

  private final Graph graph;
  private final Params params;
  private final Placeholder<TInt64> tokens;
  private final Placeholder<TFloat32> image;
  private final Operand<TFloat32> answerProbs;
  private final Operand<TFloat32> attention;
  private final Placeholder<TInt32> imageIndex;
  private final Placeholder<TFloat32> targets;
  private final Placeholder<TFloat32> learningRate;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> trainLogits;
  private final Operand<TFloat32> gradNorm;
  private final Op trainStep;

  private VqaGraph(VqaModel model, TrainConfig train, long seed) {
    graph = new Graph();
    boolean ok = false;
    try {
      Ops tf = Ops.create(graph);
      params = new Params(tf, seed);
      DataShape d = model.config().data();
      tokens = tf.withName(QUESTION_TOKENS).placeholder(TInt64.class,
          Placeholder.shape(Shape.of(-1, d.maxQuestionLength())));
      image = tf.withName(d.imageKind().inputName()).placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(d.image().withBatch(-1))));
      ModelInputs inputs = new ModelInputs(tokens, image);
      ModelOutputs infer = model.build(tf.withSubScope("infer"), params, inputs, false);
      answerProbs = tf.withName(ANSWER_PROBS).nn.softmax(infer.logits());
      attention = infer.attention() == null ? null : tf.withName(ATTENTION).identity(infer.attention());
      if (train != null) {
        Ops t = tf.withSubScope("train");
        imageIndex = tf.withName(IMAGE_INDEX).placeholder(TInt32.class,
            Placeholder.shape(Shape.of(-1)));
        ModelOutputs out = model.build(t, params, new ModelInputs(tokens, image, imageIndex), true);
        targets = tf.withName(ANSWER_TARGETS).placeholder(TFloat32.class,
            Placeholder.shape(Shape.of(-1, d.answerCount())));
        learningRate = tf.withName(LEARNING_RATE).placeholder(TFloat32.class,
            Placeholder.shape(Shape.scalar()));
        trainLogits = out.logits();
        Operand<TFloat32> perExample = train.loss() == LossKind.BINARY_CROSS_ENTROPY
            ? BinaryCrossEntropy.perExample(t, out.logits(), targets)
            : Losses.softTargetCrossEntropy(t, out.logits(), targets);
        loss = t.withName("loss").math.mean(perExample,
            t.constant(0));
        List<Operand<TFloat32>> norm = new ArrayList<>();
        trainStep = Optimizer.minimize(tf, params, loss, learningRate, train.optimizer(),
            train.gradClipNorm(), norm);
        gradNorm = norm.get(0);
      } else {
        imageIndex = null;
        targets = null;
        learningRate = null;
        trainLogits = null;
        loss = null;
        gradNorm = null;
        trainStep = null;
      }
      ok = true;
    } finally {
      if (!ok) {
        graph.close();
      }
    }
  }

  /**
   * Builds the training graph (inference outputs, training copy, loss, optimizer) of {@code model}.
   *
   * @param model the model to build, twice: the inference copy and the training copy with dropout
   * @param train the loss, optimizer and gradient clipping to use; its seed initializes the weights
   * @return the graph; the caller closes it
   */
  public static VqaGraph forTraining(VqaModel model, TrainConfig train) {
    return new VqaGraph(model, train, train.seed());
  }

  /**
   * Builds the inference graph alone, for export and prediction; weights come from a checkpoint.
   *
   * @param model the model to build
   * @return the graph, without training ops (their accessors throw {@link IllegalStateException});
   *     the caller closes it
   */
  public static VqaGraph forInference(VqaModel model) {
    return new VqaGraph(model, null, 0L);
  }

  /**
   * Opens a session on this graph with {@code threads} intra-op threads (0: TensorFlow's choice);
   * the caller closes it.
   *
   * @param threads intra-op threads; when positive, inter-op threads are {@code min(2, threads)}
   * @return a new session; its variables hold no values until {@code params().initialize(session)}
   *     or {@code params().assign(session, ...)} sets them
   */
  public Session newSession(int threads) {
    ConfigProto.Builder config = ConfigProto.newBuilder();
    if (threads > 0) {
      config.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(Math.min(2, threads));
    }
    return new Session(graph, config.build());
  }

  /**
   * Returns the graph (owned by this object).
   *
   * @return the graph; do not close it, {@link #close()} does
   */
  public Graph graph() {
    return graph;
  }

  /**
   * Returns the parameter store of the graph.
   *
   * @return the store of the weights, moving statistics and (training graphs) optimizer state
   */
  public Params params() {
    return params;
  }

  /**
   * Returns the token placeholder.
   *
   * @return the {@value #QUESTION_TOKENS} placeholder, int64 {@code [batch, maxQuestionLength]}
   */
  public Placeholder<TInt64> tokens() {
    return tokens;
  }

  /**
   * Returns the image input placeholder (pixels, grid or objects, as the model's data shape says).
   *
   * @return the float32 placeholder {@code [batch, ...]} named after {@link FeatureKind#inputName()}
   */
  public Placeholder<TFloat32> image() {
    return image;
  }

  /**
   * Returns the answer probabilities of the inference graph.
   *
   * @return the {@value #ANSWER_PROBS} output, softmax probabilities {@code [batch, answers]}
   */
  public Operand<TFloat32> answerProbs() {
    return answerProbs;
  }

  /**
   * Whether the model has attention weights (an {@value #ATTENTION} output).
   *
   * @return true when {@link #attention()} is not null
   */
  public boolean hasAttention() {
    return attention != null;
  }

  /**
   * Returns the attention weights of the inference graph; see {@link #hasAttention()}.
   *
   * @return the {@value #ATTENTION} output {@code [batch, glimpses, locations]}, or null when the
   *     model has no attention
   */
  public Operand<TFloat32> attention() {
    return attention;
  }

  /**
   * Returns the image-index placeholder of the training copy (training graphs only).
   *
   * @return the {@value #IMAGE_INDEX} placeholder, int32 {@code [batch]}
   * @throws IllegalStateException if this is an inference graph
   */
  public Placeholder<TInt32> imageIndex() {
    return requireTraining(imageIndex);
  }

  /**
   * Returns the target placeholder (training graphs only).
   *
   * @return the {@value #ANSWER_TARGETS} placeholder, soft scores float32 {@code [batch, answers]}
   * @throws IllegalStateException if this is an inference graph
   */
  public Placeholder<TFloat32> targets() {
    return requireTraining(targets);
  }

  /**
   * Returns the learning-rate placeholder (training graphs only).
   *
   * @return the {@value #LEARNING_RATE} placeholder, a float32 scalar fed every step
   * @throws IllegalStateException if this is an inference graph
   */
  public Placeholder<TFloat32> learningRate() {
    return requireTraining(learningRate);
  }

  /**
   * Returns the mean training loss (training graphs only).
   *
   * @return the scalar loss of the training copy, averaged over the batch
   * @throws IllegalStateException if this is an inference graph
   */
  public Operand<TFloat32> loss() {
    return requireTraining(loss);
  }

  /**
   * Returns the logits of the training copy, with dropout (training graphs only).
   *
   * @return the logits {@code [batch, answers]}, before any softmax or sigmoid
   * @throws IllegalStateException if this is an inference graph
   */
  public Operand<TFloat32> trainLogits() {
    return requireTraining(trainLogits);
  }

  /**
   * Returns the global gradient norm before clipping (training graphs only).
   *
   * @return a float32 scalar
   * @throws IllegalStateException if this is an inference graph
   */
  public Operand<TFloat32> gradNorm() {
    return requireTraining(gradNorm);
  }

  /**
   * Returns the op applying one optimizer step (training graphs only).
   *
   * @return the op to run (as a target) with all placeholders fed
   * @throws IllegalStateException if this is an inference graph
   */
  public Op trainStep() {
    return requireTraining(trainStep);
  }

  private <T> T requireTraining(T value) {
    if (value == null) {
      throw new IllegalStateException("this is an inference graph; it has no training ops");
    }
    return value;
  }

  @Override
  public void close() {
    graph.close();
  }
}
