package ai.glimpse.preprocessing.batch;

/**
 * One batch of encoded questions with their images and dense soft targets, in flat arrays that
 * map one-to-one onto model input tensors. A {@link BatchIterator} reuses the arrays of its
 * batches, so a batch is valid until the next one is taken.
 *
 * <p>Questions may share images: {@code images} holds {@code imageCount} distinct images (pixels,
 * grids or objects, as the split's selected {@link ai.glimpse.preprocessing.features.FeatureSource}
 * gives them) and
 * {@code imageIndex[i]} is the row of question {@code i}'s image among them. An ungrouped batch
 * has one image per question ({@code imageIndex[i] == i}).
 *
 * @param size the number of questions in this batch (may be less than the capacity of the arrays)
 * @param questionIds {@code [size]}
 * @param tokens {@code [size, maxLength]}, flat
 * @param imageCount the number of images in {@code images}
 * @param images {@code [imageCount, ...]} in the feature source's per-image shape, flat
 * @param imageIndex {@code [size]}: the image row of each question
 * @param targets {@code [size, answers]}, flat soft scores
 */
public record Batch(int size, long[] questionIds, long[] tokens, int imageCount, float[] images,
    int[] imageIndex, float[] targets) {}
