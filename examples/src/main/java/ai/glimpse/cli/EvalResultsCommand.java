package ai.glimpse.cli;

import ai.glimpse.evaluation.metrics.GqaEvaluation;
import ai.glimpse.evaluation.metrics.GqaEvaluator;
import ai.glimpse.evaluation.metrics.GqaGold;
import ai.glimpse.evaluation.metrics.VqaAccuracy;
import ai.glimpse.evaluation.report.GqaPredictionsJson;
import ai.glimpse.evaluation.report.VqaResultsFiles;
import ai.glimpse.preprocessing.data.Annotation;
import ai.glimpse.preprocessing.data.GqaJson;
import ai.glimpse.preprocessing.data.GqaSplit;
import ai.glimpse.preprocessing.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse eval-results}: scores a results file in the official VQA results format. */
@Command(name = "eval-results", mixinStandardHelpOptions = true,
    description = "Score a results file [{\"question_id\", \"answer\"}] with the official VQA accuracy, "
        + "or with --gqa a GQA predictions file [{\"questionId\", \"prediction\"}] with GQA accuracy.")
final class EvalResultsCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--questions", description = "Questions file (official VQA format).")
  Path questions;

  @Option(names = "--annotations", description = "Annotations file (official VQA format).")
  Path annotations;

  @Option(names = "--gqa", paramLabel = "QUESTIONS.json",
      description = "A GQA questions file with answers and types (e.g. val_balanced_questions.json) instead of "
          + "--questions and --annotations: exact-match accuracy per structural and semantic type.")
  Path gqa;

  @Option(names = "--results", required = true, description = "Results file.")
  Path results;

  @Option(names = "--out", description = "Write the vqaAccuracy object as JSON to this file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (gqa != null) {
      if (questions != null || annotations != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "give --gqa, or --questions with --annotations, not both");
      }
      return gqa();
    }
    if (questions == null || annotations == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --questions and --annotations (VQA), or --gqa (GQA)");
    }
    VqaAccuracy acc = VqaResultsFiles.evaluate(questions, annotations, results).accuracy();
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

  private int gqa() throws Exception {
    GqaSplit split = GqaJson.read(gqa);
    List<GqaGold> gold = new ArrayList<>(split.annotations().size());
    for (Annotation a : split.annotations()) {
      gold.add(new GqaGold(a.questionId(), a.multipleChoiceAnswer(), split.typesOf(a.questionId())));
    }
    GqaEvaluation e = new GqaEvaluator().evaluate(GqaPredictionsJson.read(results, split), gold);
    System.out.printf("GQA accuracy: %.2f over %d questions%n", e.overall(), e.questions());
    System.out.println("Per structural type:");
    e.perStructuralType().forEach((k, v) -> System.out.printf("%s : %.2f%n", k, v));
    System.out.println("Per semantic type:");
    e.perSemanticType().forEach((k, v) -> System.out.printf("%s : %.2f%n", k, v));
    if (out != null) {
      AtomicFiles.writeString(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(e) + "\n");
    }
    return 0;
  }
}
