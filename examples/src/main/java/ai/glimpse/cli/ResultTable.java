package ai.glimpse.cli;

import ai.glimpse.evaluation.metrics.VqaAccuracy;
import ai.glimpse.evaluation.report.VqaReport;

/** Renders the console table of an evaluation: Model | All | Yes/No | Number | Other. */
final class ResultTable {
  private ResultTable() {}

  static String render(VqaReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-16s %8s %8s %8s %8s%n", "Model", "All", "Yes/No", "Number", "Other"));
    sb.append(row(r.model(), r.vqaAccuracy()));
    sb.append(row("blind baseline", r.blindBaseline()));
    sb.append(String.format("%d %s questions; multiple-choice accuracy %.2f%%", r.questions(), r.split(),
        r.multipleChoiceAccuracy()));
    if (r.onnxParityMaxAbsDiff() != null) {
      sb.append(String.format("; TF-vs-ONNX max |diff| %.2g", r.onnxParityMaxAbsDiff()));
    }
    return sb.append(System.lineSeparator()).toString();
  }

  private static String row(String name, VqaAccuracy a) {
    return String.format("%-16s %8.2f %8s %8s %8s%n", name, a.overall(), type(a, "yes/no"),
        type(a, "number"), type(a, "other"));
  }

  private static String type(VqaAccuracy a, String t) {
    Double v = a.perAnswerType().get(t);
    return v == null ? "-" : String.format("%.2f", v);
  }
}
