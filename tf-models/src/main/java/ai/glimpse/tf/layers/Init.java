package ai.glimpse.tf.layers;

/**
 * How a parameter's first values are drawn.
 *
 * @param kind the distribution
 * @param scale the constant value ({@link Kind#CONSTANT}), the bound ({@link Kind#UNIFORM}) or the
 *     standard deviation ({@link Kind#NORMAL}); ignored for {@link Kind#GLOROT_UNIFORM}
 */
public record Init(Kind kind, double scale) {
  /** The distributions a parameter can start from. */
  public enum Kind {
    /** Every value equals {@code scale}. */
    CONSTANT,
    /** Uniform in {@code [-scale, scale]}. */
    UNIFORM,
    /** Normal with mean 0 and standard deviation {@code scale}. */
    NORMAL,
    /**
     * Uniform in {@code [-l, l]} with {@code l = sqrt(6 / (fanIn + fanOut))}, the fans taken from
     * the shape (the last axis is fan-out, the product of the others fan-in).
     */
    GLOROT_UNIFORM
  }

  /** All zeros. */
  public static final Init ZEROS = new Init(Kind.CONSTANT, 0);
  /** All ones. */
  public static final Init ONES = new Init(Kind.CONSTANT, 1);
  /** Glorot (Xavier) uniform. */
  public static final Init GLOROT = new Init(Kind.GLOROT_UNIFORM, 0);

  /**
   * Every value equal to {@code value}.
   *
   * @param value the constant every entry starts at
   * @return a {@link Kind#CONSTANT} initializer
   */
  public static Init constant(double value) {
    return new Init(Kind.CONSTANT, value);
  }

  /**
   * Uniform in {@code [-bound, bound]}.
   *
   * @param bound the half-width of the interval, normally positive
   * @return a {@link Kind#UNIFORM} initializer
   */
  public static Init uniform(double bound) {
    return new Init(Kind.UNIFORM, bound);
  }

  /**
   * Normal with mean 0 and standard deviation {@code std}.
   *
   * @param std the standard deviation, normally positive
   * @return a {@link Kind#NORMAL} initializer
   */
  public static Init normal(double std) {
    return new Init(Kind.NORMAL, std);
  }
}
