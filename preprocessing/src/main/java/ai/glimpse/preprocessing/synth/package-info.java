/**
 * The synthetic shapes datasets (presets {@code shapes} and {@code sort-of-clevr}): scenes,
 * rendered PNG images, and questions and annotations in the official VQA v2 formats.
 */
package ai.glimpse.preprocessing.synth;
