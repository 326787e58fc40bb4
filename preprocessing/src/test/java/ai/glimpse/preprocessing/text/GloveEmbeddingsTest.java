package ai.glimpse.preprocessing.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GloveEmbeddingsTest {
  /**
   * Dimension 3. "paris" comes before "Paris" so that the exact spelling must win over an earlier
   * lower-case match; ". . ." is a word with spaces, as in glove.840B.
   */
  private static final String GLOVE = String.join("\n",
      "the 0.418 0.24968 -0.41242",
      "cat -1 2.5 0",
      "paris 2 2 2",
      ". . . 9 9 9",
      "Paris 1.5 -1.5 0.125",
      "dog 0.5 0.25 -0.75",
      "unused 3 3 3") + "\n";

  /** [<pad>, <unk>, the, cat, Paris, Dog, zebra, xyzzy]: 6 words, 4 of them in the file. */
  private static final Vocabulary VOCAB = new Vocabulary(
      List.of("<pad>", "<unk>", "the", "cat", "Paris", "Dog", "zebra", "xyzzy"),
      new TokenizerConfig(false, 14, "<pad>", "<unk>"));

  @TempDir Path dir;

  @Test
  void foundWordsGetTheirVectorsPadGetsZerosAndCoverageCountsWords() throws IOException {
    Path file = write("glove.6B.3d.txt", GLOVE);
    GloveMatrix m = GloveEmbeddings.read(file, VOCAB, 11L);

    assertEquals(3, m.dim());
    assertEquals(8, m.rows());
    assertEquals(24, m.weights().length);
    // Float.parseFloat of the file's text, so equality is exact (tolerance 0).
    assertArrayEquals(new float[3], m.row(0), 0f);
    assertArrayEquals(new float[] {0.418f, 0.24968f, -0.41242f}, m.row(2), 0f);
    assertArrayEquals(new float[] {-1f, 2.5f, 0f}, m.row(3), 0f);
    assertArrayEquals(new float[] {1.5f, -1.5f, 0.125f}, m.row(4), 0f, "exact spelling wins");
    assertArrayEquals(new float[] {0.5f, 0.25f, -0.75f}, m.row(5), 0f, "lower-case fallback");

    // 4 of the 6 words (pad and unk excluded) have vectors: coverage 4 / 6.
    assertEquals(4, m.found());
    assertEquals(6, m.total());
    assertEquals(4.0 / 6.0, m.coverage(), 1e-12);
    assertEquals(List.of("zebra", "xyzzy"), m.missing());

    for (int row : new int[] {1, 6, 7}) {
      float[] v = m.row(row);
      for (float x : v) {
        assertTrue(x >= -GloveEmbeddings.INIT_RANGE && x < GloveEmbeddings.INIT_RANGE,
            "row " + row + " " + Arrays.toString(v));
      }
      assertFalse(Arrays.equals(new float[3], v), "row " + row + " is random, not zeros");
    }
  }

  @Test
  void randomRowsDependOnTheSeedAndTheRowOnly() throws IOException {
    Path file = write("glove.txt", GLOVE);
    GloveMatrix a = GloveEmbeddings.read(file, VOCAB, 11L);
    GloveMatrix b = GloveEmbeddings.read(file, VOCAB, 11L);
    GloveMatrix c = GloveEmbeddings.read(file, VOCAB, 12L);
    assertArrayEquals(a.weights(), b.weights(), 0f);
    assertFalse(Arrays.equals(a.row(6), c.row(6)));
    assertArrayEquals(a.row(2), c.row(2), 0f);

    // Without "cat" in the file, row 3 becomes random, and the other random rows do not move.
    Path fewer = write("fewer.txt", GLOVE.replace("cat -1 2.5 0\n", ""));
    GloveMatrix d = GloveEmbeddings.read(fewer, VOCAB, 11L);
    assertEquals(3, d.found());
    assertEquals(List.of("cat", "zebra", "xyzzy"), d.missing());
    assertArrayEquals(a.row(6), d.row(6), 0f);
    assertArrayEquals(a.row(7), d.row(7), 0f);
  }

  @Test
  void aLineWithTooFewValuesNamesFileAndLine() throws IOException {
    Path file = write("glove.txt", "the 0.1 0.2 0.3\ncat 1 2 3\ndog 0.5 0.5\nbird 1 1 1\n");
    IOException e = assertThrows(IOException.class, () -> GloveEmbeddings.read(file, VOCAB, 1L));
    assertTrue(e.getMessage().endsWith("glove.txt line 3: expected 3 values after the word "
        + "(the dimension of line 1), found 2"), e.getMessage());
  }

  @Test
  void aLineWithTooManyValuesNamesFileAndLine() throws IOException {
    Path file = write("glove.txt", "the 0.1 0.2 0.3\ncat 1 2 3\n\nzebra 1 2 3 4\n");
    IOException e = assertThrows(IOException.class, () -> GloveEmbeddings.read(file, VOCAB, 1L));
    assertTrue(e.getMessage().endsWith("glove.txt line 4: expected 3 values after the word "
        + "(the dimension of line 1), found 4"), e.getMessage());
  }

  @Test
  void aValueThatIsNotANumberNamesLineAndPosition() throws IOException {
    Path file = write("glove.txt", "the 0.1 0.2 0.3\ncat 1 two 3\n");
    IOException e = assertThrows(IOException.class, () -> GloveEmbeddings.read(file, VOCAB, 1L));
    assertTrue(e.getMessage().endsWith("glove.txt line 2: value 2 of the vector, 'two', is not a number"),
        e.getMessage());
  }

  @Test
  void gzipFilesAndWindowsLineEndingsAreRead() throws IOException {
    Path file = dir.resolve("glove.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(GLOVE.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    GloveMatrix gz = GloveEmbeddings.read(file, VOCAB, 11L);
    GloveMatrix plain = GloveEmbeddings.read(write("glove.txt", GLOVE), VOCAB, 11L);
    assertArrayEquals(plain.weights(), gz.weights(), 0f);
  }

  @Test
  void anEmptyFileIsAnError() throws IOException {
    Path file = write("empty.txt", "");
    IOException e = assertThrows(IOException.class, () -> GloveEmbeddings.read(file, VOCAB, 1L));
    assertTrue(e.getMessage().endsWith("empty.txt: no vectors (the file is empty)"), e.getMessage());
  }

  @Test
  void matrixChecksItsShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GloveMatrix(3, new float[7], 0, 0, List.of()));
    assertEquals("weights length 7 is not a multiple of dim 3", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new GloveMatrix(3, new float[6], 1, 2, List.of()));
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
