package ai.glimpse.evaluation.metrics;

import java.util.List;
import java.util.Optional;

/**
 * VQA accuracy over the two question families of the Relation Networks paper (Santoro et al.
 * 2017), for datasets such as the synthetic Sort-of-CLEVR whose {@code question_type} starts
 * with {@value #RELATIONAL} or {@value #NON_RELATIONAL}.
 *
 * @param relational mean accuracy over relational questions, percent with two decimals
 * @param nonRelational mean accuracy over non-relational questions, percent with two decimals
 * @param relationalQuestions how many relational questions were scored
 * @param nonRelationalQuestions how many non-relational questions were scored
 */
public record RelationalAccuracy(double relational, double nonRelational, int relationalQuestions,
    int nonRelationalQuestions) {
  /** The question-type prefix of relational questions. */
  public static final String RELATIONAL = "relational:";
  /** The question-type prefix of non-relational questions. */
  public static final String NON_RELATIONAL = "non-relational:";

  /**
   * Splits the scored questions by family; empty when no question type names a family, so that
   * reports of other datasets carry no such figures.
   *
   * @param scored the per-question accuracies, e.g. from {@link VqaEvaluation#perQuestion()}
   * @return the two family accuracies (0 for a family without questions), or empty if no question
   *     type starts with {@value #RELATIONAL} or {@value #NON_RELATIONAL}
   */
  public static Optional<RelationalAccuracy> of(List<QuestionAccuracy> scored) {
    double rel = 0;
    double non = 0;
    int nRel = 0;
    int nNon = 0;
    for (QuestionAccuracy q : scored) {
      if (q.questionType().startsWith(RELATIONAL)) {
        rel += q.accuracy();
        nRel++;
      } else if (q.questionType().startsWith(NON_RELATIONAL)) {
        non += q.accuracy();
        nNon++;
      }
    }
    if (nRel + nNon == 0) {
      return Optional.empty();
    }
    return Optional.of(new RelationalAccuracy(
        nRel == 0 ? 0 : VqaAccuracy.round2(100 * rel / nRel),
        nNon == 0 ? 0 : VqaAccuracy.round2(100 * non / nNon), nRel, nNon));
  }
}
