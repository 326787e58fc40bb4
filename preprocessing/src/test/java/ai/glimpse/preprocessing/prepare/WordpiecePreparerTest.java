package ai.glimpse.preprocessing.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.data.Question;
import ai.glimpse.preprocessing.data.VqaJson;
import ai.glimpse.preprocessing.synth.Preset;
import ai.glimpse.preprocessing.synth.SynthConfig;
import ai.glimpse.preprocessing.synth.SyntheticGenerator;
import ai.glimpse.preprocessing.text.EmbeddingSource;
import ai.glimpse.preprocessing.text.TokenizerKind;
import ai.glimpse.preprocessing.text.WordpieceTokenizer;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glimpse prepare} with a WordPiece vocabulary and its embedding matrix, on a tiny
 * synthetic dataset. The vocabulary is made from the training questions' words so that every word
 * longer than four characters needs two pieces, and one word is left out so that it becomes
 * {@code [UNK]}, which sits on line 3, not line 2.
 */
class WordpiecePreparerTest {
  private static final int DIM = 3;

  @TempDir
  static Path tmp;
  static Path dataset;
  static Path vocabFile;
  static Path matrixFile;
  static List<String> lines;
  static float[][] matrix;
  static Path prepared;
  static Manifest manifest;

  @BeforeAll
  static void prepareWithWordpiece() throws IOException {
    dataset = tmp.resolve("data");
    SyntheticGenerator.generate(new SynthConfig(Preset.SHAPES, 12, 5, 3, 0.1), dataset);
    WordpieceTokenizer basic = new WordpieceTokenizer(Set.of(), true, "[UNK]");
    TreeSet<String> words = new TreeSet<>();
    for (Question q : VqaJson.readQuestions(dataset.resolve("train/questions.json"))) {
      words.addAll(basic.words(q.question()));
    }
    words.remove(words.last()); // left out: becomes [UNK]
    Set<String> entries = new java.util.LinkedHashSet<>(List.of("[PAD]", "[unused0]", "[UNK]"));
    for (String w : words) {
      if (w.length() > 4) {
        entries.add(w.substring(0, 3));
        entries.add("##" + w.substring(3));
      } else {
        entries.add(w);
      }
    }
    lines = List.copyOf(entries);
    vocabFile = tmp.resolve("vocab.txt");
    Files.writeString(vocabFile, String.join("\n", lines) + "\n");
    matrix = new float[lines.size()][DIM];
    for (int r = 0; r < lines.size(); r++) {
      for (int c = 0; c < DIM; c++) {
        matrix[r][c] = r + c / 4f;
      }
    }
    matrixFile = tmp.resolve("bert.h5");
    try (WritableHdfFile hdf = HdfFile.write(matrixFile)) {
      hdf.putGroup("bert").putDataset("word_embeddings", matrix);
      hdf.putDataset("other", new float[][] {{1, 2}});
    }
    prepared = tmp.resolve("prepared");
    manifest = new Preparer(PrepareConfig.forLayout(dataset).withImageSize(16).withWordpiece(
        new PrepareConfig.Wordpiece(vocabFile, true,
            EmbeddingSource.parse(matrixFile + ":/bert/word_embeddings")))).prepare(prepared);
  }

  @Test
  void theManifestAndVocabularyAreTheWordpieceOnes() throws IOException {
    assertEquals(TokenizerKind.WORDPIECE, manifest.tokenizer().kind());
    assertEquals("[UNK]", manifest.tokenizer().unkToken());
    assertEquals(lines.size(), manifest.vocabularySize());
    PreparedDataset data = PreparedDataset.open(prepared);
    assertEquals(lines, data.vocabulary().tokens());
    assertEquals(2, data.vocabulary().unkIndex());
    assertEquals(manifest.tokenizer(), data.manifest().tokenizer());
    assertEquals(manifest.tokenizer(), data.vocabulary().config());
  }

  @Test
  void encodedQuestionsAreTheTokenizersIds() throws IOException {
    PreparedDataset data = PreparedDataset.open(prepared);
    WordpieceTokenizer tokenizer = new WordpieceTokenizer(new HashSet<>(lines), true, "[UNK]");
    int t = manifest.maxQuestionLength();
    boolean sawContinuation = false;
    boolean sawUnknown = false;
    for (String split : Preparer.SPLITS) {
      List<Question> questions = VqaJson.readQuestions(dataset.resolve(split + "/questions.json"));
      try (PreparedSplit s = data.split(split)) {
        long[] tokens = s.encoded().tokens();
        for (int i = 0; i < questions.size(); i++) {
          List<String> pieces = tokenizer.tokenize(questions.get(i).question());
          long[] expected = new long[t];
          for (int j = 0; j < Math.min(t, pieces.size()); j++) {
            expected[j] = lines.indexOf(pieces.get(j));
            sawContinuation |= pieces.get(j).startsWith("##");
            sawUnknown |= pieces.get(j).equals("[UNK]");
          }
          assertArrayEquals(expected, java.util.Arrays.copyOfRange(tokens, i * t, (i + 1) * t),
              split + " question " + i + ": " + pieces);
        }
      }
    }
    assertTrue(sawContinuation, "the vocabulary should split some words");
    assertTrue(sawUnknown, "one word is outside the vocabulary");
  }

  @Test
  void wordVectorsAreTheMatrixRows() throws IOException {
    WordVectors v = WordVectors.read(prepared.resolve(WordVectors.FILE));
    assertEquals(lines.size(), v.rows());
    assertEquals(DIM, v.dim());
    assertEquals(1.0, v.coverage());
    for (int r = 0; r < lines.size(); r++) {
      assertArrayEquals(matrix[r], java.util.Arrays.copyOfRange(v.weights(), r * DIM, (r + 1) * DIM), 0f,
          "row " + r);
    }
  }

  @Test
  void theMatrixMustHaveOneRowPerVocabularyLine() throws IOException {
    Path small = tmp.resolve("small.h5");
    try (WritableHdfFile hdf = HdfFile.write(small)) {
      hdf.putDataset("emb", new float[][] {{1, 2}, {3, 4}});
    }
    PrepareConfig config = PrepareConfig.forLayout(dataset).withImageSize(16).withWordpiece(
        new PrepareConfig.Wordpiece(vocabFile, true, new EmbeddingSource(small, null)));
    Path out = tmp.resolve("mismatch");
    IOException e = assertThrows(IOException.class, () -> new Preparer(config).prepare(out));
    assertTrue(e.getMessage().contains("2 rows") && e.getMessage().contains(lines.size() + " lines")
        && e.getMessage().contains(small.toString()) && e.getMessage().contains(vocabFile.toString()),
        e.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void gloveAndWordpieceExcludeEachOther() {
    PrepareConfig.Wordpiece wp = new PrepareConfig.Wordpiece(vocabFile, true, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PrepareConfig.forLayout(dataset).withGlove(tmp.resolve("glove.txt")).withWordpiece(wp));
    assertTrue(e.getMessage().contains("glove.txt") && e.getMessage().contains("vocab.txt"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> PrepareConfig.forLayout(dataset).withWordpiece(wp).withGlove(tmp.resolve("glove.txt")));
  }

  @Test
  void withoutAMatrixThereAreNoWordVectors() throws IOException {
    Path out = tmp.resolve("no-matrix");
    Manifest m = new Preparer(PrepareConfig.forLayout(dataset).withImageSize(16)
        .withWordpiece(new PrepareConfig.Wordpiece(vocabFile, true, null))).prepare(out);
    assertEquals(lines.size(), m.vocabularySize());
    assertFalse(Files.exists(out.resolve(WordVectors.FILE)));
  }

  @Test
  void oldManifestsReadAsTheWordsTokenizer() throws IOException {
    String json = Files.readString(prepared.resolve(PreparedDataset.MANIFEST_FILE));
    int at = json.indexOf("\"tokenizer\"");
    assertTrue(at > 0, json);
    Manifest old = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
        json.substring(0, json.lastIndexOf(',', at)) + "\n}", Manifest.class);
    assertEquals(TokenizerKind.WORDS, old.tokenizer().kind());
    assertEquals(manifest.maxQuestionLength(), old.tokenizer().maxLength());
  }
}
