package ai.glimpse.evaluation.report;

import ai.glimpse.evaluation.metrics.VqaAccuracy;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several models' reports on the same data side by side, with the blind baseline they share;
 * serialized as the {@code report.json} of {@code glimpse compare}.
 *
 * @param models one entry per compared report, in the order given
 * @param blindBaseline the blind baseline of the (common) evaluation data
 */
@JsonPropertyOrder({"models", "blindBaseline"})
public record Comparison(List<Entry> models, VqaAccuracy blindBaseline) {

  /**
   * One compared model.
   *
   * @param model the model name
   * @param split the evaluated split
   * @param questions how many questions were scored
   * @param vqaAccuracy its VQA accuracy
   * @param multipleChoiceAccuracy its multiple-choice accuracy
   * @param relationalAccuracy relational-question accuracy, or {@code null}
   * @param nonRelationalAccuracy non-relational-question accuracy, or {@code null}
   * @param report the report directory it comes from
   */
  @JsonPropertyOrder({"model", "split", "questions", "vqaAccuracy", "multipleChoiceAccuracy",
      "relationalAccuracy", "nonRelationalAccuracy", "report"})
  public record Entry(String model, String split, int questions, VqaAccuracy vqaAccuracy,
      double multipleChoiceAccuracy,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double relationalAccuracy,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double nonRelationalAccuracy,
      String report) {}

  /**
   * Validates the fields and copies the list; unlike {@link #of(List, List)}, an empty list is accepted.
   *
   * @param models one entry per compared report, in the order given
   * @param blindBaseline the blind baseline of the (common) evaluation data
   * @throws NullPointerException if {@code models}, one of its entries, or {@code blindBaseline} is null
   */
  public Comparison {
    models = List.copyOf(models);
    Objects.requireNonNull(blindBaseline, "blindBaseline");
  }

  /**
   * Compares reports read from their directories; they must score the same split of the same data
   * (equal data SHA-256, split and question count), since the table shares one blind baseline.
   *
   * @param reports the reports to compare, in table order; at least one
   * @param dirs the directory each report was read from, index for index with {@code reports}; named
   *     in the table and in errors
   * @return the comparison, with the first report's blind baseline
   * @throws IllegalArgumentException naming the first report that differs, and how; also when
   *     {@code reports} is empty or the two lists differ in length
   */
  public static Comparison of(List<VqaReport> reports, List<Path> dirs) {
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("compare needs at least one report");
    }
    if (reports.size() != dirs.size()) {
      throw new IllegalArgumentException(reports.size() + " reports but " + dirs.size() + " directories");
    }
    VqaReport first = reports.get(0);
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      VqaReport r = reports.get(i);
      if (!r.provenance().dataSha256().equals(first.provenance().dataSha256())) {
        throw new IllegalArgumentException(dirs.get(i) + " was evaluated on other data (data SHA-256 "
            + r.provenance().dataSha256() + ") than " + dirs.get(0) + " ("
            + first.provenance().dataSha256() + ")");
      }
      if (!r.split().equals(first.split()) || r.questions() != first.questions()) {
        throw new IllegalArgumentException(dirs.get(i) + " scores " + r.questions() + " questions of "
            + r.split() + ", " + dirs.get(0) + " " + first.questions() + " of " + first.split());
      }
      entries.add(new Entry(r.model(), r.split(), r.questions(), r.vqaAccuracy(),
          r.multipleChoiceAccuracy(), r.relationalAccuracy(), r.nonRelationalAccuracy(),
          dirs.get(i).toString()));
    }
    return new Comparison(entries, first.blindBaseline());
  }
}
