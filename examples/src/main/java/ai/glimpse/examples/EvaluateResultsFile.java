package ai.glimpse.examples;

import ai.glimpse.evaluation.metrics.VqaAccuracy;
import ai.glimpse.evaluation.report.VqaResultsFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Scores a results file in the official VQA format ({@code [{"question_id", "answer"}]}) against
 * official questions and annotations files, with the official VQA accuracy overall, per answer
 * type and per question type: what {@code vqaEval.py} prints.
 */
public final class EvaluateResultsFile {
  private EvaluateResultsFile() {}

  /**
   * Runs the example.
   *
   * @param questions the official questions file
   * @param annotations the official annotations file
   * @param results the results file, one answer per annotated question
   * @return the accuracies, percent with two decimals
   * @throws IOException when a file is missing or malformed
   */
  public static VqaAccuracy run(Path questions, Path annotations, Path results) throws IOException {
    // snippet-start evaluate
    VqaAccuracy accuracy = VqaResultsFiles.evaluate(questions, annotations, results).accuracy();
    System.out.printf("Overall Accuracy is: %.2f%n", accuracy.overall());
    accuracy.perAnswerType().forEach((type, acc) -> System.out.printf("%s : %.2f%n", type, acc));
    accuracy.perQuestionType().forEach((type, acc) -> System.out.printf("  %s : %.2f%n", type, acc));
    // snippet-end
    return accuracy;
  }

  /**
   * Scores a results file.
   *
   * @param args the questions, annotations and results files
   * @throws IOException when a file is missing or malformed
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: EvaluateResultsFile QUESTIONS.json ANNOTATIONS.json RESULTS.json");
      System.exit(2);
    }
    run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
  }
}
