package ai.glimpse.preprocessing.format;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The semantic version of a file format Glimpse writes: the ONNX metadata of an exported model,
 * a prepared directory's {@code manifest.json}, a run's {@code config.json} and a captioner
 * export's {@code captioner.json}. A reader reads every version with its own major number (a
 * newer minor version only adds fields, which older readers ignore) and refuses a newer major
 * version with a message that names the file and both versions.
 *
 * <p>Written as the text {@code "MAJOR.MINOR"}; the plain integers that files written before
 * minor versions existed hold (e.g. {@code 1}) read as {@code MAJOR.0}.
 *
 * @param major incremented when a reader of an older major version could misread the file
 * @param minor incremented when fields are added that older readers of the same major version
 *     may ignore
 */
public record FormatVersion(int major, int minor) implements Comparable<FormatVersion> {
  /**
   * Validates the numbers.
   *
   * @param major at least 1
   * @param minor at least 0
   */
  public FormatVersion {
    if (major < 1 || minor < 0) {
      throw new IllegalArgumentException("a format version is MAJOR.MINOR with MAJOR >= 1 and MINOR >= 0, got "
          + major + "." + minor);
    }
  }

  /**
   * Parses {@code "MAJOR.MINOR"} or a plain {@code "MAJOR"} (read as {@code MAJOR.0}).
   *
   * @param text the version text, e.g. {@code "1.1"}
   * @return the version
   * @throws IllegalArgumentException when {@code text} is not a version; the message quotes it
   */
  @JsonCreator
  public static FormatVersion parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("format version is missing");
    }
    String t = text.trim();
    int dot = t.indexOf('.');
    try {
      if (dot < 0) {
        return new FormatVersion(Integer.parseInt(t), 0);
      }
      return new FormatVersion(Integer.parseInt(t.substring(0, dot)), Integer.parseInt(t.substring(dot + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("format version '" + text + "' is not MAJOR.MINOR (e.g. 1.1)");
    }
  }

  /**
   * Reads the plain integer that files written before minor versions existed hold.
   *
   * @param major the major version
   * @return {@code major.0}
   */
  @JsonCreator
  public static FormatVersion of(int major) {
    return new FormatVersion(major, 0);
  }

  /**
   * Returns whether a reader of {@code reader}'s format can read a file of this version: true
   * when the major versions are equal or this one is older.
   *
   * @param reader the newest version the reader knows
   * @return whether the file can be read
   */
  public boolean isReadableBy(FormatVersion reader) {
    return major <= reader.major;
  }

  /**
   * Throws unless a reader of {@code reader}'s format can read a file of this version.
   *
   * @param reader the newest version the reader knows
   * @param source the file (or other source) in question, named in the message
   * @throws UnsupportedFormatException when this version's major number is newer than the reader's
   */
  public void requireReadableBy(FormatVersion reader, String source) {
    if (!isReadableBy(reader)) {
      throw new UnsupportedFormatException(source + ": format version " + this + " is newer than this Glimpse reads ("
          + reader.major + ".x, up to " + reader + "); upgrade Glimpse to read it");
    }
  }

  /**
   * Throws unless a reader of {@code reader}'s format can read {@code file}, which states this
   * version: the check of {@link #requireReadableBy(FormatVersion, String)} for the readers of
   * files, which report problems as {@link IOException}s.
   *
   * @param reader the newest version the reader knows
   * @param file the file that states this version, named in the message
   * @throws IOException when this version's major number is newer than the reader's; its cause is
   *     the {@link UnsupportedFormatException}
   */
  public void requireReadableFile(FormatVersion reader, Path file) throws IOException {
    try {
      requireReadableBy(reader, file.toString());
    } catch (UnsupportedFormatException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public int compareTo(FormatVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  /**
   * Returns {@code "MAJOR.MINOR"}, the form written to files.
   *
   * @return the version text
   */
  @JsonValue
  @Override
  public String toString() {
    return major + "." + minor;
  }

  /** A file whose format version is newer than this Glimpse reads. */
  public static final class UnsupportedFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the file, its version and the versions this Glimpse reads
     */
    public UnsupportedFormatException(String message) {
      super(message);
    }
  }
}
