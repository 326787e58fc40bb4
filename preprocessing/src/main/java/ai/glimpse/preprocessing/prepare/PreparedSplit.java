package ai.glimpse.preprocessing.prepare;

import ai.glimpse.preprocessing.features.PixelStore;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One split of a prepared dataset, in memory: its encoded questions and targets, its pixel
 * store, and the paths of its questions and annotations in the official VQA format (for
 * evaluation).
 *
 * @param name the split's name, {@code train} or {@code val}
 * @param encoded the encoded questions and targets
 * @param pixels the images, by row
 * @param questionsFile the split's questions file (official format)
 * @param annotationsFile the split's annotations file (official format)
 */
public record PreparedSplit(
    String name, EncodedSplit encoded, PixelStore pixels, Path questionsFile, Path annotationsFile) {

  /** Returns the number of questions. */
  public int size() {
    return encoded.size();
  }

  /** Returns the first {@code n} questions (all of them when {@code n >= size()}). */
  public PreparedSplit head(int n) {
    int k = Math.min(n, size());
    EncodedSplit e = encoded;
    EncodedSplit cut = new EncodedSplit(
        Arrays.copyOf(e.questionIds(), k),
        Arrays.copyOf(e.tokens(), k * e.maxLength()), e.maxLength(),
        Arrays.copyOf(e.imageRows(), k),
        Arrays.copyOf(e.targetIndices(), k * e.slots()),
        Arrays.copyOf(e.targetScores(), k * e.slots()), e.slots());
    return new PreparedSplit(name, cut, pixels, questionsFile, annotationsFile);
  }
}
