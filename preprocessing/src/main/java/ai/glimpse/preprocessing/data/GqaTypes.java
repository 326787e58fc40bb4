package ai.glimpse.preprocessing.data;

import java.util.Locale;

/**
 * The {@code types} of a GQA question and their mapping to the VQA question and answer types of
 * an {@link Annotation}. Any field may be {@code null} when the file lacks it.
 *
 * <p>The answer-type mapping, from GQA's structural type:
 *
 * <ul>
 *   <li>{@code verify}, {@code logical} → {@code "yes/no"} (their answers are yes or no);
 *   <li>{@code query}, {@code choose}, {@code compare} → {@code "other"}; note that some
 *       {@code compare} questions ("Are the cup and the plate the same color?") have yes/no answers
 *       and still count as {@code "other"};
 *   <li>anything else, or no structural type → {@code "other"}.
 * </ul>
 *
 * <p>GQA has no counting questions; an answer that happens to be a number is not turned into
 * {@code "number"}, so the VQA {@code "number"} bucket of a GQA evaluation stays empty.
 *
 * @param structural GQA's structural type: {@code verify}, {@code query}, {@code choose},
 *     {@code logical} or {@code compare}
 * @param semantic GQA's semantic type: {@code rel}, {@code attr}, {@code obj}, {@code cat} or
 *     {@code global}
 * @param detailed GQA's detailed type, e.g. {@code relS} or {@code materialVerify}
 */
public record GqaTypes(String structural, String semantic, String detailed) {
  /** The question type used when a record has neither a detailed nor a semantic type. */
  public static final String UNKNOWN_QUESTION_TYPE = "unknown";

  /**
   * Returns types that are all absent.
   *
   * @return a new instance with all three fields {@code null}
   */
  public static GqaTypes none() {
    return new GqaTypes(null, null, null);
  }

  /**
   * Returns the VQA question type: the detailed type, else the semantic type, else
   * {@value #UNKNOWN_QUESTION_TYPE}.
   *
   * @return the first non-empty of detailed and semantic type, else {@code "unknown"}; never null
   */
  public String questionType() {
    if (detailed != null && !detailed.isEmpty()) {
      return detailed;
    }
    if (semantic != null && !semantic.isEmpty()) {
      return semantic;
    }
    return UNKNOWN_QUESTION_TYPE;
  }

  /**
   * Returns the VQA answer type of this question's structural type; see the class comment.
   *
   * @return {@code "yes/no"} or {@code "other"}
   */
  public String answerType() {
    return answerType(structural);
  }

  /**
   * Maps a GQA structural type to a VQA answer type: {@code verify} and {@code logical} to
   * {@code "yes/no"}, everything else (including {@code null}) to {@code "other"}.
   *
   * @param structural the structural type, compared case-insensitively; may be {@code null}
   * @return {@code "yes/no"} or {@code "other"}
   */
  public static String answerType(String structural) {
    if (structural == null) {
      return "other";
    }
    return switch (structural.toLowerCase(Locale.ROOT)) {
      case "verify", "logical" -> "yes/no";
      default -> "other";
    };
  }
}
