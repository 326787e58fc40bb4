/**
 * The records of a VQA dataset (questions, annotations), the readers and writers of the official
 * VQA v2 JSON formats, and the reader of GQA's balanced questions files into the same records.
 */
package ai.glimpse.preprocessing.data;
