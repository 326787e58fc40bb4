/** Question text: the tokenizer, its settings and the question vocabulary. */
package ai.glimpse.preprocessing.text;
