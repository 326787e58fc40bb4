package ai.glimpse.pipeline;

import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.preprocessing.batch.Batch;
import ai.glimpse.preprocessing.batch.BatchIterator;
import ai.glimpse.preprocessing.prepare.PreparedSplit;
import ai.glimpse.tf.train.TrainedModel;

/** Compares the answer probabilities of TensorFlow and ONNX Runtime on the same questions. */
public final class Parity {
  private static final int BATCH = 64;

  /**
   * A parity measurement.
   *
   * @param maxAbsDiff the largest absolute difference over every probability compared
   * @param questions the number of questions compared
   */
  public record Measurement(double maxAbsDiff, int questions) {}

  private Parity() {}

  /**
   * Runs the first {@code n} questions of {@code split} through both runtimes, in batches of 64,
   * with the image input the ONNX model reads.
   *
   * @param tf the TensorFlow model; not closed here
   * @param ort the exported model loaded in ONNX Runtime; not closed here
   * @param split the questions; it must hold the image kind {@code ort} reads; not closed here
   * @param n how many of the first questions to compare, at least 0; all of them when
   *     {@code n >= split.size()}
   * @return the largest absolute difference of answer probabilities (in [0, 1]; 0 when no question
   *     was compared) and the number of questions compared
   * @throws IllegalArgumentException if {@code split} lacks the image kind the ONNX model reads
   */
  public static Measurement measure(TrainedModel tf, Predictor ort, PreparedSplit split, int n) {
    PreparedSplit head = split.select(ort.imageShape().kind()).head(n);
    int answers = tf.answers().size();
    BatchIterator it = new BatchIterator(head, BATCH, answers, null);
    double max = 0;
    while (it.hasNext()) {
      Batch b = it.next();
      float[] a = tf.answerProbs(b.tokens(), b.images(), b.size());
      float[] o = ort.answerProbs(b.tokens(), b.images(), b.size());
      for (int i = 0; i < b.size() * answers; i++) {
        max = Math.max(max, Math.abs(a[i] - o[i]));
      }
    }
    return new Measurement(max, head.size());
  }
}
