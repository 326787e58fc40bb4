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
 * {@code mcb} fits 128 training questions of the synthetic shapes data: at least 95% training
 * accuracy (the soft score of the top answer of the inference graph), so the whole graph, the
 * FFTs' Java gradients and the optimizer included, can learn.
 */
class McbOverfitTest {
  private static final int QUESTIONS = 128;
  private static final int MAX_EPOCHS = 150;

  @TempDir
  static Path tmp;
  static PreparedSplit split;
  static int answers;
  static DataShape shape;

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
  }

  @Test
  void mcbFitsTrainingQuestions() {
    McbConfig config = new McbConfig(shape, 32, 64, List.of(16, 16, 32), true, 1024, 64, 2, 0.0, 3L);
    TrainConfig train = new TrainConfig(MAX_EPOCHS, 32, 4, 3e-3, OptimizerKind.ADAM, null, 10.0, null,
        0, 0, 0, 3L, 2, tmp.resolve("unused"));
    double accuracy = 0;
    int epoch = 0;
    long start = System.nanoTime();
    try (VqaGraph graph = VqaGraph.forTraining(new Mcb(config), train); Session session = graph.newSession(2)) {
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
    System.out.printf("mcb overfit: %.1f%% after %d epochs in %.1f s%n", accuracy, epoch,
        (System.nanoTime() - start) / 1e9);
    assertTrue(accuracy >= 95, "mcb reached " + accuracy + "% on " + QUESTIONS
        + " training questions in " + epoch + " epochs");
  }
}
