package ai.glimpse.preprocessing.data;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Maps GQA's string ids (question ids such as {@code "02930152"}, image ids such as
 * {@code "2354786"} or {@code "n161313"}) to the {@code long} ids of {@link Question} and
 * {@link Annotation}, and remembers every string it mapped so that results can be written back
 * with GQA's own ids.
 *
 * <p>The mapping depends on the string alone, so an image gets the same id in every file and every
 * run:
 *
 * <ul>
 *   <li>a string of 1 to 18 ASCII digits maps to its value, leading zeros dropped
 *       ({@code "2354786"} → 2354786, {@code "02930152"} → 2930152); these ids lie in
 *       [0, 10<sup>18</sup>);
 *   <li>any other string maps to {@value #HASHED_BASE} (2<sup>62</sup>) plus a 62-bit hash of its
 *       UTF-8 bytes (FNV-1a, then the SplitMix64 finalizer), in [2<sup>62</sup>, 2<sup>63</sup>),
 *       so it never meets a numeric id and is never negative.
 * </ul>
 *
 * <p>Two different strings can map to one id ({@code "7"} and {@code "007"}, or, with a chance of
 * about n<sup>2</sup>/2<sup>63</sup>, two hashed strings); {@link #register} rejects the second
 * one, so a table never maps back wrongly. Not thread-safe: one reader fills one table.
 */
public final class GqaIds {
  /** The smallest id given to a non-numeric string: 2<sup>62</sup>. */
  public static final long HASHED_BASE = 1L << 62;

  private static final int MAX_DIGITS = 18;
  private static final long FNV_OFFSET = 0xCBF29CE484222325L;
  private static final long FNV_PRIME = 0x100000001B3L;

  private final String kind;
  private final Map<Long, String> names = new HashMap<>();

  /**
   * Creates an empty table.
   *
   * @param kind what the ids name, for error messages, e.g. {@code "question id"} or {@code "image id"}
   */
  public GqaIds(String kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Returns the stable {@code long} of a GQA id, without recording it.
   *
   * @param gqaId the GQA string id, e.g. {@code "02930152"} or {@code "n161313"}; not null
   * @return its numeric value for 1 to 18 ASCII digits, else a hashed id in
   *     [{@link #HASHED_BASE}, 2<sup>63</sup>); never negative
   * @throws IllegalArgumentException if {@code gqaId} is empty
   */
  public static long toLong(String gqaId) {
    Objects.requireNonNull(gqaId, "gqaId");
    if (gqaId.isEmpty()) {
      throw new IllegalArgumentException("a GQA id must not be empty");
    }
    if (gqaId.length() <= MAX_DIGITS && isAsciiDigits(gqaId)) {
      return Long.parseLong(gqaId);
    }
    return HASHED_BASE | (hash(gqaId) & (HASHED_BASE - 1));
  }

  /**
   * Returns the {@code long} of {@code gqaId} and records it for {@link #name}; registering the
   * same string again is allowed and returns the same id.
   *
   * @param gqaId the GQA string id; not null, not empty
   * @return the id, as {@link #toLong(String)} computes it
   * @throws IllegalArgumentException if another string already maps to the same id, naming both
   */
  public long register(String gqaId) {
    long id = toLong(gqaId);
    String previous = names.putIfAbsent(id, gqaId);
    if (previous != null && !previous.equals(gqaId)) {
      throw new IllegalArgumentException(kind + "s \"" + previous + "\" and \"" + gqaId
          + "\" both map to " + id);
    }
    return id;
  }

  /**
   * Tells whether an id was registered.
   *
   * @param id a {@code long} id
   * @return whether {@code id} was registered in this table
   */
  public boolean contains(long id) {
    return names.containsKey(id);
  }

  /**
   * Returns the GQA string that {@code id} was registered from.
   *
   * @param id a registered {@code long} id
   * @return the GQA string id, e.g. {@code "02930152"} with its leading zero
   * @throws IllegalArgumentException if {@code id} was never registered
   */
  public String name(long id) {
    String name = names.get(id);
    if (name == null) {
      throw new IllegalArgumentException("unknown " + kind + " " + id);
    }
    return name;
  }

  /**
   * Returns the table size.
   *
   * @return the number of distinct registered ids
   */
  public int size() {
    return names.size();
  }

  /**
   * Returns the whole table.
   *
   * @return the table from {@code long} id to GQA string, as an unmodifiable live view: later
   *     registrations show in it
   */
  public Map<Long, String> names() {
    return Collections.unmodifiableMap(names);
  }

  private static boolean isAsciiDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static long hash(String s) {
    long h = FNV_OFFSET;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= FNV_PRIME;
    }
    // FNV-1a alone mixes the last bytes poorly into the high bits; the finalizer spreads them.
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }
}
