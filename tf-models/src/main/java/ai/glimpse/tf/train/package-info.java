/**
 * Training: the model graph with loss and optimizer, the trainer, checkpoints, run directories
 * and loading a trained model back.
 */
package ai.glimpse.tf.train;
