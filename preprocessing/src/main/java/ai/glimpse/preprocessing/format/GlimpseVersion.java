package ai.glimpse.preprocessing.format;

/** The Glimpse release that wrote a file, recorded in exported models and reports. */
public final class GlimpseVersion {
  /** The current version. */
  public static final String VERSION = "0.1.0";

  private GlimpseVersion() {}
}
