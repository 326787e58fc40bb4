package ai.glimpse.tf.train;

/** The optimizers the trainer offers. */
public enum OptimizerKind {
  /** Adamax (Kingma and Ba 2015), the optimizer of the SAAA and BUTD seeds. */
  ADAMAX,
  /** Adam. */
  ADAM,
  /** Stochastic gradient descent with momentum 0.9. */
  SGD_MOMENTUM
}
