/**
 * The records of a VQA dataset (questions, annotations) and the readers and writers of the
 * official VQA v2 JSON formats.
 */
package ai.glimpse.preprocessing.data;
