package ai.glimpse.cli;

import ai.glimpse.evaluation.metrics.VqaAccuracy;
import ai.glimpse.evaluation.metrics.VqaEvaluator;
import ai.glimpse.evaluation.metrics.VqaResult;
import ai.glimpse.evaluation.report.EvalResultsJson;
import ai.glimpse.preprocessing.data.Annotation;
import ai.glimpse.preprocessing.data.Question;
import ai.glimpse.preprocessing.data.VqaJson;
import ai.glimpse.preprocessing.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse eval-results}: scores a results file in the official VQA results format. */
@Command(name = "eval-results", mixinStandardHelpOptions = true,
    description = "Score a results file [{\"question_id\", \"answer\"}] with the official VQA accuracy.")
final class EvalResultsCommand implements Callable<Integer> {
  @Option(names = "--questions", required = true, description = "Questions file (official format).")
  Path questions;

  @Option(names = "--annotations", required = true, description = "Annotations file (official format).")
  Path annotations;

  @Option(names = "--results", required = true, description = "Results file.")
  Path results;

  @Option(names = "--out", description = "Write the vqaAccuracy object as JSON to this file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<Question> qs = VqaJson.readQuestions(questions);
    List<Annotation> gold = VqaJson.readAnnotations(annotations);
    Set<Long> questionIds = new HashSet<>();
    qs.forEach(q -> questionIds.add(q.questionId()));
    for (Annotation a : gold) {
      if (!questionIds.contains(a.questionId())) {
        throw new IllegalArgumentException(annotations + ": question_id " + a.questionId()
            + " is not in " + questions);
      }
    }
    List<VqaResult> res = EvalResultsJson.read(results);
    VqaAccuracy acc = new VqaEvaluator().evaluate(res, gold).accuracy();
    System.out.printf("Overall Accuracy is: %.2f%n", acc.overall());
    System.out.println("Per Answer Type Accuracy is the following:");
    for (Map.Entry<String, Double> e : acc.perAnswerType().entrySet()) {
      System.out.printf("%s : %.2f%n", e.getKey(), e.getValue());
    }
    if (out != null) {
      String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(acc);
      AtomicFiles.writeString(out, json + "\n");
    }
    return 0;
  }
}
