package ai.glimpse.tf.train;

import java.util.Objects;

/**
 * How the learning rate moves during training, evaluated per optimizer step.
 *
 * @param kind the shape of the schedule
 * @param warmupEpochs {@link Kind#WARMUP_STEP}: epochs of linear warm-up
 * @param decayStart {@link Kind#WARMUP_STEP}: the first (0-based) epoch of decay
 * @param decayEvery {@link Kind#WARMUP_STEP}: epochs between decays
 * @param decayFactor {@link Kind#WARMUP_STEP}: the factor of each decay
 */
public record LearningRateSchedule(Kind kind, int warmupEpochs, int decayStart, int decayEvery,
    double decayFactor) {

  /** The schedules. */
  public enum Kind {
    /** The base rate throughout. */
    CONSTANT,
    /**
     * One cycle (Smith 2018, as in the seeds): linear rise from base/25 to base over the first 30%
     * of the steps, then cosine annealing to base/10⁴.
     */
    ONE_CYCLE,
    /**
     * Bottom-up top-down practice: epoch {@code i < warmupEpochs} runs at
     * {@code base · (i + 1) / (warmupEpochs + 1)}, ramping up to the base rate, which is kept
     * until epoch {@code decayStart}; from there the rate is multiplied by {@code decayFactor},
     * and again every {@code decayEvery} epochs.
     */
    WARMUP_STEP
  }

  /** Validates the fields. */
  public LearningRateSchedule {
    Objects.requireNonNull(kind, "kind");
    if (warmupEpochs < 0 || decayStart < 0 || decayEvery < 1) {
      throw new IllegalArgumentException("warmupEpochs and decayStart must be >= 0 and decayEvery >= 1, got "
          + warmupEpochs + ", " + decayStart + ", " + decayEvery);
    }
    if (!(decayFactor > 0 && decayFactor <= 1)) {
      throw new IllegalArgumentException("decayFactor must be in (0, 1], got " + decayFactor);
    }
  }

  /** The constant schedule. */
  public static final LearningRateSchedule CONSTANT =
      new LearningRateSchedule(Kind.CONSTANT, 0, 0, 1, 1.0);

  /** The one-cycle schedule. */
  public static final LearningRateSchedule ONE_CYCLE =
      new LearningRateSchedule(Kind.ONE_CYCLE, 0, 0, 1, 1.0);

  /** BUTD's schedule: 3 warm-up epochs, decay by 0.25 every 2 epochs from epoch 10. */
  public static LearningRateSchedule warmupStep() {
    return new LearningRateSchedule(Kind.WARMUP_STEP, 3, 10, 2, 0.25);
  }

  /** Returns the schedule a command-line name denotes: constant, one-cycle or warmup-step. */
  public static LearningRateSchedule named(String name) {
    return switch (name) {
      case "constant" -> CONSTANT;
      case "one-cycle" -> ONE_CYCLE;
      case "warmup-step" -> warmupStep();
      default -> throw new IllegalArgumentException("unknown schedule '" + name
          + "', expected constant, one-cycle or warmup-step");
    };
  }

  /**
   * Returns the rate of optimizer step {@code step} (0-based) of a run of {@code epochs} epochs
   * of {@code stepsPerEpoch} steps each, for the base rate {@code base}.
   */
  public double rate(double base, long step, int stepsPerEpoch, int epochs) {
    int epoch = (int) (step / Math.max(1, stepsPerEpoch));
    switch (kind) {
      case CONSTANT:
        return base;
      case ONE_CYCLE: {
        double total = Math.max(1.0, (double) stepsPerEpoch * epochs);
        double t = Math.min(1.0, step / total);
        double peak = 0.3;
        if (t < peak) {
          return base / 25 + (base - base / 25) * t / peak;
        }
        double u = (t - peak) / (1 - peak);
        double floor = base / 1e4;
        return floor + (base - floor) * 0.5 * (1 + Math.cos(Math.PI * u));
      }
      case WARMUP_STEP: {
        if (epoch < warmupEpochs) {
          return base * (epoch + 1) / (warmupEpochs + 1);
        }
        if (epoch < decayStart) {
          return base;
        }
        return base * Math.pow(decayFactor, 1 + (epoch - decayStart) / decayEvery);
      }
      default:
        throw new IllegalStateException(kind.toString());
    }
  }
}
