package ai.glimpse.tf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.batch.Batch;
import ai.glimpse.preprocessing.batch.BatchIterator;
import ai.glimpse.preprocessing.prepare.PrepareConfig;
import ai.glimpse.preprocessing.prepare.PreparedSplit;
import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.preprocessing.prepare.Preparer;
import ai.glimpse.preprocessing.prepare.WordVectors;
import ai.glimpse.preprocessing.synth.Preset;
import ai.glimpse.preprocessing.synth.SynthConfig;
import ai.glimpse.preprocessing.synth.SyntheticGenerator;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.layers.Params;
import ai.glimpse.tf.zoo.EmbeddingInit;
import ai.glimpse.tf.zoo.ModelConfig;
import ai.glimpse.tf.zoo.VqaModel;
import ai.glimpse.tf.zoo.Models;
import ai.glimpse.tf.zoo.SaaaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code prepare --glove} writes word vectors; every model of the zoo starts from them exactly,
 * and trains them on or leaves them alone as its configuration says.
 */
class WordVectorsTrainingTest {
  private static final int DIM = 8;

  @TempDir
  static Path tmp;
  static PreparedDataset data;
  static DataShape shape;

  @BeforeAll
  static void prepare() throws IOException {
    Path synth = tmp.resolve("data");
    SyntheticGenerator.generate(new SynthConfig(Preset.SHAPES, 12, 4, 5, 0.1), synth);
    // A GloVe file with a few question words (row i of word w: w's index + i / 10) and a stranger.
    List<String> words = List.of("what", "color", "is", "the", "red", "circle", "how", "many", "zebra");
    StringBuilder glove = new StringBuilder();
    for (int w = 0; w < words.size(); w++) {
      glove.append(words.get(w));
      for (int i = 0; i < DIM; i++) {
        glove.append(' ').append(w + i / 10.0);
      }
      glove.append('\n');
    }
    Path gloveFile = tmp.resolve("glove.8d.txt");
    Files.writeString(gloveFile, glove.toString());
    new Preparer(PrepareConfig.forLayout(synth).withImageSize(32).withGlove(gloveFile))
        .prepare(tmp.resolve("prepared"));
    data = PreparedDataset.open(tmp.resolve("prepared"));
    shape = new DataShape(data.vocabulary().size(), data.manifest().maxQuestionLength(),
        data.answers().size(), 32);
  }

  @Test
  void prepareWritesOneVectorPerVocabularyToken() throws IOException {
    WordVectors v = WordVectors.read(data.dir().resolve(WordVectors.FILE));
    assertEquals(DIM, v.dim());
    assertEquals(data.vocabulary().size(), v.rows());
    int red = data.vocabulary().tokens().indexOf("red");
    float[] row = Arrays.copyOfRange(v.weights(), red * DIM, (red + 1) * DIM);
    assertArrayEquals(new float[] {4f, 4.1f, 4.2f, 4.3f, 4.4f, 4.5f, 4.6f, 4.7f}, row, 1e-6f);
    assertArrayEquals(new float[DIM], Arrays.copyOfRange(v.weights(), 0, DIM), 0f, "padding row");
    // 8 of the file's words are question words; the vocabulary has more.
    assertEquals(8.0 / (data.vocabulary().size() - 2), v.coverage(), 1e-9);
  }

  @Test
  void frozenVectorsStayAndTrainedOnesMove() throws IOException {
    float[] glove = WordVectors.read(data.dir().resolve(WordVectors.FILE)).weights();
    for (EmbeddingInit init : List.of(EmbeddingInit.GLOVE_FROZEN, EmbeddingInit.GLOVE)) {
      Path run = tmp.resolve("run-" + init);
      SaaaConfig config = new SaaaConfig(shape, DIM, 16, List.of(8, 8, 8), true, 16,
          SaaaConfig.Fusion.CONCAT, 4.0, 2, 32, 0.0, 3L, init);
      new Trainer(new TrainConfig(1, 16, 2, 3e-3, OptimizerKind.ADAMAX, null, 10.0, null, 0, 0, 0,
          3L, 2, run), List.of()).train(Models.create(config), data);
      float[] after = Checkpoint.read(new RunDirectory(run).lastCheckpoint()).values()
          .get("saaa/embedding/weights");
      if (init == EmbeddingInit.GLOVE_FROZEN) {
        assertArrayEquals(glove, after, 0f, "frozen vectors are left alone");
      } else {
        assertFalse(Arrays.equals(glove, after), "trainable vectors move");
        double maxDiff = 0;
        for (int i = 0; i < glove.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(glove[i] - after[i]));
        }
        // One epoch of Adamax at 3e-3 moves each weight by at most about 3e-3 per step.
        int worst = 0;
        for (int i = 0; i < glove.length; i++) {
          if (Math.abs(glove[i] - after[i]) > Math.abs(glove[worst] - after[worst])) {
            worst = i;
          }
        }
        assertTrue(maxDiff < 0.1, "started from GloVe, moved " + maxDiff + " at " + worst + ": "
            + glove[worst] + " -> " + after[worst]);
      }
    }
  }

  @Test
  void aWrongEmbeddingSizeIsNamed() {
    SaaaConfig config = new SaaaConfig(shape, 16, 16, List.of(8, 8, 8), true, 16,
        SaaaConfig.Fusion.CONCAT, 4.0, 2, 32, 0.0, 3L, EmbeddingInit.GLOVE);
    TrainConfig train = new TrainConfig(1, 16, 2, 3e-3, OptimizerKind.ADAMAX, null, 10.0, null, 0,
        0, 0, 3L, 2, tmp.resolve("wrong"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(train, List.of()).train(Models.create(config), data));
    assertTrue(e.getMessage().contains("glove.h5") && e.getMessage().contains("embeddingDim to 8"),
        e.getMessage());
  }

  @Test
  void modelConfigOverridesAcceptTheJsonNames() {
    assertEquals(EmbeddingInit.GLOVE_FROZEN, Models.withOverrides("san", shape, 1L,
        "{\"embeddingInit\": \"glove-frozen\", \"embeddingDim\": 8}").embeddingInit());
    assertEquals(EmbeddingInit.RANDOM, Models.defaults("deeper-lstm", shape, 1L).embeddingInit());
  }

  static List<String> modelNames() {
    return Models.NAMES;
  }

  /**
   * With {@code glove}, the embedding table holds exactly the prepared vectors before the first
   * step and has moved after one; with {@code glove-frozen}, a training epoch (with its optimizer
   * and, for stems with batch normalization, the moving-average updates) leaves it bit for bit
   * as prepared, and the table is not among the trainable parameters.
   */
  @ParameterizedTest
  @MethodSource("modelNames")
  void everyModelStartsFromGloveAndTrainsOrFreezesIt(String name) throws IOException {
    float[] glove = WordVectors.read(data.dir().resolve(WordVectors.FILE)).weights();
    DataShape modelShape = Models.dataShape(name, data, null);
    String embeddingOnly = "{\"embeddingInit\": \"%s\", \"embeddingDim\": " + DIM + "}";

    VqaModel trained = Models.create(Models.withOverrides(name, modelShape, 3L,
        embeddingOnly.formatted("glove")));
    TrainConfig train = new TrainConfig(1, 16, 2, 3e-3, OptimizerKind.ADAM, null, 10.0, null, 0, 0, 0,
        3L, 2, tmp.resolve("unused-" + name));
    try (VqaGraph graph = VqaGraph.forTraining(trained, train); Session session = graph.newSession(2);
         PreparedSplit split = data.split("train").select(modelShape.imageKind())) {
      Params params = graph.params();
      params.initialize(session);
      Trainer.loadWordVectors(trained, data, graph, session);
      String table = embeddingTable(params);
      assertTrue(params.trainableNames().contains(table), name + ": " + table + " is trainable with glove");
      assertArrayEquals(glove, params.fetch(session).get(table), 0f, name + " starts exactly at the prepared vectors");
      Batch b = BatchIterator.grouped(split, 16, data.answers().size(), 1L, 2).next();
      int answers = data.answers().size();
      try (TInt64 tokens = Trainer.tokens(b, split);
           TFloat32 images = Trainer.images(b, split);
           TInt32 index = TInt32.tensorOf(Shape.of(b.size()), DataBuffers.of(b.imageIndex(), true, false).narrow(b.size()));
           TFloat32 targets = TFloat32.tensorOf(Shape.of(b.size(), answers),
               DataBuffers.of(b.targets(), true, false).narrow((long) b.size() * answers));
           TFloat32 lr = TFloat32.scalarOf(3e-3f)) {
        session.runner().feed(graph.tokens(), tokens).feed(graph.image(), images)
            .feed(graph.imageIndex(), index).feed(graph.targets(), targets)
            .feed(graph.learningRate(), lr).addTarget(graph.trainStep()).run();
      }
      float[] after = params.fetch(session).get(table);
      assertFalse(Arrays.equals(glove, after), name + ": trainable vectors move after a step");
    }

    ModelConfig frozenConfig = Models.withOverrides(name, modelShape, 3L, embeddingOnly.formatted("glove-frozen"));
    Path run = tmp.resolve("frozen-" + name);
    TrainResult result = new Trainer(new TrainConfig(1, 16, 2, 3e-3, OptimizerKind.ADAM, null, 10.0, null,
        0, 0, 0, 3L, 2, run), List.of()).train(Models.create(frozenConfig), data);
    assertTrue(result.epochs().get(0).step() > 1, name + " took several steps");
    java.util.Map<String, float[]> saved = Checkpoint.read(new RunDirectory(run).lastCheckpoint()).values();
    String table = saved.keySet().stream()
        .filter(k -> k.endsWith("/embedding/weights") && !k.startsWith("optimizer/")).findFirst().orElseThrow();
    assertArrayEquals(glove, saved.get(table), 0f, name + ": frozen vectors are left alone");
    assertTrue(saved.keySet().stream().noneMatch(k -> k.startsWith("optimizer/") && k.endsWith(table)),
        name + ": the optimizer keeps no slots for the frozen table");
  }

  /** The model's embedding table (not the optimizer's slots named after it). */
  private static String embeddingTable(Params params) {
    return params.specs().stream().map(Params.Spec::name)
        .filter(n -> n.endsWith("/embedding/weights") && !n.startsWith("optimizer/"))
        .findFirst().orElseThrow(() -> new AssertionError("no embedding table"));
  }
}
