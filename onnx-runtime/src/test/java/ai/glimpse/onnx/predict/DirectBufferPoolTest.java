package ai.glimpse.onnx.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class DirectBufferPoolTest {
  private static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i + 0.5f;
    }
    return v;
  }

  @Test
  void lendsADirectNativeBufferHoldingExactlyTheValues() {
    DirectBufferPool pool = new DirectBufferPool(2);
    FloatBuffer b = pool.copyOf(ramp(10), 7);
    assertTrue(b.isDirect());
    assertEquals(ByteOrder.nativeOrder(), b.order());
    assertEquals(0, b.position());
    assertEquals(7, b.remaining());
    for (int i = 0; i < 7; i++) {
      assertEquals(i + 0.5f, b.get(i), 0f);
    }
  }

  @Test
  void reusesTheSmallestReturnedBufferThatFitsAndNeverLendsOneTwice() {
    DirectBufferPool pool = new DirectBufferPool(4);
    FloatBuffer big = pool.copyOf(ramp(100), 100);
    FloatBuffer small = pool.copyOf(ramp(20), 20);
    assertNotSame(big, small);
    pool.release(big);
    pool.release(small);
    FloatBuffer again = pool.copyOf(ramp(15), 15);
    assertSame(small, again, "the smallest buffer that holds 15 values");
    assertEquals(15, again.remaining());
    assertEquals(14.5f, again.get(14), 0f);
    FloatBuffer other = pool.copyOf(ramp(15), 15);
    assertSame(big, other, "the small one is lent out, so the big one serves");
    FloatBuffer fresh = pool.copyOf(ramp(15), 15);
    assertNotSame(big, fresh);
    assertNotSame(small, fresh);
  }

  @Test
  void aFullPoolDropsItsSmallestBuffer() {
    DirectBufferPool pool = new DirectBufferPool(1);
    FloatBuffer a = pool.copyOf(ramp(10), 10);
    FloatBuffer b = pool.copyOf(ramp(50), 50);
    pool.release(a);
    pool.release(b);
    assertSame(b, pool.copyOf(ramp(5), 5), "the 10-float buffer was dropped, the 50-float one kept");
    assertNotSame(a, pool.copyOf(ramp(5), 5));
  }
}
