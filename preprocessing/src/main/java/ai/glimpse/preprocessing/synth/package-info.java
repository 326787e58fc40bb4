/**
 * Synthetic data: the shapes datasets (presets {@code shapes} and {@code sort-of-clevr}) with
 * scenes, rendered PNG images, questions and annotations in the official VQA v2 formats and
 * captions in the COCO captions format; and
 * a text-only corpus in the same formats at full VQA v2 scale for testing preprocessing speed.
 */
package ai.glimpse.preprocessing.synth;
