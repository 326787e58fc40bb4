package ai.glimpse.preprocessing.format;

/**
 * The names and version of a captioner export: a directory with {@code encoder.onnx},
 * {@code decoder_step.onnx}, {@code vocab.json} and {@code captioner.json}, whose {@code "format"}
 * and {@code "formatVersion"} fields are {@link #NAME} and {@link #VERSION}. Written by the
 * exporter in {@code tf-models}, read by the captioner in {@code onnx-runtime}.
 */
public final class CaptionerFormat {
  /** The value of {@code captioner.json}'s {@code "format"} field. */
  public static final String NAME = "glimpse-show-attend-tell-onnx";
  /** The metadata file of a captioner export. */
  public static final String METADATA_FILE = "captioner.json";
  /**
   * The version this code writes and the newest it reads; exports without a
   * {@code "formatVersion"} field (written before it was added) read as 1.0.
   */
  public static final FormatVersion VERSION = new FormatVersion(1, 0);

  private CaptionerFormat() {}
}
