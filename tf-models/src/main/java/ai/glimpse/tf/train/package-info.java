/**
 * Training: the model graph with loss and optimizer, the losses (soft-target cross-entropy,
 * binary cross-entropy on soft scores, sparse cross-entropy with its Java gradient), learning-rate
 * schedules, the trainer, checkpoints, run directories and loading a trained model back.
 */
package ai.glimpse.tf.train;
