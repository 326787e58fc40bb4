package ai.glimpse.cli;

import ai.glimpse.evaluation.charts.AttentionFigure;
import ai.glimpse.evaluation.charts.GalleryItem;
import ai.glimpse.evaluation.charts.ScoredAnswer;
import ai.glimpse.onnx.predict.Prediction;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.RankedAnswer;
import ai.glimpse.onnx.predict.VqaQuery;
import ai.glimpse.preprocessing.features.FeatureFiles;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.features.FeatureSource;
import ai.glimpse.preprocessing.features.ImageLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse predict}: answers one question about one image with an exported model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Answer a question about an image with an exported ONNX model in ONNX Runtime.")
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "Exported .onnx model.")
  Path model;

  @Option(names = "--image", description = "PNG or JPEG image (models on pixels).")
  Path image;

  @Option(names = "--features", description = "HDF5 grid or object feature file (models on features), with --image-id.")
  Path features;

  @Option(names = "--image-id", description = "The image's id in the --features file.")
  Long imageId;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--question", required = true, description = "The question.")
  String question;

  @Option(names = "--top", defaultValue = "3", description = "Answers to show (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--attention", paramLabel = "OUT.png",
      description = "Write the image and, beside it, each glimpse's attention as a heat map (boxes for object models).")
  Path attention;

  private static final int PANEL = 224;

  @Override
  public Integer call() throws Exception {
    if (top < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--top must be >= 1, got " + top);
    }
    try (Predictor predictor = Predictor.load(model)) {
      if (attention != null && !predictor.hasAttention()) {
        throw new CommandLine.ParameterException(spec.commandLine(), model + " (" + predictor.metadata().model()
            + ") has no attention output to draw");
      }
      Prediction p;
      float[][] boxes = null;
      if (image != null) {
        p = predictor.predict(question, image, top);
      } else if (features != null && imageId != null) {
        try (FeatureSource source = FeatureFiles.open(features)) {
          if (!source.shape().equals(predictor.imageShape())) {
            throw new IllegalArgumentException(features + " holds " + source.shape() + " features; "
                + model + " takes " + predictor.imageShape());
          }
          int row = source.row(imageId);
          if (row < 0) {
            throw new IllegalArgumentException(features + " has no image_id " + imageId);
          }
          float[] x = new float[source.shape().length()];
          source.readRow(row, x, 0);
          p = predictor.predict(List.of(new VqaQuery(question, x)), top).get(0);
          FeatureShape shape = source.shape();
          boxes = shape.kind() == FeatureKind.OBJECTS ? shape.boxes(x) : null;
        }
      } else {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "give --image FILE, or --features FILE.h5 with --image-id ID");
      }
      System.out.println("Q: " + question);
      int rank = 1;
      for (RankedAnswer a : p.answers()) {
        System.out.printf("%d. %-20s %6.2f%%%n", rank++, a.answer(), 100 * a.probability());
      }
      if (attention != null) {
        writeFigure(p, boxes);
        System.out.println("attention: " + attention);
      }
    }
    return 0;
  }

  private void writeFigure(Prediction p, float[][] boxes) throws java.io.IOException {
    // The picture shown is the file itself at panel size, whatever size the model reads.
    float[] pixels = image == null ? null : new ImageLoader(PANEL).load(image);
    List<ScoredAnswer> answers = new ArrayList<>();
    for (RankedAnswer a : p.answers()) {
      answers.add(new ScoredAnswer(a.answer(), Math.max(0.0, Math.min(1.0, a.probability()))));
    }
    GalleryItem item = new GalleryItem(imageId == null ? 0 : imageId, question, pixels,
        pixels == null ? 0 : PANEL, p.attention(), p.gridSize(), boxes, answers, "", 0.0);
    AttentionFigure.write(item, PANEL, attention);
  }
}
