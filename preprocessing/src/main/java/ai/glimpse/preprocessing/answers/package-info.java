/**
 * Answer processing shared by preprocessing and evaluation: the official VQA answer
 * normalization, the answer vocabulary and soft target scores.
 */
package ai.glimpse.preprocessing.answers;
