package ai.glimpse.evaluation.charts;

import ai.glimpse.evaluation.metrics.VqaAccuracy;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report charts, rendered by JFreeChart off screen and returned as PNG bytes.
 *
 * <p>Rendering needs no display: if {@code java.awt.headless} is not set when this class loads,
 * it is set to {@code true}. Stateless apart from that; safe to call from any thread.
 */
public final class Charts {

  /** Column labels of the answer-type charts, in order, with the keys of VQA v2's answer types. */
  private static final Map<String, String> ANSWER_TYPE_LABELS = new LinkedHashMap<>();

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    ANSWER_TYPE_LABELS.put("yes/no", "Yes/No");
    ANSWER_TYPE_LABELS.put("number", "Number");
    ANSWER_TYPE_LABELS.put("other", "Other");
  }

  private Charts() {}

  /**
   * Draws loss (training, and validation when recorded) and accuracy (training against
   * validation) per epoch, one panel above the other; {@code width} x {@code height} pixels.
   *
   * @param history the run's epochs; at least one
   * @param width the image width in pixels, at least 1
   * @param height the image height in pixels, at least 1
   * @return the chart as PNG bytes
   * @throws IllegalArgumentException if the history has no epochs or a size is below 1
   */
  public static byte[] trainingCurves(TrainingHistory history, int width, int height) {
    if (history.epochs().isEmpty()) {
      throw new IllegalArgumentException("the training history has no epochs");
    }
    XYSeries loss = new XYSeries("train loss");
    XYSeries valLoss = new XYSeries("val loss");
    XYSeries trainAcc = new XYSeries("train accuracy");
    XYSeries valAcc = new XYSeries("val accuracy");
    for (EpochPoint e : history.epochs()) {
      loss.add(e.epoch(), e.loss());
      if (e.valLoss() != null) {
        valLoss.add(e.epoch(), e.valLoss());
      }
      trainAcc.add(e.epoch(), e.trainAccuracy());
      valAcc.add(e.epoch(), e.valAccuracy());
    }
    XYSeriesCollection losses = new XYSeriesCollection(loss);
    if (valLoss.getItemCount() > 0) {
      losses.addSeries(valLoss);
    }
    NumberAxis epochAxis = new NumberAxis("epoch");
    epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
    plot.add(new XYPlot(losses, null, autoRange("loss"), lines()), 1);
    XYSeriesCollection accuracies = new XYSeriesCollection(trainAcc);
    accuracies.addSeries(valAcc);
    plot.add(new XYPlot(accuracies, null, autoRange("accuracy (%)"), lines()), 1);
    JFreeChart chart = new JFreeChart("Training curves", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    return png(chart, width, height);
  }

  /**
   * Draws grouped vertical bars: for each series (e.g. a model, the blind baseline) its accuracy
   * overall and per answer type (All, Yes/No, Number, Other), percent.
   *
   * @param title the chart title
   * @param series the accuracies to draw, by legend name, in legend order; an answer type missing
   *     from an accuracy is drawn as 0
   * @param width the image width in pixels, at least 1
   * @param height the image height in pixels, at least 1
   * @return the chart as PNG bytes, the value axis fixed to [0, 100]
   * @throws IllegalArgumentException if a size is below 1
   */
  public static byte[] answerTypeBars(String title, Map<String, VqaAccuracy> series, int width,
      int height) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    series.forEach((name, acc) -> {
      data.addValue(acc.overall(), name, "All");
      ANSWER_TYPE_LABELS.forEach((key, label) -> {
        Double v = acc.perAnswerType().get(key);
        data.addValue(v == null ? 0.0 : v, name, label);
      });
    });
    JFreeChart chart = ChartFactory.createBarChart(title, "answer type", "VQA accuracy (%)", data,
        PlotOrientation.VERTICAL, true, false, false);
    chart.getCategoryPlot().getRangeAxis().setRange(0, 100);
    return png(chart, width, height);
  }

  /**
   * Draws horizontal bars of the accuracy per question type, best first, at most
   * {@code maxTypes} of the most accurate and least accurate types together; the height grows
   * with the number of bars.
   *
   * @param title the chart title
   * @param perQuestionType VQA accuracy in percent by question type
   * @param maxTypes the most bars to draw: the best {@code maxTypes / 2} and the worst remainder
   * @param width the image width in pixels, at least 1; the height is {@code 120 + 18} per bar
   * @return the chart as PNG bytes, the value axis fixed to [0, 100]
   * @throws IllegalArgumentException if {@code width} is below 1
   */
  public static byte[] questionTypeBars(String title, Map<String, Double> perQuestionType,
      int maxTypes, int width) {
    List<Map.Entry<String, Double>> entries = new ArrayList<>(perQuestionType.entrySet());
    entries.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    if (entries.size() > maxTypes) {
      List<Map.Entry<String, Double>> kept = new ArrayList<>(entries.subList(0, maxTypes / 2));
      kept.addAll(entries.subList(entries.size() - (maxTypes - maxTypes / 2), entries.size()));
      entries = kept;
    }
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map.Entry<String, Double> e : entries) {
      data.addValue(e.getValue(), "accuracy", e.getKey());
    }
    JFreeChart chart = ChartFactory.createBarChart(title, "question type", "VQA accuracy (%)",
        data, PlotOrientation.HORIZONTAL, false, false, false);
    chart.getCategoryPlot().getRangeAxis().setRange(0, 100);
    return png(chart, width, 120 + 18 * Math.max(1, entries.size()));
  }

  /**
   * Encodes an image as PNG bytes.
   *
   * @param image the image to encode
   * @return the PNG file contents
   * @throws IllegalStateException if the JVM has no PNG writer
   */
  public static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer in this JVM");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a PNG in memory", e);
    }
    return out.toByteArray();
  }

  private static byte[] png(JFreeChart chart, int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("chart size must be positive, got " + width + "x" + height);
    }
    chart.setBackgroundPaint(Color.WHITE);
    return png(chart.createBufferedImage(width, height));
  }

  private static NumberAxis autoRange(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(false);
    return axis;
  }

  private static XYLineAndShapeRenderer lines() {
    return new XYLineAndShapeRenderer(true, true);
  }
}
