package ai.glimpse.examples;

import ai.glimpse.evaluation.report.VqaReport;
import ai.glimpse.onnx.predict.Prediction;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.RankedAnswer;
import ai.glimpse.pipeline.ModelExport;
import ai.glimpse.pipeline.OnnxEvaluation;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Exports a trained run to one self-contained ONNX file (checked against TensorFlow on validation
 * questions), answers a question about an image with ONNX Runtime, and writes the evaluation
 * report of the ONNX model ({@code report.json}, {@code report.md}, {@code report.html}).
 */
public final class ExportAndPredict {
  private ExportAndPredict() {}

  /**
   * Runs the example.
   *
   * @param run a run directory written by {@code glimpse train} or {@link TrainOnSyntheticData}
   * @param prepared the prepared data it was trained on (for the report)
   * @param image a PNG or JPEG image to ask about
   * @param question the question
   * @param out where {@code model.onnx} and {@code report/} are written
   * @return the prediction: the top 3 answers with their probabilities, and the attention
   * @throws IOException when a file cannot be read or written
   */
  public static Prediction run(Path run, Path prepared, Path image, String question, Path out) throws IOException {
    // snippet-start export-predict
    Path model = out.resolve("model.onnx");
    ModelExport.Result exported = ModelExport.export(run, model, 64);
    System.out.printf("exported %s, TF vs ONNX max |diff| %.2g%n", model, exported.parityMaxAbsDiff());

    Prediction prediction;
    try (Predictor predictor = Predictor.load(model)) {
      prediction = predictor.predict(question, image, 3);
    }
    for (RankedAnswer a : prediction.answers()) {
      System.out.printf("%-10s %.3f%n", a.answer(), a.probability());
    }

    VqaReport report = OnnxEvaluation.run(model, prepared, "val", out.resolve("report"));
    System.out.printf("val VQA accuracy %.2f%n", report.vqaAccuracy().overall());
    // snippet-end
    return prediction;
  }

  /**
   * Exports and predicts with the files {@link TrainOnSyntheticData#main} wrote.
   *
   * @param args the directory {@link TrainOnSyntheticData} wrote into (default
   *     {@code glimpse-example}) and optionally an image and a question
   * @throws IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "glimpse-example");
    Path image = args.length > 1 ? Path.of(args[1]) : Examples.firstImage(dir.resolve("data/val/images"));
    String question = args.length > 2 ? args[2] : "what color is the large shape?";
    run(dir.resolve("run"), dir.resolve("prepared"), image, question, dir);
  }
}
