package ai.glimpse.evaluation.metrics;

import ai.glimpse.preprocessing.answers.AnswerProcessor;
import ai.glimpse.preprocessing.data.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the official VQA accuracy exactly as {@code VQAEval.evaluate()} of the GT-Vision-Lab
 * VQA repository does, so that the numbers equal those of the official Python evaluator.
 *
 * <p>Per question: the annotators' answers and the prediction are cleaned (newlines and tabs to
 * spaces, stripped); only if the cleaned annotator answers are not all the same, all of them and
 * the prediction are processed with {@link AnswerProcessor#processPunctuation} then
 * {@link AnswerProcessor#processDigitArticle}. The question's accuracy is the mean, over each
 * annotator answer, of {@code min(1, matches among the other answers / 3)}. Percentages are
 * {@code 100 * sum / count} summed in annotation order (plain double addition, as CPython up to
 * 3.11 sums floats) and rounded with {@link VqaAccuracy#round2}.
 *
 * <p>This follows the current {@code vqaEval.py}; an early revision instead always processed the
 * prediction and only applied {@code processPunctuation} to split annotator answers, so numbers
 * from that revision can differ slightly.
 *
 * <p>Stateless and thread-safe.
 */
public final class VqaEvaluator {

  private static final Logger LOG = LoggerFactory.getLogger(VqaEvaluator.class);

  /** Creates an evaluator. */
  public VqaEvaluator() {}

  /**
   * Scores {@code results} against {@code gold}.
   *
   * @param results one prediction per annotated question, in any order
   * @param gold the annotations; their order is the order of summation and of
   *     {@link VqaEvaluation#perQuestion()}
   * @return the rounded percentages and the per-question accuracies
   * @throws IllegalArgumentException if the result ids are not exactly the annotation ids, if an
   *     id repeats, or if there are no annotations
   */
  public VqaEvaluation evaluate(List<VqaResult> results, List<Annotation> gold) {
    Map<Long, VqaResult> byId = ResultMatching.index(results, gold);
    List<QuestionAccuracy> perQuestion = new ArrayList<>(gold.size());
    double sum = 0;
    Map<String, double[]> byAnswerType = new LinkedHashMap<>();
    Map<String, double[]> byQuestionType = new LinkedHashMap<>();
    Map<String, String> processed = new HashMap<>();
    for (Annotation a : gold) {
      String prediction = byId.get(a.questionId()).answer();
      double acc = questionAccuracy(prediction, a.answers(), processed);
      perQuestion.add(new QuestionAccuracy(
          a.questionId(), a.questionType(), a.answerType(), prediction, acc));
      sum += acc;
      accumulate(byAnswerType, a.answerType(), acc);
      accumulate(byQuestionType, a.questionType(), acc);
    }
    VqaAccuracy accuracy = new VqaAccuracy(
        percent(sum, gold.size()), percents(byAnswerType), percents(byQuestionType));
    LOG.info("VQA accuracy {} over {} questions, per answer type {}",
        accuracy.overall(), gold.size(), accuracy.perAnswerType());
    return new VqaEvaluation(accuracy, perQuestion);
  }

  /**
   * Returns the official accuracy in [0, 1] of one predicted answer given the annotators'
   * answers (10 in VQA v2), not rounded.
   *
   * @param prediction the predicted answer as submitted; not null
   * @param annotatorAnswers the annotators' raw answers; not null or empty
   * @return the accuracy in [0, 1]: the mean over annotators of {@code min(1, matches / 3)}
   * @throws IllegalArgumentException if {@code annotatorAnswers} is empty
   */
  public static double questionAccuracy(String prediction, List<String> annotatorAnswers) {
    return questionAccuracy(prediction, annotatorAnswers, new HashMap<>());
  }

  /**
   * The official per-question accuracy; {@code processed} remembers the processing of each
   * distinct cleaned answer, since answers repeat ("yes", "2") across the questions of one run.
   */
  private static double questionAccuracy(
      String prediction, List<String> annotatorAnswers, Map<String, String> processed) {
    Objects.requireNonNull(prediction, "prediction");
    Objects.requireNonNull(annotatorAnswers, "annotatorAnswers");
    int n = annotatorAnswers.size();
    if (n == 0) {
      throw new IllegalArgumentException("no annotator answers to score '" + prediction + "' against");
    }
    String[] gts = new String[n];
    boolean unanimous = true;
    for (int i = 0; i < n; i++) {
      gts[i] = AnswerProcessor.clean(annotatorAnswers.get(i));
      unanimous &= gts[i].equals(gts[0]);
    }
    String res = AnswerProcessor.clean(prediction);
    if (!unanimous) {
      for (int i = 0; i < n; i++) {
        gts[i] = processed.computeIfAbsent(gts[i], VqaEvaluator::process);
      }
      res = processed.computeIfAbsent(res, VqaEvaluator::process);
    }
    int totalMatches = 0;
    for (String g : gts) {
      if (g.equals(res)) {
        totalMatches++;
      }
    }
    double sum = 0;
    for (String g : gts) {
      // Matches among the other annotators' answers: leave exactly this one out.
      int matches = g.equals(res) ? totalMatches - 1 : totalMatches;
      sum += Math.min(1.0, matches / 3.0);
    }
    return sum / n;
  }

  private static String process(String answer) {
    return AnswerProcessor.processDigitArticle(AnswerProcessor.processPunctuation(answer));
  }

  private static void accumulate(Map<String, double[]> sums, String key, double acc) {
    double[] s = sums.computeIfAbsent(key, k -> new double[2]);
    s[0] += acc;
    s[1] += 1;
  }

  private static Map<String, Double> percents(Map<String, double[]> sums) {
    Map<String, Double> out = new LinkedHashMap<>();
    sums.forEach((key, s) -> out.put(key, percent(s[0], (int) s[1])));
    return out;
  }

  /** {@code round(100*float(sum(acc))/len(acc), 2)}, evaluated in Python's order. */
  static double percent(double sum, int count) {
    return VqaAccuracy.round2(100 * sum / count);
  }
}
