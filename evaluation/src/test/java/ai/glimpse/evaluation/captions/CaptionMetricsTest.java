package ai.glimpse.evaluation.captions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BLEU, ROUGE-L and CIDEr-D on tiny cases whose values are worked out by hand from the rules of
 * pycocoevalcap (bleu_scorer.py, rouge.py, cider_scorer.py). Tolerance 1e-12 relative where the
 * arithmetic is exact in doubles, 1e-9 where the smoothing constants 1e-15 / 1e-9 enter.
 */
class CaptionMetricsTest {
  private static final double TINY = 1e-15;
  private static final double SMALL = 1e-9;

  private static List<String> t(String s) {
    return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
  }

  private static List<List<String>> refs(String... r) {
    return Arrays.stream(r).map(CaptionMetricsTest::t).toList();
  }

  @Test
  void bleuOfOneSentenceWithTwoReferences() {
    // hyp "the cat sat on the mat" (6 words); refs of 6 and 7 words, closest length 6.
    // 1-grams: the x2 (clipped at 2, ref 1 has two), cat, on, mat match, sat not: 5/6.
    // 2-grams: "the cat", "on the", "the mat" match of 5: 3/5. 3-grams: "on the mat" 1/4.
    // 4-grams: none of 3 -> (0 + tiny) / (3 + small).
    // Lengths 6 vs 6: ratio (6 + tiny) / (6 + small) is just below 1, so the brevity penalty
    // exp(1 - 1/ratio) is 1 - 1.7e-10, as in the evaluation code.
    double[] bleu = Bleu.corpus(List.of(t("the cat sat on the mat")),
        List.of(refs("the cat is on the mat", "there is a cat on the mat")));
    double p1 = (5 + TINY) / (6 + SMALL);
    double p2 = (3 + TINY) / (5 + SMALL);
    double p3 = (1 + TINY) / (4 + SMALL);
    double p4 = (0 + TINY) / (3 + SMALL);
    double bp = Math.exp(1 - (6 + SMALL) / (6 + TINY));
    double[] expected = {p1 * bp, Math.sqrt(p1 * p2) * bp, Math.cbrt(p1 * p2 * p3) * bp,
        Math.pow(p1 * p2 * p3 * p4, 0.25) * bp};
    assertArrayEquals(expected, bleu, 1e-12);
    // The same in plain numbers: 5/6, sqrt(1/2), cbrt(1/8) = 1/2, and 4th root of 1/8 * 1e-15 / 3.
    assertArrayEquals(new double[] {5.0 / 6, Math.sqrt(0.5), 0.5, 8.0343e-5}, bleu, 1e-8);
  }

  @Test
  void bleuSumsCountsOverTheCorpusAndAppliesOneBrevityPenalty() {
    // Image A as above; image B: hyp "a cat" against refs of 5 and 3 words: closest is 3.
    // Totals: matches 5+2, 3+1, 1+0, 0+0 over guesses 6+2, 5+1, 4+0, 3+0; lengths 8 vs 6+3 = 9,
    // so the penalty is exp(1 - 9/8) for every order.
    double[] bleu = Bleu.corpus(List.of(t("the cat sat on the mat"), t("a cat")),
        List.of(refs("the cat is on the mat", "there is a cat on the mat"),
            refs("a cat on a mat", "a cat sits")));
    double p1 = 7.0 / 8;
    double p2 = 4.0 / 6;
    double p3 = 1.0 / 4;
    double p4 = TINY / 3;
    double bp = Math.exp(1 - 9.0 / 8);
    assertArrayEquals(new double[] {p1 * bp, Math.sqrt(p1 * p2) * bp,
        Math.cbrt(p1 * p2 * p3) * bp, Math.pow(p1 * p2 * p3 * p4, 0.25) * bp}, bleu, 1e-9);
  }

  @Test
  void bleuShortCandidateUsesSmoothingAndBrevityPenalty() {
    // "a cat" (2 words): 1- and 2-grams all match; no 3- or 4-grams, so those factors are
    // (0 + 1e-15) / (0 + 1e-9) = 1e-6 each. Closest reference length 3 -> penalty exp(1 - 3/2).
    double[] bleu = Bleu.corpus(List.of(t("a cat")), List.of(refs("a cat on a mat", "a cat sits")));
    double bp = Math.exp(-0.5);
    assertArrayEquals(new double[] {bp, bp, Math.cbrt(1e-6) * bp, Math.pow(1e-12, 0.25) * bp},
        bleu, 1e-9);
  }

  @Test
  void bleuClosestReferenceLengthTieGoesToTheShorter() {
    // 4 words, references of 3 and 5 words: both 1 away; the shorter (3) is taken, so there is
    // no brevity penalty and BLEU-1 is 4/4. Taking 5 would give exp(1 - 5/4) = 0.78.
    double[] bleu = Bleu.corpus(List.of(t("a b c d")), List.of(refs("a b c", "a b c d e")));
    assertEquals(1.0, bleu[0], 1e-9);
    assertEquals(3, Bleu.closestLength(refs("a b c", "a b c d e"), 4));
  }

  @Test
  void rougeLTakesBestPrecisionAndBestRecallFromAnyReference() {
    // hyp "a b c d e": LCS 3 with "a x c y e" (P 3/5, R 3/5) and 3 with "b c d" (P 3/5, R 1).
    // Best P 0.6 and best R 1 (from different references): F = 2.44 * 0.6 / (1 + 1.44 * 0.6).
    double f = 2.44 * 0.6 * 1.0 / (1.0 + 1.44 * 0.6);
    assertEquals(f, RougeL.score(t("a b c d e"), refs("a x c y e", "b c d")), 1e-12);
    assertEquals(0.785407725321888, f, 1e-12);
    // No common word: 0. The corpus score is the mean over images.
    assertEquals(f / 2, RougeL.corpus(List.of(t("a b c d e"), t("p q")),
        List.of(refs("a x c y e", "b c d"), refs("r s"))), 1e-12);
    assertEquals(3, RougeL.lcs(t("a x c y e"), t("a b c d e")));
  }

  @Test
  void ciderDOnTwoImagesWithLengthPenalty() {
    // N = 2 images, so log N = ln 2. Reference n-grams per image: image 1 {a, b, c, "a b",
    // "a c"}, image 2 {b, c, "b c"}: df(b) = df(c) = 2 (weight ln 2 - ln 2 = 0), every other
    // n-gram df <= 1 (weight ln 2).
    // Image 1, hyp "a b": vs "a b" the vectors are equal: 1 for n = 1, 2, 0 for n = 3, 4; vs "a c"
    // only "a" matches: 1 for n = 1, 0 for n = 2. Sum [2, 1, 0, 0], mean 3/4, / 2 refs, x 10 = 3.75.
    // Image 2, hyp "b c d" vs "b c": n = 1 has a zero reference norm (b, c weigh 0) so 0; n = 2:
    // "b c" matches: ln2^2 / (sqrt(2) ln2 * ln2) = 1/sqrt(2); n = 3: no reference trigram, 0.
    // Lengths (bigram counts) 2 and 1: penalty exp(-1 / 72). Score 10 * (1/sqrt(2)) / 4 * that.
    double image1 = 3.75;
    double image2 = 10 * (1 / Math.sqrt(2)) / 4 * Math.exp(-1.0 / 72);
    double cider = CiderD.corpus(List.of(t("a b"), t("b c d")),
        List.of(refs("a b", "a c"), refs("b c")));
    assertEquals((image1 + image2) / 2, cider, 1e-12);
  }

  @Test
  void ciderDClipsCandidateCountsAtTheReferenceCounts() {
    // N = 2, every n-gram weighs ln 2 per occurrence. Image 1: hyp "a a" has a -> 2 ln2, norm 2 ln2;
    // ref "a b" has a, b -> ln2 each, norm sqrt(2) ln2. Clipped dot product min(2 ln2, ln2) * ln2,
    // so n = 1 gives 1 / (2 sqrt(2)) (unclipped it would be 1 / sqrt(2)); bigram "a a" is not in
    // the reference: 0. Image 2: "c" vs "c": 1 for n = 1. Scores 10/4 * each, then the mean.
    double image1 = 10 * (1 / (2 * Math.sqrt(2))) / 4;
    double image2 = 10 * 1.0 / 4;
    double cider = CiderD.corpus(List.of(t("a a"), t("c")), List.of(refs("a b"), refs("c")));
    assertEquals((image1 + image2) / 2, cider, 1e-12);
  }

  @Test
  void ciderDOfASingleImageIsZeroBecauseLogOfOneIsZero() {
    assertEquals(0.0, CiderD.corpus(List.of(t("a red circle")), List.of(refs("a red circle"))));
  }
}
