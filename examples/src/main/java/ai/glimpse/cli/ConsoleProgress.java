package ai.glimpse.cli;

import ai.glimpse.tf.train.EpochMetrics;
import ai.glimpse.tf.train.TrainingListener;
import java.io.PrintStream;

/**
 * Shows training progress on the console: a progress bar with the running loss and an ETA on a
 * terminal, and one line per epoch everywhere.
 */
final class ConsoleProgress implements TrainingListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final int epochs;
  private final boolean terminal;
  private long epochStart = System.nanoTime();
  private long lastDraw;

  ConsoleProgress(PrintStream out, int epochs) {
    this.out = out;
    this.epochs = epochs;
    this.terminal = System.console() != null;
  }

  @Override
  public void onStep(int epoch, int batch, int batches, long step, double loss) {
    if (batch == 1) {
      epochStart = System.nanoTime();
    }
    if (!terminal) {
      return;
    }
    long now = System.nanoTime();
    if (batch != batches && now - lastDraw < 200_000_000L) {
      return;
    }
    lastDraw = now;
    double elapsed = (now - epochStart) / 1e9;
    double eta = batch == 0 ? 0 : elapsed / batch * (batches - batch);
    int filled = (int) ((long) WIDTH * batch / batches);
    out.printf("\repoch %d/%d [%s%s] %d/%d loss %.4f ETA %s   ", epoch, epochs, "=".repeat(filled),
        " ".repeat(WIDTH - filled), batch, batches, loss, clock(eta));
    out.flush();
  }

  @Override
  public void onEpoch(EpochMetrics m) {
    if (terminal) {
      out.print("\r" + " ".repeat(WIDTH + 60) + "\r");
    }
    out.printf("epoch %d/%d  loss %.4f  train acc %.2f%%  val acc %.2f%%  (%.1f s, input wait %.1f%% of step time)%n",
        m.epoch(), epochs, m.loss(), m.trainAccuracy(), m.valAccuracy(), m.seconds(),
        100 * m.inputWaitFraction());
    out.flush();
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format("%02d:%02d", s / 60, s % 60);
  }
}
