package ai.glimpse.evaluation.captions;

/**
 * The COCO caption metrics of a set of generated captions, on the evaluation's scales: BLEU and
 * ROUGE-L in [0, 1], CIDEr-D in [0, 10] (usually below 2 for real models).
 *
 * @param bleu1 corpus BLEU-1
 * @param bleu2 corpus BLEU-2
 * @param bleu3 corpus BLEU-3
 * @param bleu4 corpus BLEU-4
 * @param rougeL mean ROUGE-L (beta 1.2) over images
 * @param ciderD mean CIDEr-D (n = 1..4, sigma 6, times 10) over images
 */
public record CaptionEvaluation(double bleu1, double bleu2, double bleu3, double bleu4,
    double rougeL, double ciderD) {
  /**
   * Checks that every metric is a finite number within its range, allowing 1e-9 above the maximum for the
   * smoothing constants.
   *
   * @param bleu1 corpus BLEU-1
   * @param bleu2 corpus BLEU-2
   * @param bleu3 corpus BLEU-3
   * @param bleu4 corpus BLEU-4
   * @param rougeL mean ROUGE-L (beta 1.2) over images
   * @param ciderD mean CIDEr-D (n = 1..4, sigma 6, times 10) over images
   * @throws IllegalArgumentException if a BLEU or ROUGE-L score is outside [0, 1], CIDEr-D is outside [0,
   *     {@value CiderD#SCALE}], or a value is NaN
   */
  public CaptionEvaluation {
    check("bleu1", bleu1, 1);
    check("bleu2", bleu2, 1);
    check("bleu3", bleu3, 1);
    check("bleu4", bleu4, 1);
    check("rougeL", rougeL, 1);
    check("ciderD", ciderD, CiderD.SCALE);
  }

  private static void check(String name, double value, double max) {
    // A little slack above the maximum: the smoothing constants can push a perfect BLEU past 1.
    if (!(value >= 0 && value <= max + 1e-9)) {
      throw new IllegalArgumentException(name + " must be in [0, " + max + "], got " + value);
    }
  }
}
