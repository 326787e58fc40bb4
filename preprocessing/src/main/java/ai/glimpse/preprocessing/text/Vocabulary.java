package ai.glimpse.preprocessing.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The question vocabulary and the tokenizer that goes with it ({@link TokenizerConfig#kind()}).
 *
 * <ul>
 *   <li>{@link TokenizerKind#WORDS}: index 0 is the padding token, index 1 the unknown token, then
 *       the words of the training questions by falling frequency (ties in alphabetical order);
 *       see {@link #build}.
 *   <li>{@link TokenizerKind#WORDPIECE}: the lines of a BERT {@code vocab.txt} in file order
 *       (index = line number - 1), {@code [PAD]} at index 0 and {@code [UNK]} wherever the file
 *       has it; see {@link #readWordpiece}. Questions become WordPiece sub-words.
 * </ul>
 */
public final class Vocabulary {
  /** The index of the padding token, for every tokenizer kind. */
  public static final int PAD = 0;
  /**
   * The index of the unknown-word token of a {@link TokenizerKind#WORDS} vocabulary; a WordPiece
   * vocabulary has it where its file does, see {@link #unkIndex()}.
   */
  public static final int UNK = 1;

  private static final Logger LOG = LoggerFactory.getLogger(Vocabulary.class);

  private final List<String> tokens;
  private final Map<String, Integer> index;
  private final TokenizerConfig config;
  private final Function<String, List<String>> tokenizer;
  private final int unk;

  /**
   * Creates a vocabulary from its token list, which holds no duplicates and, for the words
   * tokenizer, starts with the config's padding and unknown tokens; for WordPiece it starts with
   * {@code [PAD]} and holds {@code [UNK]} anywhere.
   *
   * @param tokens the tokens in index order; copied, no null elements
   * @param config the tokenizer settings; its kind selects the tokenizer and the checks above
   * @throws IllegalArgumentException naming the misplaced, missing or duplicate token
   */
  public Vocabulary(List<String> tokens, TokenizerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.tokens = List.copyOf(tokens);
    if (config.kind() == TokenizerKind.WORDS) {
      if (this.tokens.size() < 2 || !this.tokens.get(PAD).equals(config.padToken())
          || !this.tokens.get(UNK).equals(config.unkToken())) {
        throw new IllegalArgumentException("vocabulary must start with [" + config.padToken() + ", "
            + config.unkToken() + "], got " + this.tokens.subList(0, Math.min(2, this.tokens.size())));
      }
    } else if (this.tokens.isEmpty() || !this.tokens.get(PAD).equals(config.padToken())) {
      throw new IllegalArgumentException("a wordpiece vocabulary must have " + config.padToken()
          + " at index 0, got " + this.tokens.subList(0, Math.min(1, this.tokens.size())));
    }
    Map<String, Integer> map = new HashMap<>(this.tokens.size() * 2);
    for (int i = 0; i < this.tokens.size(); i++) {
      Integer previous = map.put(this.tokens.get(i), i);
      if (previous != null) {
        throw new IllegalArgumentException("duplicate token in vocabulary: '" + this.tokens.get(i)
            + "' at indices " + previous + " and " + i);
      }
    }
    this.index = map;
    Integer unkAt = map.get(config.unkToken());
    if (unkAt == null) {
      throw new IllegalArgumentException("the vocabulary has no unknown token " + config.unkToken());
    }
    this.unk = unkAt;
    if (config.kind() == TokenizerKind.WORDS) {
      this.tokenizer = Tokenizer.of(config)::tokenize;
    } else {
      this.tokenizer = new WordpieceTokenizer(
          Collections.unmodifiableSet(map.keySet()), config.lowercase(), config.unkToken())::tokenize;
    }
  }

  /**
   * Reads a BERT WordPiece vocabulary: one token per line of {@code vocabTxt} (UTF-8, surrounding
   * whitespace stripped), token {@code i} on line {@code i + 1}.
   *
   * @param vocabTxt the {@code vocab.txt} file; a byte-order mark on line 1 is skipped
   * @param config the settings, of kind {@link TokenizerKind#WORDPIECE}
   * @return the vocabulary, {@code [PAD]} at index 0
   * @throws IllegalArgumentException if {@code config} is not of kind WordPiece
   * @throws IOException naming the file and the line when a line is blank or not UTF-8, a token
   *     appears twice (both lines), {@code [PAD]} is not on line 1, or {@code [UNK]} is missing
   */
  public static Vocabulary readWordpiece(Path vocabTxt, TokenizerConfig config) throws IOException {
    Objects.requireNonNull(vocabTxt, "vocabTxt");
    if (config.kind() != TokenizerKind.WORDPIECE) {
      throw new IllegalArgumentException("readWordpiece needs a wordpiece tokenizer config, got "
          + config.kind().jsonName());
    }
    List<String> tokens = new ArrayList<>();
    Map<String, Integer> lines = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(vocabTxt, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        int number = tokens.size() + 1;
        String token = line.strip();
        if (number == 1 && token.startsWith("\uFEFF")) {
          token = token.substring(1).strip();
        }
        if (token.isEmpty()) {
          throw new IOException(vocabTxt + " line " + number + ": blank line; a vocab.txt has one"
              + " token per line");
        }
        Integer previous = lines.putIfAbsent(token, number);
        if (previous != null) {
          throw new IOException(vocabTxt + " line " + number + ": token '" + token
              + "' duplicates line " + previous);
        }
        tokens.add(token);
      }
    } catch (CharacterCodingException e) {
      throw new IOException(vocabTxt + " line " + (tokens.size() + 1) + ": not valid UTF-8", e);
    }
    if (tokens.isEmpty()) {
      throw new IOException(vocabTxt + ": no tokens (the file is empty)");
    }
    Integer pad = lines.get(config.padToken());
    if (pad == null) {
      throw new IOException(vocabTxt + ": no " + config.padToken() + " token; it must be on line 1");
    }
    if (pad != 1) {
      throw new IOException(vocabTxt + " line " + pad + ": " + config.padToken()
          + " must be on line 1 (index 0), the padding index; found '" + tokens.get(0) + "' there");
    }
    if (!lines.containsKey(config.unkToken())) {
      throw new IOException(vocabTxt + ": no " + config.unkToken() + " token in " + tokens.size()
          + " lines");
    }
    Vocabulary vocabulary = new Vocabulary(tokens, config);
    LOG.info("wordpiece vocabulary {}: {} tokens, {} at index {}", vocabTxt, tokens.size(),
        config.unkToken(), vocabulary.unkIndex());
    return vocabulary;
  }

  /**
   * Builds the vocabulary of the given questions: every word seen at least {@code minCount}
   * times, most frequent first.
   *
   * @param questions the training question texts, iterated once
   * @param config the settings, of kind {@link TokenizerKind#WORDS}
   * @param minCount the minimum number of occurrences of a kept word, at least 1
   * @return the vocabulary: padding, unknown, then the kept words by falling count, ties
   *     alphabetical
   * @throws IllegalArgumentException if {@code config} is not of kind WORDS or {@code minCount < 1}
   */
  public static Vocabulary build(Iterable<String> questions, TokenizerConfig config, int minCount) {
    if (config.kind() != TokenizerKind.WORDS) {
      throw new IllegalArgumentException("a " + config.kind().jsonName()
          + " vocabulary comes from its file, not from the questions; use readWordpiece");
    }
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

  /**
   * Looks up a token.
   *
   * @param token the token, matched exactly (no lower-casing here)
   * @return the index of {@code token}, or {@link #unkIndex()} when it is not in the vocabulary
   */
  public int indexOf(String token) {
    Integer i = index.get(token);
    return i == null ? unk : i;
  }

  /**
   * Returns the index of the unknown token.
   *
   * @return {@link #UNK} for words, the file's index for WordPiece
   */
  public int unkIndex() {
    return unk;
  }

  /**
   * Returns the tokens of {@code question} under this vocabulary's tokenizer (words, or WordPiece
   * pieces), before any cut to {@code maxLength}.
   *
   * @param question the question text; not null
   * @return the tokens in order; words may be outside the vocabulary (WordPiece pieces never are)
   */
  public List<String> tokenize(String question) {
    return tokenizer.apply(question);
  }

  /**
   * Returns the token at an index.
   *
   * @param index the index, in {@code [0, size())}
   * @return the token
   * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
   */
  public String token(int index) {
    return tokens.get(index);
  }

  /**
   * Returns the vocabulary size.
   *
   * @return the number of tokens, padding and unknown included
   */
  public int size() {
    return tokens.size();
  }

  /**
   * Returns all tokens.
   *
   * @return the tokens in index order (unmodifiable)
   */
  public List<String> tokens() {
    return Collections.unmodifiableList(tokens);
  }

  /**
   * Returns the tokenizer settings.
   *
   * @return the settings this vocabulary was created with
   */
  public TokenizerConfig config() {
    return config;
  }

  /**
   * Encodes a question into {@code config().maxLength()} token ids, padded with {@link #PAD}
   * after the last token and cut after {@code maxLength} tokens (words, or WordPiece pieces).
   *
   * @param question the question text; not null
   * @return a new array of {@code maxLength} ids; unknown words are {@link #unkIndex()}
   */
  public long[] encode(String question) {
    long[] ids = new long[config.maxLength()];
    encodeInto(question, ids, 0);
    return ids;
  }

  /**
   * Writes the ids of {@code question} into {@code out[offset .. offset + maxLength)} and returns
   * the number of tokens (words, or WordPiece pieces) the question had before any cut.
   *
   * @param question the question text; not null
   * @param out the array to fill, e.g. a flat {@code [batch, maxLength]} batch; all
   *     {@code maxLength} positions from {@code offset} are overwritten
   * @param offset the first position to write
   * @return the untruncated token count, which may exceed {@code maxLength}
   * @throws ArrayIndexOutOfBoundsException if {@code out} has fewer than {@code offset + maxLength}
   *     elements
   */
  public int encodeInto(String question, long[] out, int offset) {
    List<String> words = tokenizer.apply(question);
    int n = Math.min(words.size(), config.maxLength());
    for (int i = 0; i < config.maxLength(); i++) {
      out[offset + i] = i < n ? indexOf(words.get(i)) : PAD;
    }
    return words.size();
  }

  /**
   * Counts the tokens of a question.
   *
   * @param question the question text; not null
   * @return the number of tokens under this vocabulary's tokenizer, before any cut to
   *     {@code maxLength}
   */
  public int length(String question) {
    return tokenizer.apply(question).size();
  }
}
