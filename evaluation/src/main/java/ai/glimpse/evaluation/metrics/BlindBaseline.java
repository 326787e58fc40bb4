package ai.glimpse.evaluation.metrics;

import ai.glimpse.preprocessing.answers.AnswerProcessor;
import ai.glimpse.preprocessing.data.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blind (question-type prior) baseline: answers every question with the most frequent
 * normalized multiple-choice answer of its question type in the training annotations, never
 * looking at the image or the full question.
 *
 * @param answerByQuestionType the answer per question type seen in training, sorted by type
 * @param fallbackAnswer the overall most frequent answer, for question types unseen in training
 */
public record BlindBaseline(Map<String, String> answerByQuestionType, String fallbackAnswer) {

  private static final Logger LOG = LoggerFactory.getLogger(BlindBaseline.class);

  /**
   * Checks the fields and copies the map into a sorted unmodifiable one.
   *
   * @param answerByQuestionType the answer per question type seen in training, sorted by type
   * @param fallbackAnswer the overall most frequent answer, for question types unseen in training
   * @throws NullPointerException if {@code answerByQuestionType} or {@code fallbackAnswer} is null
   */
  public BlindBaseline {
    Objects.requireNonNull(answerByQuestionType, "answerByQuestionType");
    Objects.requireNonNull(fallbackAnswer, "fallbackAnswer");
    answerByQuestionType = Collections.unmodifiableSortedMap(new TreeMap<>(answerByQuestionType));
  }

  /**
   * Fits the baseline: per question type the most frequent {@link AnswerProcessor#normalize
   * normalized} {@code multiple_choice_answer}, ties broken by the lexicographically smaller
   * answer ({@link String#compareTo}); the fallback is chosen the same way over all questions.
   *
   * @param train the training annotations; not empty
   * @return the fitted baseline
   * @throws IllegalArgumentException if {@code train} is empty
   */
  public static BlindBaseline fit(List<Annotation> train) {
    Objects.requireNonNull(train, "train");
    if (train.isEmpty()) {
      throw new IllegalArgumentException("cannot fit the blind baseline on no training annotations");
    }
    Map<String, Map<String, Integer>> countsByType = new HashMap<>();
    Map<String, Integer> overall = new HashMap<>();
    for (Annotation a : train) {
      String answer = AnswerProcessor.normalize(a.multipleChoiceAnswer());
      countsByType.computeIfAbsent(a.questionType(), t -> new HashMap<>())
          .merge(answer, 1, Integer::sum);
      overall.merge(answer, 1, Integer::sum);
    }
    Map<String, String> byType = new TreeMap<>();
    countsByType.forEach((type, counts) -> byType.put(type, mostFrequent(counts)));
    BlindBaseline baseline = new BlindBaseline(byType, mostFrequent(overall));
    LOG.info("blind baseline fitted on {} questions: {} question types, fallback '{}'",
        train.size(), byType.size(), baseline.fallbackAnswer());
    return baseline;
  }

  /**
   * Returns the answer for a question type, or the fallback answer for an unseen type.
   *
   * @param questionType a VQA question type, e.g. {@code what color is the}
   * @return the normalized answer; never null
   */
  public String predict(String questionType) {
    return answerByQuestionType.getOrDefault(questionType, fallbackAnswer);
  }

  /**
   * Answers each annotated question from its question type only; one result each, same order.
   *
   * @param questions the questions to answer; only their ids and question types are read
   * @return one result per question, with the question's id, in the order of {@code questions}
   */
  public List<VqaResult> predict(List<Annotation> questions) {
    List<VqaResult> results = new ArrayList<>(questions.size());
    for (Annotation a : questions) {
      results.add(new VqaResult(a.questionId(), predict(a.questionType())));
    }
    return results;
  }

  private static String mostFrequent(Map<String, Integer> counts) {
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      int c = e.getValue();
      if (c > bestCount || (c == bestCount && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        bestCount = c;
      }
    }
    return best;
  }
}
