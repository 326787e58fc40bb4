package ai.glimpse.preprocessing.captions;

import ai.glimpse.preprocessing.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The word vocabulary of a captioning model: {@code <pad>} = 0, {@code <start>} = 1, {@code <end>}
 * = 2, {@code <unk>} = 3, then every word seen at least {@code minWordCount} times in the training
 * captions (after {@link CaptionTokenizer}), most frequent first, ties in alphabetical order.
 *
 * <p>A caption of n words encodes to {@code maxWords + 2} ids: {@code <start> w1 .. wn <end> <pad>
 * ..}; a caption longer than {@code maxWords} keeps its first {@code maxWords} words and still ends
 * with {@code <end>}. The vocabulary is stored with models as JSON ({@link #toJson()}).
 */
public final class CaptionVocabulary {
  /** The id of the padding token {@code <pad>}. */
  public static final int PAD = 0;
  /** The id of the start-of-caption token {@code <start>}. */
  public static final int START = 1;
  /** The id of the end-of-caption token {@code <end>}. */
  public static final int END = 2;
  /** The id of the unknown-word token {@code <unk>}. */
  public static final int UNK = 3;
  /** The default minimum number of training occurrences of a word. */
  public static final int DEFAULT_MIN_WORD_COUNT = 5;

  /** The special tokens, at ids 0..3. */
  public static final List<String> SPECIAL_TOKENS = List.of("<pad>", "<start>", "<end>", "<unk>");

  private static final String FORMAT = "glimpse-caption-vocabulary";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(CaptionVocabulary.class);

  private final List<String> tokens;
  private final Map<String, Integer> index;
  private final int minWordCount;

  /**
   * Creates a vocabulary from its token list, which starts with {@link #SPECIAL_TOKENS} and holds
   * no duplicate and no empty or whitespace-containing token.
   *
   * @param tokens the tokens in id order: {@code <pad>}, {@code <start>}, {@code <end>},
   *     {@code <unk>}, then the words; copied
   * @param minWordCount the threshold the words were chosen with, at least 1 (kept for the record)
   * @throws IllegalArgumentException naming the misplaced, duplicate or invalid token, or if
   *     {@code minWordCount < 1}
   */
  public CaptionVocabulary(List<String> tokens, int minWordCount) {
    this.tokens = List.copyOf(tokens);
    if (minWordCount < 1) {
      throw new IllegalArgumentException("minWordCount must be >= 1, got " + minWordCount);
    }
    this.minWordCount = minWordCount;
    if (this.tokens.size() < SPECIAL_TOKENS.size()
        || !this.tokens.subList(0, SPECIAL_TOKENS.size()).equals(SPECIAL_TOKENS)) {
      throw new IllegalArgumentException("a caption vocabulary must start with " + SPECIAL_TOKENS
          + ", got " + this.tokens.subList(0, Math.min(SPECIAL_TOKENS.size(), this.tokens.size())));
    }
    Map<String, Integer> map = new HashMap<>(this.tokens.size() * 2);
    for (int i = 0; i < this.tokens.size(); i++) {
      String t = this.tokens.get(i);
      if (t.isEmpty() || !t.strip().equals(t) || t.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("invalid token '" + t + "' at index " + i
            + ": tokens are non-empty and hold no whitespace");
      }
      Integer previous = map.put(t, i);
      if (previous != null) {
        throw new IllegalArgumentException("duplicate token in caption vocabulary: '" + t
            + "' at indices " + previous + " and " + i);
      }
    }
    this.index = map;
  }

  /**
   * Builds the vocabulary of {@code captions} with the default threshold of 5 occurrences.
   *
   * @param captions the raw training caption texts, tokenized here with {@link CaptionTokenizer};
   *     iterated once
   * @return the special tokens followed by every word seen at least 5 times
   */
  public static CaptionVocabulary build(Iterable<String> captions) {
    return build(captions, DEFAULT_MIN_WORD_COUNT);
  }

  /**
   * Builds the vocabulary of the given (training) captions: the special tokens, then every word
   * seen at least {@code minWordCount} times, most frequent first, ties alphabetically.
   *
   * @param captions the raw training caption texts, tokenized here with {@link CaptionTokenizer};
   *     iterated once
   * @param minWordCount the fewest occurrences a word needs to get an id, at least 1
   * @return the special tokens followed by the kept words
   * @throws IllegalArgumentException if {@code minWordCount < 1}
   */
  public static CaptionVocabulary build(Iterable<String> captions, int minWordCount) {
    Objects.requireNonNull(captions, "captions");
    if (minWordCount < 1) {
      throw new IllegalArgumentException("minWordCount must be >= 1, got " + minWordCount);
    }
    Map<String, Integer> counts = new HashMap<>();
    int seen = 0;
    for (String caption : captions) {
      seen++;
      for (String w : CaptionTokenizer.tokenize(caption)) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    SPECIAL_TOKENS.forEach(counts::remove);
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
        .thenComparing(Map.Entry::getKey));
    List<String> tokens = new ArrayList<>(SPECIAL_TOKENS);
    for (Map.Entry<String, Integer> e : entries) {
      if (e.getValue() >= minWordCount) {
        tokens.add(e.getKey());
      }
    }
    LOG.info("caption vocabulary from {} captions: {} of {} distinct words seen >= {} times",
        seen, tokens.size() - SPECIAL_TOKENS.size(), counts.size(), minWordCount);
    return new CaptionVocabulary(tokens, minWordCount);
  }

  /**
   * Returns the number of tokens, special tokens included.
   *
   * @return at least 4; the size V of a model's word embedding and output layer
   */
  public int size() {
    return tokens.size();
  }

  /**
   * Returns the tokens in id order.
   *
   * @return an unmodifiable list whose index {@code i} holds the token of id {@code i}
   */
  public List<String> tokens() {
    return tokens;
  }

  /**
   * Returns the minimum word count the vocabulary was built with.
   *
   * @return at least 1
   */
  public int minWordCount() {
    return minWordCount;
  }

  /**
   * Returns the id of {@code word}, or {@link #UNK} if it is not in the vocabulary.
   *
   * @param word a token, matched exactly (tokenize captions first)
   * @return an id in {@code [0, size())}
   */
  public int indexOf(String word) {
    Integer i = index.get(word);
    return i == null ? UNK : i;
  }

  /**
   * Returns the token with the given id.
   *
   * @param id a token id
   * @return the word, or one of the {@link #SPECIAL_TOKENS} for ids 0 to 3
   * @throws IllegalArgumentException if the id is outside {@code [0, size())}
   */
  public String token(int id) {
    if (id < 0 || id >= tokens.size()) {
      throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, "
          + tokens.size() + ")");
    }
    return tokens.get(id);
  }

  /**
   * Tokenizes and encodes a caption into {@code maxWords + 2} ids, {@code <start> w1 .. wn <end>
   * <pad> ..}, cutting it to its first {@code maxWords} words.
   *
   * @param caption the raw caption text, tokenized with {@link CaptionTokenizer}
   * @param maxWords the most words kept, at least 1
   * @return a new array of {@code maxWords + 2} ids; unknown words are {@link #UNK}
   * @throws IllegalArgumentException if {@code maxWords < 1}
   */
  public int[] encode(String caption, int maxWords) {
    return encodeWords(CaptionTokenizer.tokenize(caption), maxWords);
  }

  /**
   * Encodes already tokenized words into {@code maxWords + 2} ids, {@code <start> w1 .. wn <end>
   * <pad> ..}; unknown words become {@link #UNK} and words beyond {@code maxWords} are dropped.
   *
   * @param words the words, as {@link CaptionTokenizer#tokenize} returns them
   * @param maxWords the most words kept, at least 1
   * @return a new array of {@code maxWords + 2} ids
   * @throws IllegalArgumentException if {@code maxWords < 1}
   */
  public int[] encodeWords(List<String> words, int maxWords) {
    Objects.requireNonNull(words, "words");
    if (maxWords < 1) {
      throw new IllegalArgumentException("maxWords must be >= 1, got " + maxWords);
    }
    int n = Math.min(words.size(), maxWords);
    int[] ids = new int[maxWords + 2];
    ids[0] = START;
    for (int i = 0; i < n; i++) {
      ids[i + 1] = indexOf(words.get(i));
    }
    ids[n + 1] = END;
    // The rest is already PAD (0).
    return ids;
  }

  /**
   * Returns the length of an encoded caption, {@code <start>} and {@code <end>} included (the
   * words plus 2), or the array length when it has no {@code <end>}.
   *
   * @param ids an encoded caption, e.g. from {@link #encode}
   * @return the index of the first {@code <end>} plus 1, or {@code ids.length}
   */
  public static int encodedLength(int[] ids) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == END) {
        return i + 1;
      }
    }
    return ids.length;
  }

  /**
   * Decodes ids back to words: skips {@code <start>} and {@code <pad>}, stops at the first
   * {@code <end>}, and keeps {@code <unk>} as the word {@code "<unk>"}.
   *
   * @param ids word ids, e.g. an encoded caption or {@link CaptionSearch.Generated#words()}
   * @return a new, mutable list of the words before the first {@code <end>}
   * @throws IllegalArgumentException naming the position of an id outside the vocabulary
   */
  public List<String> decode(int[] ids) {
    Objects.requireNonNull(ids, "ids");
    List<String> words = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      int id = ids[i];
      if (id < 0 || id >= tokens.size()) {
        throw new IllegalArgumentException("id " + id + " at position " + i
            + " is outside the vocabulary [0, " + tokens.size() + ")");
      }
      if (id == END) {
        break;
      }
      if (id != START && id != PAD) {
        words.add(tokens.get(id));
      }
    }
    return words;
  }

  /**
   * Returns {@link #decode} joined with single spaces, e.g. {@code "a red circle"}.
   *
   * @param ids word ids, as for {@link #decode}
   * @return the caption text; empty if there are no words
   * @throws IllegalArgumentException naming the position of an id outside the vocabulary
   */
  public String decodeToString(int[] ids) {
    return String.join(" ", decode(ids));
  }

  /**
   * Returns the vocabulary as JSON, {@code {"format": "glimpse-caption-vocabulary",
   * "minWordCount": 5, "tokens": ["<pad>", "<start>", "<end>", "<unk>", ...]}}.
   *
   * @return the JSON text on one line, without a trailing newline
   */
  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("minWordCount", minWordCount);
    ArrayNode list = root.putArray("tokens");
    tokens.forEach(list::add);
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the caption vocabulary", e);
    }
  }

  /**
   * Reads a vocabulary written by {@link #toJson()}.
   *
   * @param json the JSON text; fields other than format, minWordCount and tokens are ignored
   * @return the vocabulary, equal to the one that wrote the JSON
   * @throws IllegalArgumentException if the JSON is malformed, of another format, or its tokens
   *     are invalid; the message says which
   */
  public static CaptionVocabulary fromJson(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed caption vocabulary JSON: "
          + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a caption vocabulary is a JSON object, got "
          + (root == null ? "nothing" : root.getNodeType()));
    }
    JsonNode format = root.get("format");
    if (format == null || !FORMAT.equals(format.asText())) {
      throw new IllegalArgumentException("expected \"format\": \"" + FORMAT + "\", got "
          + (format == null ? "no format field" : format.toString()));
    }
    JsonNode min = root.get("minWordCount");
    if (min == null || !min.isInt()) {
      throw new IllegalArgumentException("caption vocabulary has no integer \"minWordCount\"");
    }
    JsonNode list = root.get("tokens");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("caption vocabulary has no \"tokens\" list");
    }
    List<String> tokens = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode t = list.get(i);
      if (!t.isTextual()) {
        throw new IllegalArgumentException("token " + i + " is not a string: " + t);
      }
      tokens.add(t.asText());
    }
    return new CaptionVocabulary(tokens, min.intValue());
  }

  /**
   * Writes {@link #toJson()} to {@code file} atomically.
   *
   * @param file the vocabulary file, created or replaced, with a trailing newline; missing parent
   *     directories are created
   * @throws IOException if the file cannot be written; an existing file is then left as it was
   */
  public void write(Path file) throws IOException {
    AtomicFiles.writeString(file, toJson() + "\n");
  }

  /**
   * Reads a vocabulary file written by {@link #write}.
   *
   * @param file a UTF-8 JSON file
   * @return the vocabulary
   * @throws IOException naming the file if it cannot be read or is not a valid vocabulary
   */
  public static CaptionVocabulary read(Path file) throws IOException {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CaptionVocabulary v && v.minWordCount == minWordCount
        && v.tokens.equals(tokens);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tokens, minWordCount);
  }

  @Override
  public String toString() {
    return "CaptionVocabulary[" + tokens.size() + " tokens, minWordCount " + minWordCount + ", "
        + tokens.subList(0, Math.min(8, tokens.size())) + (tokens.size() > 8 ? "...]" : "]");
  }
}
