package ai.glimpse.preprocessing.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.object.datatype.FloatingPoint;
import org.junit.jupiter.api.Test;

class Float16Test {

  private static String hex(short h) {
    return String.format("0x%04x", h & 0xffff);
  }

  private static void assertHalf(int expected, float value) {
    short got = Float16.fromFloat(value);
    assertEquals(hex((short) expected), hex(got), "fromFloat(" + value + ")");
  }

  @Test
  void everyHalfRoundTripsAndMatchesJhdfDecoding() {
    for (int bits = 0; bits <= 0xffff; bits++) {
      short h = (short) bits;
      float f = Float16.toFloat(h);
      float reference = FloatingPoint.toFloat(h);
      assertEquals(Float.floatToRawIntBits(reference), Float.floatToRawIntBits(f), "toFloat(" + hex(h) + ")");
      boolean nan = (bits & 0x7c00) == 0x7c00 && (bits & 0x3ff) != 0;
      if (nan) {
        assertTrue(Float.isNaN(f), hex(h));
        assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(f))), hex(h));
      } else {
        assertEquals(hex(h), hex(Float16.fromFloat(f)), "round trip of " + f);
      }
    }
  }

  @Test
  void tiesRoundToEvenAndNeighboursToNearest() {
    // Every pair of adjacent positive finite halves, including subnormal/normal and max/inf.
    for (int bits = 0; bits < 0x7c00; bits++) {
      float lower = Float16.toFloat((short) bits);
      // Above the largest half, 2^16 plays the next value's part: it rounds to infinity.
      float upper = bits + 1 == 0x7c00 ? 0x1p16f : Float16.toFloat((short) (bits + 1));
      float mid = (lower + upper) / 2; // exact: halves have 11 significant bits
      int even = (bits & 1) == 0 ? bits : bits + 1;
      assertHalf(even, mid);
      assertHalf(bits, Math.nextDown(mid));
      assertHalf(bits + 1, Math.nextUp(mid));
      assertHalf(even | 0x8000, -mid);
    }
  }

  @Test
  void edgeCases() {
    assertHalf(0x0000, 0f);
    assertHalf(0x8000, -0f);
    assertHalf(0x3c00, 1f);
    assertHalf(0xc000, -2f);
    assertHalf(0x3c00, 1f + 0x1p-11f); // tie, 0x3c00 is even
    assertHalf(0x3c02, 1f + 3 * 0x1p-11f); // tie, 0x3c02 is even
    assertHalf(0x3555, 1f / 3);
    assertHalf(0x7bff, Float16.MAX_VALUE);
    assertHalf(0x7bff, 65519.996f);
    assertHalf(0x7c00, 65520f); // tie between 65504 (odd) and 2^16 (infinity)
    assertHalf(0x7c00, 1e9f);
    assertHalf(0xfc00, -1e9f);
    assertHalf(0x7c00, Float.POSITIVE_INFINITY);
    assertHalf(0xfc00, Float.NEGATIVE_INFINITY);
    assertHalf(0x0001, Float16.MIN_VALUE);
    assertHalf(0x0000, 0x1p-25f); // tie between 0 and the smallest subnormal
    assertHalf(0x0001, Math.nextUp(0x1p-25f));
    assertHalf(0x0002, 3 * 0x1p-25f); // tie between 1 and 2 units
    assertHalf(0x0400, 0x3ff * 0x1p-24f + 0x1p-25f); // largest subnormal rounds up to the smallest normal
    assertHalf(0x0400, 0x1p-14f);
    assertHalf(0x0000, Float.MIN_VALUE); // float32 subnormals vanish
    assertHalf(0x8000, -1e-30f);
    assertEquals(65504f, Float16.toFloat((short) 0x7bff));
    assertEquals(0x1p-24f, Float16.toFloat((short) 0x0001));
    assertEquals(Float.NEGATIVE_INFINITY, Float16.toFloat(Float16.NEGATIVE_INFINITY));
  }

  @Test
  void nanStaysNan() {
    short h = Float16.fromFloat(Float.NaN);
    assertEquals(0x7c00, h & 0x7c00, hex(h));
    assertTrue((h & 0x3ff) != 0, hex(h));
    assertTrue(Float.isNaN(Float16.toFloat(h)));
    // A NaN whose payload lives only in the low bits must not turn into infinity.
    short low = Float16.fromFloat(Float.intBitsToFloat(0xff800001));
    assertTrue(Float.isNaN(Float16.toFloat(low)), hex(low));
    assertEquals(0x8000, low & 0x8000);
  }
}
