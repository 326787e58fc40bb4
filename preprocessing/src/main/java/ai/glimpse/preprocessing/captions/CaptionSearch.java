package ai.glimpse.preprocessing.captions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Caption search over any implementation of an encoder and a decoder step ({@link Steps}): greedy
 * decoding of a batch, beam search with length normalization, and temperature sampling. Word ids
 * follow {@code CaptionVocabulary}: 0 {@code <pad>}, 1 {@code <start>}, 2 {@code <end>}; the search
 * never emits {@code <pad>} or {@code <start>}, and stops at {@code <end>} or after
 * {@code maxWords} words. It serves both TensorFlow Java (tf-models) and ONNX Runtime (onnx-runtime) decoding,
 * so both give the same captions.
 */
public final class CaptionSearch {
  private static final int PAD = 0;
  private static final int START = 1;
  private static final int END = 2;

  /** An encoder and a single decoder step, each on a batch of rows. */
  public interface Steps {
    /**
     * Encodes images {@code [n][C·H·W]} into annotations {@code [n][L·D]} and the initial state.
     *
     * @param images {@code n} preprocessed images, one flattened {@code [C·H·W]} row each
     * @return annotations {@code [n][L·D]} and the initial LSTM state {@code h, c [n][U]}, row
     *     {@code i} for image {@code i}
     */
    Encoded encode(float[][] images);

    /**
     * Runs one decoder step for {@code n} rows: previous word ids {@code [n]}, state
     * {@code h, c [n][U]}, annotations {@code [n][L·D]} (rows may share an array).
     *
     * @param previousWords the word id fed to each row: {@code <start>} (1) at the first step,
     *     then the row's last word; {@code [n]}
     * @param h the LSTM hidden state of each row, {@code [n][U]}
     * @param c the LSTM cell state of each row, {@code [n][U]}
     * @param annotations the image annotations of each row, {@code [n][L·D]}; beam search passes
     *     the same array for every row, so the step must not modify it
     * @return the next-word probabilities {@code [n][V]} (a softmax output, not logits or logs),
     *     the attention weights {@code [n][L]} and the new state {@code h, c [n][U]}
     */
    StepOutput step(int[] previousWords, float[][] h, float[][] c, float[][] annotations);
  }

  /** Annotations {@code [n][L·D]} and the initial LSTM state {@code [n][U]}. */
  public record Encoded(float[][] annotations, float[][] h, float[][] c) {}

  /** Word probabilities {@code [n][V]}, attention weights {@code [n][L]} and the new state. */
  public record StepOutput(float[][] probabilities, float[][] alpha, float[][] h, float[][] c) {}

  /**
   * A generated caption.
   *
   * @param words the word ids, without {@code <start>} and {@code <end>}
   * @param attention the attention weights {@code [words][L]} of the step that produced each word
   * @param logProbability the summed natural log-probability of the words and, if produced, {@code <end>}
   * @param ended whether the caption ended with {@code <end>} (rather than at {@code maxWords})
   */
  public record Generated(int[] words, float[][] attention, double logProbability, boolean ended) {
    /**
     * The number of scored tokens: the words plus {@code <end>} if produced.
     *
     * @return {@code words.length}, plus 1 if {@link #ended()}; the divisor of length
     *     normalization in {@link CaptionSearch#beam}
     */
    public int scoredTokens() {
      return words.length + (ended ? 1 : 0);
    }
  }

  private CaptionSearch() {}

  /**
   * Decodes each image {@code [n][C·H·W]} greedily: at every step the most probable word.
   * The batch runs one {@link Steps#step} per word until every caption has ended or reached
   * {@code maxWords}; ties go to the smaller word id.
   *
   * @param steps the encoder and decoder step, called from the current thread
   * @param images {@code n} preprocessed images, one flattened {@code [C·H·W]} row each
   * @param maxWords the most words per caption, at least 1, {@code <end>} not counted
   * @return one caption per image, in the order of {@code images}
   * @throws IllegalArgumentException if {@code maxWords < 1}
   */
  public static List<Generated> greedy(Steps steps, float[][] images, int maxWords) {
    checkMaxWords(maxWords);
    int n = images.length;
    Encoded enc = steps.encode(images);
    float[][] h = enc.h();
    float[][] c = enc.c();
    int[] previous = new int[n];
    Arrays.fill(previous, START);
    List<List<Integer>> words = new ArrayList<>();
    List<List<float[]>> attention = new ArrayList<>();
    double[] logp = new double[n];
    boolean[] done = new boolean[n];
    boolean[] ended = new boolean[n];
    for (int i = 0; i < n; i++) {
      words.add(new ArrayList<>());
      attention.add(new ArrayList<>());
    }
    for (int t = 0; t < maxWords + 1; t++) {
      StepOutput out = steps.step(previous, h, c, enc.annotations());
      boolean any = false;
      for (int i = 0; i < n; i++) {
        if (done[i]) {
          continue;
        }
        int w = argmax(out.probabilities()[i], t < maxWords);
        logp[i] += log(out.probabilities()[i][w]);
        if (w == END) {
          done[i] = true;
          ended[i] = true;
        } else {
          words.get(i).add(w);
          attention.get(i).add(out.alpha()[i].clone());
          previous[i] = w;
          done[i] = words.get(i).size() == maxWords;
          any |= !done[i];
        }
      }
      if (!any) {
        break;
      }
      h = out.h();
      c = out.c();
    }
    List<Generated> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      result.add(new Generated(words.get(i).stream().mapToInt(Integer::intValue).toArray(),
          attention.get(i).toArray(float[][]::new), logp[i], ended[i]));
    }
    return result;
  }

  /**
   * Beam search of width {@code width} for one image {@code [C·H·W]}: at each step the best
   * {@code width − finished} continuations of the live hypotheses by total log-probability; a
   * hypothesis finishes at {@code <end>} or at {@code maxWords} words. Returns the finished
   * hypothesis with the best log-probability divided by its number of scored tokens (length
   * normalization) or, with {@code normalizeLength} false, the best total. Width 1 is greedy.
   *
   * @param steps the encoder and decoder step, called from the current thread with up to
   *     {@code width} rows per step
   * @param image one preprocessed image, flattened {@code [C·H·W]}
   * @param width the beam width, at least 1
   * @param maxWords the most words per caption, at least 1, {@code <end>} not counted
   * @param normalizeLength whether to rank finished hypotheses by log-probability per scored token
   *     rather than by total log-probability (which favours short captions)
   * @return the best finished hypothesis; null only if no step ever offered a word or
   *     {@code <end>} (a vocabulary of fewer than 3 ids)
   * @throws IllegalArgumentException if {@code width < 1} or {@code maxWords < 1}
   */
  public static Generated beam(Steps steps, float[] image, int width, int maxWords, boolean normalizeLength) {
    checkMaxWords(maxWords);
    if (width < 1) {
      throw new IllegalArgumentException("beam width must be >= 1, got " + width);
    }
    Encoded enc = steps.encode(new float[][] {image});
    float[] annotations = enc.annotations()[0];
    List<Hypothesis> live = List.of(new Hypothesis(new int[0], new float[0][], 0, enc.h()[0], enc.c()[0]));
    List<Generated> finished = new ArrayList<>();
    for (int t = 0; t < maxWords + 1 && !live.isEmpty(); t++) {
      int n = live.size();
      int[] previous = new int[n];
      float[][] h = new float[n][];
      float[][] c = new float[n][];
      float[][] ann = new float[n][];
      for (int j = 0; j < n; j++) {
        Hypothesis hy = live.get(j);
        previous[j] = hy.words.length == 0 ? START : hy.words[hy.words.length - 1];
        h[j] = hy.h;
        c[j] = hy.c;
        ann[j] = annotations;
      }
      StepOutput out = steps.step(previous, h, c, ann);
      List<double[]> candidates = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        float[] p = out.probabilities()[j];
        for (int w = 0; w < p.length; w++) {
          if (allowed(w, t < maxWords)) {
            candidates.add(new double[] {live.get(j).logp + log(p[w]), j, w});
          }
        }
      }
      // Best first; ties go to the earlier hypothesis, then the smaller id, as argmax does.
      candidates.sort(Comparator.<double[]>comparingDouble(x -> -x[0])
          .thenComparingDouble(x -> x[1]).thenComparingDouble(x -> x[2]));
      int keep = width - finished.size();
      List<Hypothesis> next = new ArrayList<>();
      for (int k = 0; k < keep && k < candidates.size(); k++) {
        double[] cand = candidates.get(k);
        Hypothesis parent = live.get((int) cand[1]);
        int w = (int) cand[2];
        if (w == END) {
          finished.add(new Generated(parent.words, parent.attention, cand[0], true));
          continue;
        }
        int[] words = Arrays.copyOf(parent.words, parent.words.length + 1);
        words[words.length - 1] = w;
        float[][] att = Arrays.copyOf(parent.attention, parent.attention.length + 1);
        att[att.length - 1] = out.alpha()[(int) cand[1]].clone();
        Hypothesis child = new Hypothesis(words, att, cand[0], out.h()[(int) cand[1]], out.c()[(int) cand[1]]);
        if (words.length == maxWords) {
          finished.add(new Generated(words, att, cand[0], false));
        } else {
          next.add(child);
        }
      }
      live = next;
    }
    Generated best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Generated g : finished) {
      double score = normalizeLength ? g.logProbability() / Math.max(1, g.scoredTokens()) : g.logProbability();
      if (best == null || score > bestScore) {
        best = g;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * Samples a caption for one image {@code [C·H·W]}: each word drawn from the step's probabilities
   * sharpened ({@code temperature < 1}) or flattened ({@code > 1}) as {@code p^(1/T)}, renormalized,
   * which is softmax(logits / T); the draws come from {@code seed} only.
   *
   * @param steps the encoder and decoder step, called from the current thread with one row
   * @param image one preprocessed image, flattened {@code [C·H·W]}
   * @param maxWords the most words per caption, at least 1, {@code <end>} not counted
   * @param temperature the sampling temperature T, finite and above 0; 1 samples from the model's
   *     own distribution
   * @param seed the seed of the random draws; the same seed, image and model give the same caption
   * @return the sampled caption; its {@link Generated#logProbability()} is under the model's
   *     untempered probabilities
   * @throws IllegalArgumentException if {@code maxWords < 1} or the temperature is not finite and
   *     positive
   */
  public static Generated sample(Steps steps, float[] image, int maxWords, double temperature, long seed) {
    checkMaxWords(maxWords);
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    Encoded enc = steps.encode(new float[][] {image});
    float[][] h = enc.h();
    float[][] c = enc.c();
    int previous = START;
    List<Integer> words = new ArrayList<>();
    List<float[]> attention = new ArrayList<>();
    double logp = 0;
    boolean ended = false;
    while (words.size() < maxWords) {
      StepOutput out = steps.step(new int[] {previous}, h, c, enc.annotations());
      float[] p = out.probabilities()[0];
      double[] weights = new double[p.length];
      double total = 0;
      for (int w = 0; w < p.length; w++) {
        weights[w] = allowed(w, true) ? Math.exp(log(p[w]) / temperature) : 0;
        total += weights[w];
      }
      double u = rng.nextDouble() * total;
      int w = -1;
      double acc = 0;
      for (int k = 0; k < p.length; k++) {
        if (weights[k] > 0) {
          w = k;
          acc += weights[k];
          if (acc > u) {
            break;
          }
        }
      }
      logp += log(p[w]);
      if (w == END) {
        ended = true;
        break;
      }
      words.add(w);
      attention.add(out.alpha()[0].clone());
      previous = w;
      h = out.h();
      c = out.c();
    }
    return new Generated(words.stream().mapToInt(Integer::intValue).toArray(),
        attention.toArray(float[][]::new), logp, ended);
  }

  private record Hypothesis(int[] words, float[][] attention, double logp, float[] h, float[] c) {}

  private static boolean allowed(int w, boolean wordsAllowed) {
    return w != PAD && w != START && (wordsAllowed || w == END);
  }

  private static int argmax(float[] p, boolean wordsAllowed) {
    int best = -1;
    for (int w = 0; w < p.length; w++) {
      if (allowed(w, wordsAllowed) && (best < 0 || p[w] > p[best])) {
        best = w;
      }
    }
    return best;
  }

  private static double log(float p) {
    return Math.log(Math.max(p, Float.MIN_VALUE));
  }

  private static void checkMaxWords(int maxWords) {
    if (maxWords < 1) {
      throw new IllegalArgumentException("maxWords must be >= 1, got " + maxWords);
    }
  }

  /**
   * Flattens per-row values into one row-major array for a tensor of {@code shape}, whose first
   * dimension is the number of rows; the decoders of both runtimes build their step inputs so.
   *
   * @param rows the per-row values, each holding the product of {@code shape[1..]} values
   * @param shape the tensor's shape; its first dimension is not read (the number of rows is
   *     {@code rows.length}), so a shape of length 1 means one value per row
   * @return a new array of {@code rows.length} times the product of {@code shape[1..]} values,
   *     row {@code i} starting at {@code i} times that product
   * @throws ArithmeticException if the result would have more than {@code Integer.MAX_VALUE} values
   * @throws IllegalArgumentException if a row does not hold the product of the other dimensions
   */
  public static float[] flatten(float[][] rows, long... shape) {
    long per = 1;
    for (int i = 1; i < shape.length; i++) {
      per *= shape[i];
    }
    float[] flat = new float[Math.toIntExact(rows.length * per)];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != per) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected "
            + per + " for shape " + Arrays.toString(shape));
      }
      System.arraycopy(rows[i], 0, flat, (int) (i * per), (int) per);
    }
    return flat;
  }
}
