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
    /** Encodes images {@code [n][C·H·W]} into annotations {@code [n][L·D]} and the initial state. */
    Encoded encode(float[][] images);

    /**
     * Runs one decoder step for {@code n} rows: previous word ids {@code [n]}, state
     * {@code h, c [n][U]}, annotations {@code [n][L·D]} (rows may share an array).
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
    /** The number of scored tokens: the words plus {@code <end>} if produced. */
    public int scoredTokens() {
      return words.length + (ended ? 1 : 0);
    }
  }

  private CaptionSearch() {}

  /** Decodes each image {@code [n][C·H·W]} greedily: at every step the most probable word. */
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
