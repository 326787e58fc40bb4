package ai.glimpse.preprocessing.prepare;

import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureSource;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One split of a prepared dataset: its encoded questions and targets in memory, the image inputs
 * it has (pixels, a feature grid, object features; each a {@link FeatureSource} whose row
 * {@code i} is the split's image {@code i}), the one selected for the model at hand, and the
 * paths of its questions and annotations in the official VQA format (for evaluation). Closing it
 * closes the feature files.
 *
 * @param name the split's name, {@code train} or {@code val}
 * @param encoded the encoded questions and targets
 * @param sources the image inputs of the split, by kind
 * @param selected the kind {@link #features()} returns
 * @param questionsFile the split's questions file (official format)
 * @param annotationsFile the split's annotations file (official format)
 */
public record PreparedSplit(
    String name, EncodedSplit encoded, Map<FeatureKind, FeatureSource> sources, FeatureKind selected,
    Path questionsFile, Path annotationsFile) implements AutoCloseable {

  /**
   * Validates that the selected kind is among the sources.
   *
   * @param name the split's name, {@code train} or {@code val}
   * @param encoded the encoded questions and targets
   * @param sources the image inputs of the split, by kind; copied into an unmodifiable map, the
   *     sources themselves are shared and owned by the new split
   * @param selected the kind {@link #features()} returns; must be a key of {@code sources}
   * @param questionsFile the split's questions file (official format)
   * @param annotationsFile the split's annotations file (official format)
   * @throws NullPointerException if {@code sources} or {@code selected} is null
   */
  public PreparedSplit {
    sources = Map.copyOf(sources);
    Objects.requireNonNull(selected, "selected");
    if (!sources.containsKey(selected)) {
      throw new IllegalArgumentException("split '" + name + "' has no " + selected.cliName()
          + " input; it has " + sources.keySet());
    }
  }

  /**
   * Returns the image kinds this split has.
   *
   * @return an unmodifiable set, never empty
   */
  public Set<FeatureKind> kinds() {
    return sources.keySet();
  }

  /**
   * Returns the selected image input.
   *
   * @return the source of kind {@link #selected()}, never null; closed with this split
   */
  public FeatureSource features() {
    return sources.get(selected);
  }

  /**
   * Returns this split with {@code kind} as the selected image input.
   *
   * @param kind one of {@link #kinds()}
   * @return a split sharing this one's encoded data and feature sources: closing either closes the
   *     feature files of both
   * @throws IllegalArgumentException naming the kinds the split has when it lacks {@code kind}
   */
  public PreparedSplit select(FeatureKind kind) {
    return new PreparedSplit(name, encoded, sources, kind, questionsFile, annotationsFile);
  }

  /**
   * Returns the number of questions.
   *
   * @return N, the number of encoded questions
   */
  public int size() {
    return encoded.size();
  }

  /**
   * Returns the first {@code n} questions (all of them when {@code n >= size()}).
   *
   * @param n the number of questions to keep, 0 or more
   * @return a split with copies of the first questions' arrays and the same image ids; it shares
   *     this split's feature sources, so closing either closes the feature files of both
   */
  public PreparedSplit head(int n) {
    int k = Math.min(n, size());
    EncodedSplit e = encoded;
    EncodedSplit cut = new EncodedSplit(
        Arrays.copyOf(e.questionIds(), k),
        Arrays.copyOf(e.tokens(), k * e.maxLength()), e.maxLength(),
        Arrays.copyOf(e.imageRows(), k),
        Arrays.copyOf(e.targetIndices(), k * e.slots()),
        Arrays.copyOf(e.targetScores(), k * e.slots()), e.slots(), e.imageIds());
    return new PreparedSplit(name, cut, sources, selected, questionsFile, annotationsFile);
  }

  /** Closes the feature files of every source. */
  @Override
  public void close() {
    sources.values().forEach(FeatureSource::close);
  }
}
