package ai.glimpse.preprocessing.io;

/**
 * Conversions between float32 and IEEE 754 binary16 ("half precision", numpy's {@code float16})
 * bit patterns, held in a {@code short}. {@link #fromFloat} rounds to the nearest representable
 * value, ties to even, as numpy and HDF5 do: values beyond the largest half (65504) round to
 * infinity from 65520 on, values below half the smallest subnormal (2^-25) become signed zero,
 * and NaNs stay NaNs (quiet, with the top payload bits kept).
 */
public final class Float16 {
  /** The bit pattern of positive infinity. */
  public static final short POSITIVE_INFINITY = (short) 0x7c00;
  /** The bit pattern of negative infinity. */
  public static final short NEGATIVE_INFINITY = (short) 0xfc00;
  /** The largest finite half value, 65504. */
  public static final float MAX_VALUE = 65504f;
  /** The smallest positive (subnormal) half value, 2^-24. */
  public static final float MIN_VALUE = 0x1p-24f;

  private Float16() {}

  /**
   * Returns the binary16 bit pattern nearest to {@code value} (round half to even).
   *
   * @param value any float, including infinities, NaN and float32 subnormals
   * @return the half's bit pattern: sign in bit 15, exponent in bits 10-14, mantissa in bits 0-9;
   *     {@link #POSITIVE_INFINITY} or {@link #NEGATIVE_INFINITY} from a magnitude of 65520 on
   */
  public static short fromFloat(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7f_ffff;
    if (exponent == 0xff) {
      if (mantissa == 0) {
        return (short) (sign | 0x7c00);
      }
      // NaN: keep the payload's top bits and force the quiet bit so it cannot become infinity.
      return (short) (sign | 0x7e00 | (mantissa >>> 13));
    }
    int halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (halfExponent <= 0) {
      if (halfExponent < -10) {
        // Below 2^-25 (float32 subnormals included): rounds to zero.
        return (short) sign;
      }
      // A half subnormal: value = significand * 2^-24, significand < 2^10 (a carry gives the
      // smallest normal, whose bit pattern follows on directly).
      int significand = mantissa | 0x80_0000;
      int shift = 14 - halfExponent;
      return (short) (sign | roundShift(significand, shift));
    }
    int half = (halfExponent << 10) | (mantissa >>> 13);
    int rest = mantissa & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
      half++; // a carry into the exponent is right, up to infinity (0x7c00)
    }
    return (short) (sign | half);
  }

  /**
   * Returns the float32 value of a binary16 bit pattern; every half value is exact in float32.
   *
   * @param half a binary16 bit pattern, as returned by {@link #fromFloat}; any of the 65536
   *     patterns is accepted
   * @return the exact value; infinities stay infinite and NaNs stay NaN with their payload
   */
  public static float toFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f80_0000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * MIN_VALUE;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }

  /** Returns {@code value >> shift} rounded to the nearest integer, ties to even. */
  private static int roundShift(int value, int shift) {
    int result = value >>> shift;
    int rest = value & ((1 << shift) - 1);
    int halfway = 1 << (shift - 1);
    if (rest > halfway || (rest == halfway && (result & 1) == 1)) {
      result++;
    }
    return result;
  }
}
