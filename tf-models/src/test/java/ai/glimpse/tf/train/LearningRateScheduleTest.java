package ai.glimpse.tf.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  @Test
  void constantKeepsTheBaseRate() {
    assertEquals(0.002, LearningRateSchedule.CONSTANT.rate(0.002, 12345, 100, 10), 0);
  }

  @Test
  void oneCycleRisesForThirtyPercentThenAnneals() {
    LearningRateSchedule s = LearningRateSchedule.ONE_CYCLE;
    // 10 epochs of 100 steps: 1000 steps, the peak at step 300.
    assertEquals(0.04, s.rate(1.0, 0, 100, 10), 1e-12);
    assertEquals(0.04 + 0.96 * 150 / 300.0, s.rate(1.0, 150, 100, 10), 1e-12);
    assertEquals(1.0, s.rate(1.0, 300, 100, 10), 1e-12);
    // Halfway through the annealing, cos(pi/2) = 0: the mean of base and floor.
    assertEquals((1.0 + 1e-4) / 2, s.rate(1.0, 650, 100, 10), 1e-9);
    assertEquals(1e-4, s.rate(1.0, 1000, 100, 10), 1e-12);
  }

  @Test
  void warmupStepRampsHoldsAndDecays() {
    LearningRateSchedule s = LearningRateSchedule.warmupStep();
    // 3 warm-up epochs: 1/4, 2/4, 3/4 of the base, base until epoch 10, then x0.25 every 2 epochs.
    double[] expected = {0.25, 0.5, 0.75, 1, 1, 1, 1, 1, 1, 1, 0.25, 0.25, 0.0625, 0.0625, 0.015625};
    for (int epoch = 0; epoch < expected.length; epoch++) {
      assertEquals(expected[epoch], s.rate(1.0, epoch * 50L + 7, 50, 15), 1e-12, "epoch " + epoch);
    }
  }

  @Test
  void namesAndInvalidValues() {
    assertEquals(LearningRateSchedule.ONE_CYCLE, LearningRateSchedule.named("one-cycle"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LearningRateSchedule.named("cosine"));
    assertEquals("unknown schedule 'cosine', expected constant, one-cycle or warmup-step", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new LearningRateSchedule(LearningRateSchedule.Kind.WARMUP_STEP, 1, 2, 0, 0.5));
  }
}
