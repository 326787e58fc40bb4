package ai.glimpse.preprocessing.answers;

import ai.glimpse.preprocessing.data.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers a model chooses from: the top-K normalized annotator answers of the training
 * split, by falling frequency (ties in alphabetical order).
 */
public final class AnswerVocabulary {
  private final List<String> answers;
  private final Map<String, Integer> index;

  /** Creates an answer vocabulary from its answers, in index order, without duplicates. */
  public AnswerVocabulary(List<String> answers) {
    this.answers = List.copyOf(answers);
    if (this.answers.isEmpty()) {
      throw new IllegalArgumentException("answer vocabulary is empty");
    }
    Map<String, Integer> map = new HashMap<>(this.answers.size() * 2);
    for (int i = 0; i < this.answers.size(); i++) {
      if (map.put(this.answers.get(i), i) != null) {
        throw new IllegalArgumentException("duplicate answer in vocabulary: '" + this.answers.get(i) + "'");
      }
    }
    this.index = map;
  }

  /**
   * Counts every annotator answer of {@code annotations} after the official normalization and
   * keeps the {@code topK} most frequent.
   */
  public static AnswerVocabulary topK(List<Annotation> annotations, int topK) {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be >= 1, got " + topK);
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Annotation a : annotations) {
      for (String raw : a.answers()) {
        String answer = AnswerProcessor.normalizeCached(raw);
        if (!answer.isEmpty()) {
          counts.merge(answer, 1, Integer::sum);
        }
      }
    }
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
        .thenComparing(Map.Entry::getKey));
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < Math.min(topK, entries.size()); i++) {
      answers.add(entries.get(i).getKey());
    }
    return new AnswerVocabulary(answers);
  }

  /** Returns the index of a normalized answer, or -1 when it is not in the vocabulary. */
  public int indexOf(String normalizedAnswer) {
    return index.getOrDefault(normalizedAnswer, -1);
  }

  /** Returns the answer at {@code index}. */
  public String answer(int index) {
    return answers.get(index);
  }

  /** Returns the number of answers. */
  public int size() {
    return answers.size();
  }

  /** Returns the answers in index order (unmodifiable). */
  public List<String> answers() {
    return Collections.unmodifiableList(answers);
  }

  /**
   * Returns the soft target scores of one question: for each in-vocabulary answer given by
   * {@code c} annotators, the score {@code min(c / 3, 1)}.
   */
  public SoftTargets softTargets(Annotation annotation) {
    Map<Integer, Integer> counts = new LinkedHashMap<>();
    for (String raw : annotation.answers()) {
      int i = indexOf(AnswerProcessor.normalizeCached(raw));
      if (i >= 0) {
        counts.merge(i, 1, Integer::sum);
      }
    }
    int[] indices = new int[counts.size()];
    float[] scores = new float[counts.size()];
    int k = 0;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      indices[k] = e.getKey();
      scores[k] = Math.min(e.getValue() / 3f, 1f);
      k++;
    }
    return new SoftTargets(indices, scores);
  }
}
