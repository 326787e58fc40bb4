package ai.glimpse.evaluation.report;

import ai.glimpse.evaluation.metrics.VqaEvaluation;
import ai.glimpse.evaluation.metrics.VqaEvaluator;
import ai.glimpse.evaluation.metrics.VqaResult;
import ai.glimpse.preprocessing.data.Annotation;
import ai.glimpse.preprocessing.data.Question;
import ai.glimpse.preprocessing.data.VqaJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores the official VQA files: a questions file and an annotations file (the official VQA v2
 * format) against a results file ({@code [{"question_id", "answer"}]}), as {@code vqaEval.py}
 * does. What {@code glimpse eval-results} runs.
 */
public final class VqaResultsFiles {
  private VqaResultsFiles() {}

  /**
   * Reads the three files and scores the results with the official VQA accuracy.
   *
   * @param questions the questions file, e.g. {@code v2_OpenEnded_mscoco_val2014_questions.json}
   * @param annotations the annotations file, e.g. {@code v2_mscoco_val2014_annotations.json};
   *     every annotated question must be in {@code questions}
   * @param results the results file, one answer per annotated question
   * @return the accuracy overall, per answer type and per question type (percent, two decimals)
   *     and per question
   * @throws IOException when a file is missing or malformed; the message names the file and the
   *     record
   * @throws IllegalArgumentException when an annotation's question is not in {@code questions}, or
   *     the result ids are not exactly the annotated ids; the message names the id and the file
   */
  public static VqaEvaluation evaluate(Path questions, Path annotations, Path results) throws IOException {
    List<Question> qs = VqaJson.readQuestions(questions);
    List<Annotation> gold = VqaJson.readAnnotations(annotations);
    Set<Long> questionIds = new HashSet<>(qs.size() * 2);
    qs.forEach(q -> questionIds.add(q.questionId()));
    for (Annotation a : gold) {
      if (!questionIds.contains(a.questionId())) {
        throw new IllegalArgumentException(annotations + ": question_id " + a.questionId()
            + " is not in " + questions);
      }
    }
    List<VqaResult> res = EvalResultsJson.read(results);
    try {
      return new VqaEvaluator().evaluate(res, gold);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(results + ": " + e.getMessage(), e);
    }
  }
}
