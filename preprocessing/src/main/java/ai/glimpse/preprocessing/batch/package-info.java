/** Batches of a prepared split: seeded shuffles, reused buffers, dense soft targets. */
package ai.glimpse.preprocessing.batch;
