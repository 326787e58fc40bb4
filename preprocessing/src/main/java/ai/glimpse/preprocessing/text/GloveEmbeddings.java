package ai.glimpse.preprocessing.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the word-embedding matrix of a question {@link Vocabulary} from a GloVe text file
 * ({@code word v1 v2 ... vD} per line, separated by single spaces; {@code .gz} files are
 * decompressed), reading line by line and keeping only the vectors of vocabulary words, so that
 * even the 5 GB {@code glove.840B.300d.txt} never sits in memory.
 *
 * <p>Rows of the result:
 *
 * <ul>
 *   <li>the padding token (index {@link Vocabulary#PAD}) gets zeros;
 *   <li>a word gets the vector of its exact spelling if the file has it, else the vector of its
 *       lower-case form ({@code "Paris"} falls back to {@code "paris"});
 *   <li>the unknown token (index {@link Vocabulary#unkIndex()}, never looked up) and every word without a
 *       vector get a random vector, uniform in [{@code -INIT_RANGE}, {@code INIT_RANGE}) with
 *       {@link #INIT_RANGE} = 0.1. Row {@code i} draws from the {@code i}-th stream split off
 *       {@code new SplittableRandom(seed)}, so it depends on the seed and the row only, not on
 *       which other words were found.
 * </ul>
 *
 * <p>The dimension is the number of values on the first line and is checked on every line; a bad
 * line is an {@link IOException} naming the file and the line number. A few GloVe files
 * ({@code 840B}) have words that contain spaces ({@code ". . ."}): a line with more fields than
 * {@code dim + 1} is read as such a word when the field just before the last {@code dim} values
 * is not a number, and is an error otherwise.
 */
public final class GloveEmbeddings {
  /** Half the width of the uniform range of the random rows: they lie in [-0.1, 0.1). */
  public static final float INIT_RANGE = 0.1f;

  private static final Logger LOG = LoggerFactory.getLogger(GloveEmbeddings.class);

  private static final byte NOT_FOUND = 0;
  private static final byte FOUND_LOWER_CASE = 1;
  private static final byte FOUND_EXACT = 2;

  private GloveEmbeddings() {}

  /**
   * Reads the vectors of {@code vocabulary}'s words from a GloVe file and returns the matrix
   * {@code [vocabulary.size(), dim]} described in the class comment.
   *
   * @param file the GloVe text file, plain or {@code .gz}-compressed (by file name); read once, line
   *     by line, and closed before returning
   * @param vocabulary the vocabulary whose rows to fill; rows follow its indices
   * @param seed the seed of the random rows
   * @return the matrix {@code [vocabulary.size(), dim]} with its coverage counts and missing words
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if the file has no vectors, or a line has the wrong number of values or a
   *     value that is not a number; the message names the file and the line
   */
  public static GloveMatrix read(Path file, Vocabulary vocabulary, long seed) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(vocabulary, "vocabulary");
    Lookup lookup = new Lookup(vocabulary);
    float[][] vectors = new float[vocabulary.size()][];
    byte[] state = new byte[vocabulary.size()];
    int dim = -1;
    long lineNumber = 0;
    try (BufferedReader in = open(file)) {
      String raw;
      while ((raw = in.readLine()) != null) {
        lineNumber++;
        String line = stripTrailing(raw);
        if (line.isEmpty()) {
          continue;
        }
        if (dim < 0) {
          dim = countSpaces(line);
          if (dim < 1) {
            throw new IOException(file + " line " + lineNumber
                + ": expected a word followed by its vector values, found one field");
          }
        }
        int vectorStart = vectorStart(file, lineNumber, line, dim);
        String word = line.substring(0, vectorStart - 1);
        Integer exact = lookup.exact.get(word);
        if (exact != null && state[exact] != FOUND_EXACT) {
          vectors[exact] = parse(file, lineNumber, line, vectorStart, dim);
          state[exact] = FOUND_EXACT;
        }
        List<Integer> cased = lookup.byLowerCase.get(word);
        if (cased != null) {
          float[] v = null;
          for (int index : cased) {
            if (state[index] == NOT_FOUND) {
              v = v != null ? v : parse(file, lineNumber, line, vectorStart, dim);
              vectors[index] = v;
              state[index] = FOUND_LOWER_CASE;
            }
          }
        }
      }
    }
    if (dim < 0) {
      throw new IOException(file + ": no vectors (the file is empty)");
    }
    return assemble(vocabulary, vectors, state, dim, seed, file);
  }

  private static GloveMatrix assemble(Vocabulary vocabulary, float[][] vectors, byte[] state,
      int dim, long seed, Path file) {
    float[] weights = new float[vocabulary.size() * dim];
    SplittableRandom base = new SplittableRandom(seed);
    List<String> missing = new ArrayList<>();
    int found = 0;
    for (int i = 0; i < vocabulary.size(); i++) {
      SplittableRandom rowRng = base.split();
      if (i == Vocabulary.PAD) {
        continue;
      }
      if (i != vocabulary.unkIndex()) {
        if (state[i] == NOT_FOUND) {
          missing.add(vocabulary.token(i));
        } else {
          found++;
          System.arraycopy(vectors[i], 0, weights, i * dim, dim);
          continue;
        }
      }
      for (int j = 0; j < dim; j++) {
        weights[i * dim + j] = (float) ((rowRng.nextDouble() * 2 - 1) * INIT_RANGE);
      }
    }
    int total = Math.max(0, vocabulary.size() - 2);
    GloveMatrix matrix = new GloveMatrix(dim, weights, found, total, missing);
    LOG.info("GloVe {}: dim {}, {} of {} vocabulary words found ({}%)", file, dim, found, total,
        String.format(Locale.ROOT, "%.1f", 100 * matrix.coverage()));
    return matrix;
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    try {
      if (file.getFileName().toString().endsWith(".gz")) {
        in = new GZIPInputStream(in, 1 << 16);
      }
      // InputStreamReader replaces malformed UTF-8 instead of failing: some GloVe files have it.
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Returns the index of the first character of the line's {@code dim} values, checking that the
   * line has exactly {@code dim} of them.
   */
  private static int vectorStart(Path file, long lineNumber, String line, int dim)
      throws IOException {
    int spaces = countSpaces(line);
    if (spaces < dim) {
      throw new IOException(file + " line " + lineNumber + ": expected " + dim
          + " values after the word (the dimension of line 1), found " + spaces);
    }
    // The separator before the vector is the dim-th space from the end.
    int separator = line.length();
    for (int k = 0; k < dim; k++) {
      separator = line.lastIndexOf(' ', separator - 1);
    }
    if (spaces > dim) {
      String lastWordField = line.substring(line.lastIndexOf(' ', separator - 1) + 1, separator);
      if (isNumber(lastWordField)) {
        throw new IOException(file + " line " + lineNumber + ": expected " + dim
            + " values after the word (the dimension of line 1), found " + spaces);
      }
    }
    return separator + 1;
  }

  private static float[] parse(Path file, long lineNumber, String line, int start, int dim)
      throws IOException {
    float[] v = new float[dim];
    int from = start;
    for (int j = 0; j < dim; j++) {
      int end = line.indexOf(' ', from);
      String field = end < 0 ? line.substring(from) : line.substring(from, end);
      try {
        v[j] = Float.parseFloat(field);
      } catch (NumberFormatException e) {
        throw new IOException(file + " line " + lineNumber + ": value " + (j + 1) + " of the vector, '"
            + field + "', is not a number", e);
      }
      from = end + 1;
    }
    return v;
  }

  private static boolean isNumber(String field) {
    if (field.isEmpty()) {
      return false;
    }
    try {
      Float.parseFloat(field);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static int countSpaces(String line) {
    int n = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == ' ') {
        n++;
      }
    }
    return n;
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\r'
        || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }

  /** The vocabulary words to look for: by exact spelling, and by lower-case form as a fallback. */
  private static final class Lookup {
    final Map<String, Integer> exact = new HashMap<>();
    final Map<String, List<Integer>> byLowerCase = new HashMap<>();

    Lookup(Vocabulary vocabulary) {
      for (int i = 0; i < vocabulary.size(); i++) {
        if (i == Vocabulary.PAD || i == vocabulary.unkIndex()) {
          continue;
        }
        String token = vocabulary.token(i);
        exact.put(token, i);
        String lower = token.toLowerCase(Locale.ROOT);
        if (!lower.equals(token)) {
          byLowerCase.computeIfAbsent(lower, k -> new ArrayList<>(1)).add(i);
        }
      }
    }
  }
}
