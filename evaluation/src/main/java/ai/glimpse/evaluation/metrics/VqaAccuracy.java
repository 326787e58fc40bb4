package ai.glimpse.evaluation.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * VQA accuracy in percent, as the official evaluator reports it: overall, per answer type and
 * per question type, each rounded to two decimals like Python's {@code round(x, 2)}.
 *
 * @param overall accuracy over all questions, percent in [0, 100]
 * @param perAnswerType accuracy per answer type ({@code yes/no}, {@code number},
 *     {@code other}), percent, sorted by key
 * @param perQuestionType accuracy per question type (e.g. {@code what color is the}), percent,
 *     sorted by key
 */
public record VqaAccuracy(
    double overall, Map<String, Double> perAnswerType, Map<String, Double> perQuestionType) {

  /**
   * Checks that every value is a percentage and copies the maps into sorted unmodifiable ones.
   *
   * @param overall accuracy over all questions, percent in [0, 100]
   * @param perAnswerType accuracy per answer type ({@code yes/no}, {@code number}, {@code other}), percent,
   *     sorted by key
   * @param perQuestionType accuracy per question type (e.g. {@code what color is the}), percent, sorted by
   *     key
   * @throws IllegalArgumentException if a value is outside [0, 100] or NaN
   * @throws NullPointerException if a map, key or value is null
   */
  public VqaAccuracy {
    checkPercent("overall", overall);
    perAnswerType = sortedCopy("perAnswerType", perAnswerType);
    perQuestionType = sortedCopy("perQuestionType", perQuestionType);
  }

  /**
   * Rounds to two decimals exactly as Python's {@code round(x, 2)} does on a double: the exact
   * binary value is rounded, ties (only possible when the double is exactly on a half) to even;
   * so {@code round2(0.125) == 0.12} and {@code round2(2.675) == 2.67}.
   *
   * @param x the value to round; must be finite
   * @return the double nearest to {@code x} rounded to two decimals
   * @throws IllegalArgumentException if {@code x} is NaN or infinite
   */
  public static double round2(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("cannot round a non-finite value: " + x);
    }
    return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static void checkPercent(String name, double value) {
    if (!(value >= 0 && value <= 100)) {
      throw new IllegalArgumentException(name + " must be a percentage in [0, 100], got " + value);
    }
  }

  private static Map<String, Double> sortedCopy(String name, Map<String, Double> map) {
    Objects.requireNonNull(map, name);
    SortedMap<String, Double> sorted = new TreeMap<>();
    for (Map.Entry<String, Double> e : map.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), () -> name + " has a null key");
      Double value = Objects.requireNonNull(e.getValue(), () -> name + " '" + key + "' is null");
      checkPercent(name + " '" + key + "'", value);
      sorted.put(key, value);
    }
    return Collections.unmodifiableSortedMap(sorted);
  }
}
