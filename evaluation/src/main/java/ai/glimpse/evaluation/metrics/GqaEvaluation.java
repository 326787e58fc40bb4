package ai.glimpse.evaluation.metrics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * GQA accuracy: exact match after normalization, overall and per GQA structural and semantic
 * type, in percent with two decimals.
 *
 * @param questions how many questions were scored
 * @param overall accuracy over all questions, percent
 * @param perStructuralType accuracy per structural type ({@code verify}, {@code query},
 *     {@code choose}, {@code logical}, {@code compare}), percent, sorted by key; questions without
 *     a structural type are under {@value #UNKNOWN_TYPE}
 * @param perSemanticType accuracy per semantic type ({@code rel}, {@code attr}, {@code obj},
 *     {@code cat}, {@code global}), percent, sorted by key
 */
@JsonPropertyOrder({"questions", "overall", "perStructuralType", "perSemanticType"})
public record GqaEvaluation(int questions, double overall, Map<String, Double> perStructuralType,
    Map<String, Double> perSemanticType) {

  /** The key of questions whose file gives no structural or semantic type. */
  public static final String UNKNOWN_TYPE = "unknown";

  /**
   * Checks the percentages and copies the maps into sorted unmodifiable ones.
   *
   * @param questions how many questions were scored
   * @param overall accuracy over all questions, percent
   * @param perStructuralType accuracy per structural type ({@code verify}, {@code query}, {@code choose},
   *     {@code logical}, {@code compare}), percent, sorted by key; questions without a structural type are
   *     under {@value #UNKNOWN_TYPE}
   * @param perSemanticType accuracy per semantic type ({@code rel}, {@code attr}, {@code obj}, {@code cat},
   *     {@code global}), percent, sorted by key
   * @throws IllegalArgumentException if {@code questions} is below 1 or a percentage is outside [0, 100]
   * @throws NullPointerException if a map, key or value is null
   */
  public GqaEvaluation {
    if (questions < 1) {
      throw new IllegalArgumentException("questions must be >= 1, got " + questions);
    }
    check("overall", overall);
    perStructuralType = sorted("perStructuralType", perStructuralType);
    perSemanticType = sorted("perSemanticType", perSemanticType);
  }

  private static void check(String name, double v) {
    if (!(v >= 0 && v <= 100)) {
      throw new IllegalArgumentException(name + " must be a percentage in [0, 100], got " + v);
    }
  }

  private static Map<String, Double> sorted(String name, Map<String, Double> map) {
    Objects.requireNonNull(map, name);
    TreeMap<String, Double> copy = new TreeMap<>();
    map.forEach((k, v) -> {
      check(name + " '" + k + "'", Objects.requireNonNull(v, name + " '" + k + "'"));
      copy.put(Objects.requireNonNull(k, name + " has a null key"), v);
    });
    return Collections.unmodifiableSortedMap(copy);
  }
}
