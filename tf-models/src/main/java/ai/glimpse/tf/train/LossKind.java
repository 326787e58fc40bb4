package ai.glimpse.tf.train;

/** The training losses on soft answer scores. */
public enum LossKind {
  /** Softmax cross-entropy against the soft scores (as in SAAA and SAN training). */
  SOFT_CROSS_ENTROPY("soft-ce"),
  /** Per-answer sigmoid binary cross-entropy on the soft scores (as in bottom-up top-down). */
  BINARY_CROSS_ENTROPY("bce");

  private final String cliName;

  LossKind(String cliName) {
    this.cliName = cliName;
  }

  /**
   * Returns the name {@code glimpse train --loss} takes.
   *
   * @return {@code soft-ce} or {@code bce}
   */
  public String cliName() {
    return cliName;
  }

  /**
   * Returns the loss a command-line name denotes.
   *
   * @param name {@code soft-ce} or {@code bce} (case-sensitive)
   * @return the loss with that {@link #cliName()}
   * @throws IllegalArgumentException if the name is unknown; the message lists the known ones
   */
  public static LossKind named(String name) {
    for (LossKind k : values()) {
      if (k.cliName.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown loss '" + name + "', expected soft-ce or bce");
  }
}
