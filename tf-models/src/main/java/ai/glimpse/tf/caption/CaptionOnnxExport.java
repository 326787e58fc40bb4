package ai.glimpse.tf.caption;

import ai.glimpse.preprocessing.captions.CaptionVocabulary;
import ai.glimpse.preprocessing.format.CaptionerFormat;
import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.tf.export.OnnxExporter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Exports a captioner as a directory of two ONNX models (opset 17, IR 8) and their metadata, which
 * {@code ai.glimpse.onnx.caption} decodes on ONNX Runtime:
 * <ul>
 *   <li>{@value #ENCODER}: {@code image [batch, C, H, W]} to {@code annotations [batch, L, D]},
 *       {@code h0} and {@code c0 [batch, U]};
 *   <li>{@value #STEP}: {@code previous_word [batch]} (word ids as floats), {@code h},
 *       {@code c [batch, U]} and {@code annotations [batch, L, D]} to {@code probabilities
 *       [batch, V]}, {@code alpha [batch, L]}, {@code h_next} and {@code c_next [batch, U]};
 *   <li>{@value #VOCAB}: the {@link CaptionVocabulary};
 *   <li>{@value #METADATA}: {@code {"format", "model": ShowAttendTellConfig, "gridHeight",
 *       "gridWidth", "vocabularySize"}}.
 * </ul>
 */
public final class CaptionOnnxExport {
  /** The encoder model's file name. */
  public static final String ENCODER = "encoder.onnx";
  /** The decoder step model's file name. */
  public static final String STEP = "decoder_step.onnx";
  /** The vocabulary's file name. */
  public static final String VOCAB = "vocab.json";
  /** The metadata file name. */
  public static final String METADATA = "captioner.json";
  /** The metadata's format tag. */
  public static final String FORMAT = CaptionerFormat.NAME;

  private CaptionOnnxExport() {}

  /**
   * Writes the decoder's encoder and step graphs, the vocabulary and the metadata into
   * {@code dir} (created if absent; existing files of these names are replaced) and returns it.
   *
   * @param decoder an open decoder whose session holds the weights to export; it stays open and
   *     the caller still closes it
   * @param vocab the vocabulary the model was trained with; its size must be the model's
   *     {@link ShowAttendTell#vocabularySize()}
   * @param dir the output directory
   * @return {@code dir}
   * @throws IllegalArgumentException if the vocabulary does not match the model's size
   * @throws NullPointerException if {@code decoder} or {@code vocab} is null
   * @throws IOException if the directory or a file cannot be written
   */
  public static Path export(CaptionDecoder decoder, CaptionVocabulary vocab, Path dir) throws IOException {
    Objects.requireNonNull(decoder, "decoder");
    Objects.requireNonNull(vocab, "vocab");
    ShowAttendTell model = decoder.model();
    if (vocab.size() != model.vocabularySize()) {
      throw new IllegalArgumentException("the vocabulary has " + vocab.size()
          + " tokens but the model predicts " + model.vocabularySize());
    }
    Files.createDirectories(dir);
    Map<String, Operand<TFloat32>> encIn = new LinkedHashMap<>();
    encIn.put("image", decoder.image);
    Map<String, Operand<TFloat32>> encOut = new LinkedHashMap<>();
    encOut.put("annotations", decoder.annotationsOut);
    encOut.put("h0", decoder.h0);
    encOut.put("c0", decoder.c0);
    OnnxExporter.write(OnnxExporter.toOnnxGraph(decoder.session(), "show_attend_tell_encoder", encIn, encOut),
        dir.resolve(ENCODER));
    Map<String, Operand<TFloat32>> stepIn = new LinkedHashMap<>();
    stepIn.put("previous_word", decoder.previousWord);
    stepIn.put("h", decoder.hIn);
    stepIn.put("c", decoder.cIn);
    stepIn.put("annotations", decoder.annotationsIn);
    Map<String, Operand<TFloat32>> stepOut = new LinkedHashMap<>();
    stepOut.put("probabilities", decoder.probabilities);
    stepOut.put("alpha", decoder.alpha);
    stepOut.put("h_next", decoder.hOut);
    stepOut.put("c_next", decoder.cOut);
    OnnxExporter.write(OnnxExporter.toOnnxGraph(decoder.session(), "show_attend_tell_step", stepIn, stepOut),
        dir.resolve(STEP));
    vocab.write(dir.resolve(VOCAB));
    ShowAttendTellConfig config = model.config();
    ObjectNode meta = CaptionRun.MAPPER.createObjectNode();
    meta.put("format", FORMAT);
    meta.put("formatVersion", CaptionerFormat.VERSION.toString());
    meta.set("model", CaptionRun.MAPPER.valueToTree(config));
    meta.put("gridHeight", config.gridHeight());
    meta.put("gridWidth", config.gridWidth());
    meta.put("vocabularySize", vocab.size());
    AtomicFiles.writeString(dir.resolve(METADATA),
        CaptionRun.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(meta) + "\n");
    return dir;
  }
}
