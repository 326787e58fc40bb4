package ai.glimpse.tf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.prepare.PrepareConfig;
import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.preprocessing.prepare.Preparer;
import ai.glimpse.preprocessing.prepare.WordVectors;
import ai.glimpse.preprocessing.synth.Preset;
import ai.glimpse.preprocessing.synth.SynthConfig;
import ai.glimpse.preprocessing.synth.SyntheticGenerator;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.EmbeddingInit;
import ai.glimpse.tf.zoo.Models;
import ai.glimpse.tf.zoo.SaaaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prepare --glove} writes word vectors; models start from them, frozen or trained on. */
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
}
