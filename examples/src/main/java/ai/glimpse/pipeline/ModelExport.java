package ai.glimpse.pipeline;

import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.preprocessing.format.ModelMetadata;
import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.preprocessing.prepare.PreparedSplit;
import ai.glimpse.tf.export.Float16Weights;
import ai.glimpse.tf.export.OnnxExporter;
import ai.glimpse.tf.train.TrainedModel;
import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code glimpse export}: the best checkpoint of a run as one ONNX file, optionally verified
 * against TensorFlow on validation questions, the measured difference recorded in the file's
 * provenance.
 */
public final class ModelExport {
  private static final Logger LOG = LoggerFactory.getLogger(ModelExport.class);

  /**
   * The outcome of an export.
   *
   * @param model the written ONNX file
   * @param metadata the metadata it carries
   * @param parityMaxAbsDiff the largest probability difference measured, or null
   * @param parityQuestions how many questions were compared (0 when not verified)
   */
  public record Result(Path model, ModelMetadata metadata, Double parityMaxAbsDiff, int parityQuestions) {}

  private ModelExport() {}

  /**
   * Exports the run in {@code runDir} to {@code target}; with {@code verify > 0}, runs that many
   * validation questions of the run's prepared data through TensorFlow and ONNX Runtime and
   * records the largest difference of answer probabilities.
   *
   * @param runDir a training run directory; its best checkpoint is exported
   * @param target the ONNX file to write (replaced through a temporary file moved into place)
   * @param verify how many of the first {@code val} questions to compare; 0 or less skips the check
   * @return the written file, its metadata and the parity measured (null and 0 without a check)
   * @throws IOException if the run cannot be loaded, the file cannot be written, or (when
   *     verifying) the run's prepared data or the written model cannot be opened
   * @see #export(Path, Path, int, boolean)
   */
  public static Result export(Path runDir, Path target, int verify) throws IOException {
    return export(runDir, target, verify, false);
  }

  /**
   * Exports as {@link #export(Path, Path, int)} does; with {@code fp16} the weights are stored as
   * float16 (the graph computes in float32, see {@link Float16Weights}).
   *
   * <p>The file is written once without parity and, when verified, written again with the
   * measured difference in its provenance; the check runs the float16 file itself, so the
   * recorded difference includes the rounding of the weights.
   *
   * @param runDir a training run directory; its best checkpoint is exported
   * @param target the ONNX file to write (replaced through a temporary file moved into place)
   * @param verify how many of the first {@code val} questions of the prepared data named in the
   *     run's config to compare; 0 or less skips the check
   * @param fp16 whether to store the weights as float16 instead of float32
   * @return the written file, its metadata and the parity measured (null and 0 without a check)
   * @throws IOException if the run cannot be loaded, the file cannot be written, or (when
   *     verifying) the run's prepared data or the written model cannot be opened
   */
  public static Result export(Path runDir, Path target, int verify, boolean fp16) throws IOException {
    try (TrainedModel model = TrainedModel.load(runDir)) {
      ModelMetadata metadata = OnnxExporter.metadata(model, null, 0);
      OnnxMl.ModelProto proto = OnnxExporter.toOnnx(model, metadata);
      if (fp16) {
        proto = Float16Weights.convert(proto);
      }
      OnnxExporter.write(proto, target);
      if (verify <= 0) {
        return new Result(target, metadata, null, 0);
      }
      PreparedDataset data = PreparedDataset.open(Path.of(model.config().data()));
      double diff;
      int n;
      try (Predictor predictor = Predictor.load(target); PreparedSplit val = data.split("val")) {
        Parity.Measurement m = Parity.measure(model, predictor, val, verify);
        diff = m.maxAbsDiff();
        n = m.questions();
      }
      // Only the metadata changes: reuse the converted graph instead of converting it again.
      ModelMetadata verified = metadata.withParity(diff, n);
      OnnxExporter.write(OnnxExporter.withMetadata(proto, verified), target);
      LOG.info("exported {} with parity max_abs_diff={} on {} questions", target, diff, n);
      return new Result(target, verified, diff, n);
    }
  }
}
