package ai.glimpse.onnx.features;

/** Receives the progress of a feature extraction, e.g. to draw a progress bar. */
@FunctionalInterface
public interface ExtractionProgress {
  /** Ignores progress. */
  ExtractionProgress NONE = (done, total) -> { };

  /**
   * Called once before the first batch ({@code done == 0}) and after each batch.
   *
   * @param done the number of images whose features are written
   * @param total the number of images to process
   */
  void update(int done, int total);
}
