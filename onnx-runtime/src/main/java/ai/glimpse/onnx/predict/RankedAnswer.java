package ai.glimpse.onnx.predict;

/**
 * One candidate answer.
 *
 * @param answer the answer text
 * @param probability its probability under the model, in [0, 1]
 */
public record RankedAnswer(String answer, float probability) {}
