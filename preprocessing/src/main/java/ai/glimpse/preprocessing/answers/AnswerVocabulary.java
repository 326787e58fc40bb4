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

  /**
   * Creates an answer vocabulary from its answers, in index order, without duplicates.
   *
   * @param answers the normalized answers, answer {@code i} at index {@code i}; at least one, no
   *     null elements; copied
   * @throws IllegalArgumentException if {@code answers} is empty or holds an answer twice
   */
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
   *
   * @param annotations the training annotations; every raw answer counts once (ten per VQA v2
   *     question), answers that normalize to the empty string are skipped
   * @param topK the largest vocabulary size, at least 1; fewer answers are kept when fewer exist
   * @return the vocabulary, most frequent answer at index 0, ties in alphabetical order
   * @throws IllegalArgumentException if {@code topK < 1} or no non-empty answer was found
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

  /**
   * Looks up an answer.
   *
   * @param normalizedAnswer an answer already passed through {@link AnswerProcessor#normalize}; a
   *     raw answer is not normalized here
   * @return its index, or -1 when it is not in the vocabulary
   */
  public int indexOf(String normalizedAnswer) {
    return index.getOrDefault(normalizedAnswer, -1);
  }

  /**
   * Returns the answer at an index, e.g. the arg-max of a model's scores.
   *
   * @param index the index, in {@code [0, size())}
   * @return the normalized answer
   * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
   */
  public String answer(int index) {
    return answers.get(index);
  }

  /**
   * Returns the vocabulary size.
   *
   * @return the number of answers, the width of the model's answer scores
   */
  public int size() {
    return answers.size();
  }

  /**
   * Returns all answers.
   *
   * @return the answers in index order (unmodifiable)
   */
  public List<String> answers() {
    return Collections.unmodifiableList(answers);
  }

  /**
   * Returns the soft target scores of one question: for each in-vocabulary answer given by
   * {@code c} annotators, the score {@code min(c / 3, 1)}.
   *
   * @param annotation the question's annotation; its raw answers are normalized here
   * @return the sparse targets, in order of first appearance among the answers; empty when no
   *     answer is in the vocabulary
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
