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

  /**
   * Validates the fields. The warm-up and decay fields must be valid for every kind, even where
   * they are unused.
   *
   * @param kind the shape of the schedule, not null
   * @param warmupEpochs {@link Kind#WARMUP_STEP}: epochs of linear warm-up, {@code >= 0}
   * @param decayStart {@link Kind#WARMUP_STEP}: the first (0-based) epoch of decay, {@code >= 0}
   * @param decayEvery {@link Kind#WARMUP_STEP}: epochs between decays, {@code >= 1}
   * @param decayFactor {@link Kind#WARMUP_STEP}: the factor of each decay, in {@code (0, 1]}
   * @throws IllegalArgumentException if a number is out of range
   */
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

  /**
   * BUTD's schedule: 3 warm-up epochs, decay by 0.25 every 2 epochs from epoch 10.
   *
   * @return a {@link Kind#WARMUP_STEP} schedule: epochs 0-2 at 1/4, 2/4 and 3/4 of the base rate,
   *     epochs 3-9 at the base rate, then times 0.25 at epoch 10 and again at 12, 14, ... (0-based)
   */
  public static LearningRateSchedule warmupStep() {
    return new LearningRateSchedule(Kind.WARMUP_STEP, 3, 10, 2, 0.25);
  }

  /**
   * Returns the schedule a command-line name denotes: constant, one-cycle or warmup-step.
   *
   * @param name {@code constant}, {@code one-cycle} or {@code warmup-step} (case-sensitive)
   * @return {@link #CONSTANT}, {@link #ONE_CYCLE} or {@link #warmupStep()}
   * @throws IllegalArgumentException if the name is unknown; the message lists the known ones
   */
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
   *
   * @param base the base learning rate, e.g. {@link TrainConfig#learningRate()}
   * @param step the optimizer step, from 0 over the whole run (not per epoch)
   * @param stepsPerEpoch the steps of one epoch; values below 1 count as 1
   * @param epochs the epochs of the run; only {@link Kind#ONE_CYCLE} uses it, and its rate stays
   *     at the floor {@code base / 10^4} for steps past the last
   * @return the learning rate of that step, positive for a positive {@code base}
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
