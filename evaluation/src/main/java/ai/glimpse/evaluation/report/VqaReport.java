package ai.glimpse.evaluation.report;

import ai.glimpse.evaluation.metrics.AnswerClassification;
import ai.glimpse.evaluation.metrics.VqaAccuracy;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The evaluation report of one model on one split, serialized as {@code report.json} with these
 * exact field names.
 *
 * @param model the model name (e.g. {@code saaa})
 * @param split the evaluated split (e.g. {@code val})
 * @param questions how many questions were evaluated
 * @param vqaAccuracy the model's official VQA accuracy, percent
 * @param multipleChoiceAccuracy the model's multiple-choice accuracy, percent, counting
 *     {@code <unk>} predictions as wrong
 * @param blindBaseline the VQA accuracy of the question-type blind baseline on the same
 *     questions, percent
 * @param onnxParityMaxAbsDiff the largest absolute difference between TensorFlow and ONNX Runtime
 *     outputs on the parity batch, or {@code null} if parity was not measured
 * @param provenance the model, data and config the numbers come from
 * @param relationalAccuracy VQA accuracy over the relational questions (Sort-of-CLEVR style
 *     question types), percent, or {@code null} (left out of the JSON) for other datasets
 * @param nonRelationalAccuracy the same over the non-relational questions
 * @param multipleChoiceAccuracyExcludingUnk multiple-choice accuracy leaving {@code <unk>}
 *     predictions out of numerator and denominator, percent, or {@code null} (left out of the
 *     JSON) when not measured
 * @param answerClassification Tribuo's label evaluation of the answers, or {@code null} (left out
 *     of the JSON) when not measured
 */
@JsonPropertyOrder({"model", "split", "questions", "vqaAccuracy", "multipleChoiceAccuracy",
    "multipleChoiceAccuracyExcludingUnk", "blindBaseline", "relationalAccuracy",
    "nonRelationalAccuracy", "onnxParityMaxAbsDiff", "answerClassification", "provenance"})
public record VqaReport(
    String model,
    String split,
    @JsonProperty(required = true) int questions,
    VqaAccuracy vqaAccuracy,
    @JsonProperty(required = true) double multipleChoiceAccuracy,
    VqaAccuracy blindBaseline,
    Double onnxParityMaxAbsDiff,
    Provenance provenance,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double relationalAccuracy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double nonRelationalAccuracy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double multipleChoiceAccuracyExcludingUnk,
    @JsonInclude(JsonInclude.Include.NON_NULL) AnswerClassification answerClassification) {

  /**
   * A report without relational figures, {@code <unk>}-excluding accuracy or label evaluation.
   *
   * @param model the model name (e.g. {@code saaa}); not blank
   * @param split the evaluated split (e.g. {@code val}); not blank
   * @param questions how many questions were evaluated, 0 or more
   * @param vqaAccuracy the model's official VQA accuracy, percent; not null
   * @param multipleChoiceAccuracy the multiple-choice accuracy in [0, 100], {@code <unk>} counted wrong
   * @param blindBaseline the blind baseline's VQA accuracy on the same questions; not null
   * @param onnxParityMaxAbsDiff the largest TensorFlow vs ONNX Runtime output difference, finite and
   *     at least 0, or null if not measured
   * @param provenance the model, data and config the numbers come from; not null
   * @throws IllegalArgumentException if a value is blank or out of range
   */
  public VqaReport(String model, String split, int questions, VqaAccuracy vqaAccuracy,
      double multipleChoiceAccuracy, VqaAccuracy blindBaseline, Double onnxParityMaxAbsDiff,
      Provenance provenance) {
    this(model, split, questions, vqaAccuracy, multipleChoiceAccuracy, blindBaseline,
        onnxParityMaxAbsDiff, provenance, null, null);
  }

  /**
   * A report without {@code <unk>}-excluding multiple-choice accuracy or label evaluation.
   *
   * @param model the model name (e.g. {@code saaa}); not blank
   * @param split the evaluated split (e.g. {@code val}); not blank
   * @param questions how many questions were evaluated, 0 or more
   * @param vqaAccuracy the model's official VQA accuracy, percent; not null
   * @param multipleChoiceAccuracy the multiple-choice accuracy in [0, 100], {@code <unk>} counted wrong
   * @param blindBaseline the blind baseline's VQA accuracy on the same questions; not null
   * @param onnxParityMaxAbsDiff the largest TensorFlow vs ONNX Runtime output difference, finite and
   *     at least 0, or null if not measured
   * @param provenance the model, data and config the numbers come from; not null
   * @param relationalAccuracy VQA accuracy over the relational questions, percent, or null for
   *     datasets without them
   * @param nonRelationalAccuracy VQA accuracy over the non-relational questions, percent, or null
   * @throws IllegalArgumentException if a value is blank or out of range
   */
  public VqaReport(String model, String split, int questions, VqaAccuracy vqaAccuracy,
      double multipleChoiceAccuracy, VqaAccuracy blindBaseline, Double onnxParityMaxAbsDiff,
      Provenance provenance, Double relationalAccuracy, Double nonRelationalAccuracy) {
    this(model, split, questions, vqaAccuracy, multipleChoiceAccuracy, blindBaseline,
        onnxParityMaxAbsDiff, provenance, relationalAccuracy, nonRelationalAccuracy, null, null);
  }

  /**
   * Validates the fields; the relational accuracies, the {@code <unk>}-excluding accuracy (beyond its
   * range) and the label evaluation are taken as given.
   *
   * @param model the model name (e.g. {@code saaa})
   * @param split the evaluated split (e.g. {@code val})
   * @param questions how many questions were evaluated
   * @param vqaAccuracy the model's official VQA accuracy, percent
   * @param multipleChoiceAccuracy the model's multiple-choice accuracy, percent, counting {@code <unk>}
   *     predictions as wrong
   * @param blindBaseline the VQA accuracy of the question-type blind baseline on the same questions,
   *     percent
   * @param onnxParityMaxAbsDiff the largest absolute difference between TensorFlow and ONNX Runtime outputs
   *     on the parity batch, or {@code null} if parity was not measured
   * @param provenance the model, data and config the numbers come from
   * @param relationalAccuracy VQA accuracy over the relational questions (Sort-of-CLEVR style question
   *     types), percent, or {@code null} (left out of the JSON) for other datasets
   * @param nonRelationalAccuracy the same over the non-relational questions
   * @param multipleChoiceAccuracyExcludingUnk multiple-choice accuracy leaving {@code <unk>} predictions
   *     out of numerator and denominator, percent, or {@code null} (left out of the JSON) when not measured
   * @param answerClassification Tribuo's label evaluation of the answers, or {@code null} (left out of the
   *     JSON) when not measured
   * @throws IllegalArgumentException if {@code model} or {@code split} is blank, {@code questions} is
   *     negative, {@code multipleChoiceAccuracy} or {@code multipleChoiceAccuracyExcludingUnk} is outside
   *     [0, 100], or {@code onnxParityMaxAbsDiff} is negative or not finite
   * @throws NullPointerException if {@code model}, {@code split}, {@code vqaAccuracy},
   *     {@code blindBaseline} or {@code provenance} is null
   */
  public VqaReport {
    requireNonBlank("model", model);
    requireNonBlank("split", split);
    if (questions < 0) {
      throw new IllegalArgumentException("questions must be >= 0, got " + questions);
    }
    Objects.requireNonNull(vqaAccuracy, "vqaAccuracy");
    if (!(multipleChoiceAccuracy >= 0 && multipleChoiceAccuracy <= 100)) {
      throw new IllegalArgumentException(
          "multipleChoiceAccuracy must be a percentage in [0, 100], got " + multipleChoiceAccuracy);
    }
    Objects.requireNonNull(blindBaseline, "blindBaseline");
    if (onnxParityMaxAbsDiff != null
        && !(onnxParityMaxAbsDiff >= 0 && onnxParityMaxAbsDiff < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("onnxParityMaxAbsDiff must be finite and >= 0 (or null if "
          + "not measured), got " + onnxParityMaxAbsDiff);
    }
    Objects.requireNonNull(provenance, "provenance");
    if (multipleChoiceAccuracyExcludingUnk != null
        && !(multipleChoiceAccuracyExcludingUnk >= 0 && multipleChoiceAccuracyExcludingUnk <= 100)) {
      throw new IllegalArgumentException("multipleChoiceAccuracyExcludingUnk must be a percentage "
          + "in [0, 100], got " + multipleChoiceAccuracyExcludingUnk);
    }
  }

  private static void requireNonBlank(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
