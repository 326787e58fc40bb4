package ai.glimpse.preprocessing.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The question vocabulary: index 0 is the padding token, index 1 the unknown token, then the
 * words of the training questions by falling frequency (ties in alphabetical order).
 */
public final class Vocabulary {
  /** The index of the padding token. */
  public static final int PAD = 0;
  /** The index of the unknown-word token. */
  public static final int UNK = 1;

  private final List<String> tokens;
  private final Map<String, Integer> index;
  private final TokenizerConfig config;
  private final Tokenizer tokenizer;

  /**
   * Creates a vocabulary from its token list, which must start with the config's padding and
   * unknown tokens and hold no duplicates.
   */
  public Vocabulary(List<String> tokens, TokenizerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.tokens = List.copyOf(tokens);
    if (this.tokens.size() < 2 || !this.tokens.get(PAD).equals(config.padToken())
        || !this.tokens.get(UNK).equals(config.unkToken())) {
      throw new IllegalArgumentException("vocabulary must start with [" + config.padToken() + ", "
          + config.unkToken() + "], got " + this.tokens.subList(0, Math.min(2, this.tokens.size())));
    }
    Map<String, Integer> map = new HashMap<>(this.tokens.size() * 2);
    for (int i = 0; i < this.tokens.size(); i++) {
      if (map.put(this.tokens.get(i), i) != null) {
        throw new IllegalArgumentException("duplicate token in vocabulary: '" + this.tokens.get(i) + "'");
      }
    }
    this.index = map;
    this.tokenizer = Tokenizer.of(config);
  }

  /**
   * Builds the vocabulary of the given questions: every word seen at least {@code minCount}
   * times, most frequent first.
   */
  public static Vocabulary build(Iterable<String> questions, TokenizerConfig config, int minCount) {
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
    }
    Tokenizer tokenizer = Tokenizer.of(config);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String q : questions) {
      for (String t : tokenizer.tokenize(q)) {
        counts.merge(t, 1, Integer::sum);
      }
    }
    counts.remove(config.padToken());
    counts.remove(config.unkToken());
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
        .thenComparing(Map.Entry::getKey));
    List<String> tokens = new ArrayList<>();
    tokens.add(config.padToken());
    tokens.add(config.unkToken());
    for (Map.Entry<String, Integer> e : entries) {
      if (e.getValue() >= minCount) {
        tokens.add(e.getKey());
      }
    }
    return new Vocabulary(tokens, config);
  }

  /** Returns the index of {@code token}, or {@link #UNK} when it is not in the vocabulary. */
  public int indexOf(String token) {
    return index.getOrDefault(token, UNK);
  }

  /** Returns the token at {@code index}. */
  public String token(int index) {
    return tokens.get(index);
  }

  /** Returns the number of tokens, padding and unknown included. */
  public int size() {
    return tokens.size();
  }

  /** Returns the tokens in index order (unmodifiable). */
  public List<String> tokens() {
    return Collections.unmodifiableList(tokens);
  }

  /** Returns the tokenizer settings of this vocabulary. */
  public TokenizerConfig config() {
    return config;
  }

  /**
   * Encodes a question into {@code config().maxLength()} token ids, padded with {@link #PAD}
   * after the last word and cut after {@code maxLength} words.
   */
  public long[] encode(String question) {
    long[] ids = new long[config.maxLength()];
    encodeInto(question, ids, 0);
    return ids;
  }

  /**
   * Writes the ids of {@code question} into {@code out[offset .. offset + maxLength)} and returns
   * the number of words the question had before any cut.
   */
  public int encodeInto(String question, long[] out, int offset) {
    List<String> words = tokenizer.tokenize(question);
    int n = Math.min(words.size(), config.maxLength());
    for (int i = 0; i < config.maxLength(); i++) {
      out[offset + i] = i < n ? indexOf(words.get(i)) : PAD;
    }
    return words.size();
  }

  /** Returns the number of words of {@code question} under this vocabulary's tokenizer. */
  public int length(String question) {
    return tokenizer.tokenize(question).size();
  }
}
