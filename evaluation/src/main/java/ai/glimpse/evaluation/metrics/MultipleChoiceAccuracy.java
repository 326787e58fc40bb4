package ai.glimpse.evaluation.metrics;

import ai.glimpse.preprocessing.answers.AnswerProcessor;
import ai.glimpse.preprocessing.data.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multiple-choice accuracy: the percentage of questions whose normalized prediction
 * ({@link AnswerProcessor#normalize}) is one of the question's distinct normalized annotator
 * answers, rounded like {@link VqaAccuracy#round2}.
 *
 * <p>Stateless and thread-safe.
 */
public final class MultipleChoiceAccuracy {

  /** The prediction of a model that has no answer: the out-of-vocabulary token. */
  public static final String UNK = "<unk>";

  /** What to do with questions whose prediction is {@link #UNK}. */
  public enum UnkPolicy {
    /** Score them as wrong; the denominator is every question. */
    COUNT_AS_WRONG,
    /** Leave them out of both numerator and denominator. */
    EXCLUDE
  }

  private static final Logger LOG = LoggerFactory.getLogger(MultipleChoiceAccuracy.class);

  /** Creates the metric. */
  public MultipleChoiceAccuracy() {}

  /**
   * Returns the multiple-choice accuracy in percent, two decimals.
   *
   * <p>A prediction is {@link #UNK} when it equals {@code "<unk>"} after
   * {@link AnswerProcessor#clean}; this is checked before normalization, which would turn it into
   * {@code "unk"}. With {@link UnkPolicy#EXCLUDE} and only {@code <unk>} predictions, the result
   * is 0.
   *
   * @param results one prediction per annotated question, in any order
   * @param gold the annotations with their ten (or so) annotator answers
   * @param unkPolicy how {@code <unk>} predictions are scored; not null
   * @return the accuracy in percent, in [0, 100], rounded to two decimals
   * @throws IllegalArgumentException if the result ids are not exactly the annotation ids, if an
   *     id repeats, or if there are no annotations
   */
  public double evaluate(List<VqaResult> results, List<Annotation> gold, UnkPolicy unkPolicy) {
    Objects.requireNonNull(unkPolicy, "unkPolicy");
    Map<Long, VqaResult> byId = ResultMatching.index(results, gold);
    int scored = 0;
    int correct = 0;
    int unk = 0;
    for (Annotation a : gold) {
      String prediction = byId.get(a.questionId()).answer();
      if (isUnk(prediction)) {
        unk++;
        if (unkPolicy == UnkPolicy.COUNT_AS_WRONG) {
          scored++;
        }
        continue;
      }
      scored++;
      if (isCorrect(prediction, a)) {
        correct++;
      }
    }
    double percent = scored == 0 ? 0.0 : VqaAccuracy.round2(100.0 * correct / scored);
    LOG.info("multiple-choice accuracy {} ({} of {} scored, {} <unk>, {})",
        percent, correct, scored, unk, unkPolicy);
    return percent;
  }

  /**
   * Returns whether the normalized prediction equals one of the normalized annotator answers.
   *
   * @param prediction the predicted answer as submitted
   * @param annotation the question's annotation, whose annotator answers are compared
   * @return true if any annotator answer matches after {@link AnswerProcessor#normalize}
   */
  public static boolean isCorrect(String prediction, Annotation annotation) {
    String p = AnswerProcessor.normalizeCached(prediction);
    for (String answer : annotation.answers()) {
      if (AnswerProcessor.normalizeCached(answer).equals(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether the prediction is the {@link #UNK} token.
   *
   * @param prediction the predicted answer as submitted
   * @return true if it equals {@code <unk>} after {@link AnswerProcessor#clean} (newlines and tabs to
   *     spaces, stripped; case-sensitive, before normalization)
   */
  public static boolean isUnk(String prediction) {
    return UNK.equals(AnswerProcessor.clean(prediction));
  }
}
