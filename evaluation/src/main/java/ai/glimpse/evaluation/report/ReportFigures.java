package ai.glimpse.evaluation.report;

import ai.glimpse.evaluation.charts.GalleryItem;
import ai.glimpse.evaluation.charts.TrainingHistory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code report.html} shows beyond the numbers of a {@link VqaReport}: the training curves of
 * the run that produced the model and a gallery of answered validation questions.
 *
 * @param training the run's epochs, if the run directory was given
 * @param gallery the gallery questions, possibly empty
 */
public record ReportFigures(Optional<TrainingHistory> training, List<GalleryItem> gallery) {
  /**
   * Checks the fields and copies the list.
   *
   * @param training the run's epochs, if the run directory was given
   * @param gallery the gallery questions, possibly empty
   * @throws NullPointerException if {@code training}, {@code gallery} or a gallery item is null
   */
  public ReportFigures {
    Objects.requireNonNull(training, "training");
    gallery = List.copyOf(gallery);
  }

  /**
   * Returns figures with neither training curves nor gallery.
   *
   * @return figures with an empty training history and an empty gallery
   */
  public static ReportFigures none() {
    return new ReportFigures(Optional.empty(), List.of());
  }
}
