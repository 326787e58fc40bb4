package ai.glimpse.tf.zoo;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The graph inputs of a VQA model.
 *
 * @param questionTokens token ids {@code [batch, length]}, 0 for padding
 * @param imagePixels pixels {@code [batch, 3, height, width]} in [0, 1]
 */
public record ModelInputs(Operand<TInt64> questionTokens, Operand<TFloat32> imagePixels) {}
