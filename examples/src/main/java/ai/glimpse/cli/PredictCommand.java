package ai.glimpse.cli;

import ai.glimpse.onnx.predict.Prediction;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.RankedAnswer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse predict}: answers one question about one image with an exported model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Answer a question about an image with an exported ONNX model in ONNX Runtime.")
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "Exported .onnx model.")
  Path model;

  @Option(names = "--image", required = true, description = "PNG or JPEG image.")
  Path image;

  @Option(names = "--question", required = true, description = "The question.")
  String question;

  @Option(names = "--top", defaultValue = "3", description = "Answers to show (default: ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() throws Exception {
    try (Predictor predictor = Predictor.load(model)) {
      Prediction p = predictor.predict(question, image, top);
      System.out.println("Q: " + question);
      int rank = 1;
      for (RankedAnswer a : p.answers()) {
        System.out.printf("%d. %-20s %6.2f%%%n", rank++, a.answer(), 100 * a.probability());
      }
    }
    return 0;
  }
}
