package ai.glimpse.tf.zoo;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The graph inputs of a VQA model.
 *
 * @param questionTokens token ids {@code [batch, length]}, 0 for padding
 * @param image the image input {@code [images, ...]}: pixels {@code [3, H, W]} in [0, 1], a
 *     feature grid {@code [C, H, W]} or object features {@code [K, D + 6]}, as the model's
 *     {@link DataShape#image()} says
 * @param imageIndex the image row of each question {@code [batch]}, or {@code null} when the
 *     images are given one per question ({@code images == batch}, as in exported graphs)
 */
public record ModelInputs(Operand<TInt64> questionTokens, Operand<TFloat32> image,
    Operand<TInt32> imageIndex) {

  /**
   * Inputs with one image per question (no {@link #imageIndex}).
   *
   * @param questionTokens token ids {@code [batch, length]}, 0 for padding
   * @param image the image input {@code [batch, ...]}, row {@code i} for question {@code i}
   */
  public ModelInputs(Operand<TInt64> questionTokens, Operand<TFloat32> image) {
    this(questionTokens, image, null);
  }

  /**
   * Returns the per-question rows of {@code perImage}, a tensor whose first axis runs over the
   * images: a gather by {@link #imageIndex}, or {@code perImage} itself without an index.
   *
   * @param tf the ops of the graph being built
   * @param perImage a tensor {@code [images, ...]} computed once per image, e.g. a stem's grid
   * @return {@code [batch, ...]}, row {@code i} being the row of question {@code i}'s image; the
   *     same operand as {@code perImage} when there is no index
   */
  public Operand<TFloat32> perQuestion(Ops tf, Operand<TFloat32> perImage) {
    if (imageIndex == null) {
      return perImage;
    }
    return tf.gather(perImage, imageIndex, tf.constant(0));
  }
}
