package ai.glimpse.tf.train;

import java.io.IOException;
import ai.glimpse.preprocessing.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the checkpoints of the best epochs by validation accuracy: the best in
 * {@code RUN/best/checkpoint.h5}, and the best {@code k} as {@code RUN/checkpoints/best-epoch-NNN.h5},
 * deleting those that fall out. Ties go to the earlier epoch.
 */
final class BestCheckpoints {
  private record Ranked(int epoch, double accuracy) {}

  private final RunDirectory run;
  private final int keep;
  private final List<Ranked> ranked = new ArrayList<>();

  /** Starts from the metrics of the epochs already trained (a resumed run). */
  BestCheckpoints(RunDirectory run, int keep, List<EpochMetrics> history) {
    this.run = run;
    this.keep = keep;
    for (EpochMetrics m : history) {
      ranked.add(new Ranked(m.epoch(), m.valAccuracy()));
    }
    sort();
  }

  /**
   * Records the accuracy of {@code epoch}, whose checkpoint was just written to
   * {@code checkpoints/last.h5}, and copies that file to the places it earns.
   */
  void offer(int epoch, double accuracy) throws IOException {
    boolean newBest = ranked.isEmpty() || accuracy > ranked.get(0).accuracy();
    ranked.add(new Ranked(epoch, accuracy));
    sort();
    if (newBest) {
      copyLast(run.bestCheckpoint());
    }
    if (keep > 0) {
      int rank = indexOf(epoch);
      if (rank < keep) {
        copyLast(run.bestCheckpoint(epoch));
      }
      for (int i = keep; i < ranked.size(); i++) {
        Files.deleteIfExists(run.bestCheckpoint(ranked.get(i).epoch()));
      }
    }
  }

  private void copyLast(Path target) throws IOException {
    AtomicFiles.writeWithPath(target,
        tmp -> Files.copy(run.lastCheckpoint(), tmp, StandardCopyOption.REPLACE_EXISTING));
  }

  /** Returns the best epoch so far (0 before any). */
  int bestEpoch() {
    return ranked.isEmpty() ? 0 : ranked.get(0).epoch();
  }

  /** Returns the best validation accuracy so far (-∞ before any). */
  double bestAccuracy() {
    return ranked.isEmpty() ? Double.NEGATIVE_INFINITY : ranked.get(0).accuracy();
  }

  /**
   * Whether {@code patience} epochs of {@code history} came after the best one (never for
   * patience 0, which turns early stopping off).
   */
  boolean patienceExhausted(List<EpochMetrics> history, int patience) {
    if (patience == 0 || history.isEmpty()) {
      return false;
    }
    return history.get(history.size() - 1).epoch() - bestEpoch() >= patience;
  }

  private int indexOf(int epoch) {
    for (int i = 0; i < ranked.size(); i++) {
      if (ranked.get(i).epoch() == epoch) {
        return i;
      }
    }
    return -1;
  }

  private void sort() {
    ranked.sort(Comparator.comparingDouble(Ranked::accuracy).reversed().thenComparingInt(Ranked::epoch));
  }
}
