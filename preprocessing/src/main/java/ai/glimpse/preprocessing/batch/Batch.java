package ai.glimpse.preprocessing.batch;

/**
 * One batch of encoded questions with their images and dense soft targets, in flat arrays that
 * map one-to-one onto model input tensors. A {@link BatchIterator} reuses the arrays of its
 * batches, so a batch is valid until the next one is taken.
 *
 * @param size the number of questions in this batch (may be less than the capacity of the arrays)
 * @param questionIds {@code [size]}
 * @param tokens {@code [size, maxLength]}, flat
 * @param pixels {@code [size, 3, H, W]}, flat
 * @param targets {@code [size, answers]}, flat soft scores
 */
public record Batch(int size, long[] questionIds, long[] tokens, float[] pixels, float[] targets) {}
