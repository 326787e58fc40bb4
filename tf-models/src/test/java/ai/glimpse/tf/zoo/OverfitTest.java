package ai.glimpse.tf.zoo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.batch.Batch;
import ai.glimpse.preprocessing.batch.BatchIterator;
import ai.glimpse.preprocessing.prepare.PrepareConfig;
import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.preprocessing.prepare.PreparedSplit;
import ai.glimpse.preprocessing.prepare.Preparer;
import ai.glimpse.preprocessing.synth.Preset;
import ai.glimpse.preprocessing.synth.SynthConfig;
import ai.glimpse.preprocessing.synth.SyntheticGenerator;
import ai.glimpse.tf.train.OptimizerKind;
import ai.glimpse.tf.train.TrainConfig;
import ai.glimpse.tf.train.Trainer;
import ai.glimpse.tf.train.VqaGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Every model can fit 128 training questions: at least 95% training accuracy (the soft score of
 * the top answer of the inference graph), a check that the whole graph, gradients and optimizer
 * included, can learn.
 */
class OverfitTest {
  private static final int QUESTIONS = 128;
  private static final int MAX_EPOCHS = 150;

  @TempDir
  static Path tmp;
  static PreparedSplit split;
  static int answers;
  static DataShape shape;
  static DataShape objectShape;

  @BeforeAll
  static void prepare() throws IOException {
    Path synth = tmp.resolve("data");
    // Noise 0: every question has one right answer, so 100% is reachable.
    SyntheticGenerator.generate(new SynthConfig(Preset.SHAPES, 13, 2, 3, 0.0), synth);
    new Preparer(PrepareConfig.forLayout(synth).withImageSize(32)).prepare(tmp.resolve("prepared"));
    PreparedDataset data = PreparedDataset.open(tmp.resolve("prepared"));
    split = data.split("train").head(QUESTIONS);
    answers = data.answers().size();
    shape = new DataShape(data.vocabulary().size(), data.manifest().maxQuestionLength(), answers, 32);
    objectShape = Models.dataShape("butd", data, null);
  }

  @Test
  void saaa() {
    assertOverfits(new Saaa(new SaaaConfig(shape, 32, 64, List.of(16, 16, 32), true, 64,
        SaaaConfig.Fusion.CONCAT, 4.0, 2, 128, 0.0, 3L)));
  }

  @Test
  void san() {
    assertOverfits(new San(new SanConfig(shape, 32, 64, List.of(16, 16, 32), true, 64, 2, 0.0, 3L)));
  }

  @Test
  void deeperLstm() {
    assertOverfits(new DeeperLstm(new DeeperLstmConfig(shape, 32, 64, 2, List.of(16, 16, 32), true,
        128, 128, 0.0, 3L)));
  }

  @Test
  void butd() {
    assertOverfits(new Butd(new ButdConfig(objectShape, 32, 64, 1, false, 64, 0.0, 0.0, 3L, null)),
        split.select(ai.glimpse.preprocessing.features.FeatureKind.OBJECTS));
  }

  @Test
  void butdFilm() {
    assertOverfits(new Butd(new ButdConfig(objectShape, 32, 64, 1, false, 64, 0.0, 0.0, 3L, null,
        ButdConfig.Fusion.FILM)), split.select(ai.glimpse.preprocessing.features.FeatureKind.OBJECTS));
  }

  @Test
  void mcb() {
    assertOverfits(new Mcb(new McbConfig(shape, 32, 64, List.of(16, 16, 32), true, 1024, 64, 2, 0.0, 3L)));
  }

  @Test
  void hiecoattOverPixels() {
    assertOverfits(new HieCoAtt(new HieCoAttConfig(shape, 32, 32, List.of(16, 16, 32), true, 32, 0.0, 3L)));
  }

  @Test
  void hiecoattOverObjects() {
    assertOverfits(new HieCoAtt(new HieCoAttConfig(objectShape, 32, 32, List.of(), false, 32, 0.0, 3L)),
        split.select(ai.glimpse.preprocessing.features.FeatureKind.OBJECTS));
  }

  @Test
  void mcanOverObjects() {
    assertOverfits(new Mcan(new McanConfig(objectShape, 32, 64, 4, 2, 128, 1, 128, List.of(), false,
        0.0, 3L, null)), split.select(ai.glimpse.preprocessing.features.FeatureKind.OBJECTS));
  }

  private static void assertOverfits(VqaModel model) {
    assertOverfits(model, split);
  }

  private static void assertOverfits(VqaModel model, PreparedSplit split) {
    TrainConfig config = new TrainConfig(MAX_EPOCHS, 32, 4, 3e-3, OptimizerKind.ADAM, null, 10.0, null, 0, 0, 0, 3L, 2,
        tmp.resolve("unused"));
    double accuracy = 0;
    int epoch = 0;
    try (VqaGraph graph = VqaGraph.forTraining(model, config); Session session = graph.newSession(2)) {
      graph.params().initialize(session);
      while (epoch < MAX_EPOCHS && accuracy < 95) {
        epoch++;
        BatchIterator it = BatchIterator.grouped(split, 32, answers, epoch, 4);
        while (it.hasNext()) {
          Batch b = it.next();
          try (TInt64 tokens = Trainer.tokens(b, split);
               TFloat32 pixels = Trainer.images(b, split);
               TInt32 index = TInt32.tensorOf(Shape.of(b.size()), DataBuffers.of(b.imageIndex(), true, false).narrow(b.size()));
               TFloat32 targets = TFloat32.tensorOf(Shape.of(b.size(), answers),
                   DataBuffers.of(b.targets(), true, false).narrow((long) b.size() * answers));
               TFloat32 lr = TFloat32.scalarOf(3e-3f)) {
            session.runner().feed(graph.tokens(), tokens).feed(graph.image(), pixels)
                .feed(graph.imageIndex(), index).feed(graph.targets(), targets)
                .feed(graph.learningRate(), lr).addTarget(graph.trainStep()).run();
          }
        }
        if (epoch % 5 == 0) {
          accuracy = Trainer.evaluate(session, graph, split, answers);
        }
      }
    }
    System.out.printf("%s over %s: %.1f%% after %d epochs%n", model.config().modelName(),
        model.config().data().imageKind(), accuracy, epoch);
    assertTrue(accuracy >= 95, model.config().modelName() + " reached " + accuracy + "% on "
        + QUESTIONS + " training questions in " + epoch + " epochs");
  }
}
