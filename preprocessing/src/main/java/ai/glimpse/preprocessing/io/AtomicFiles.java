package ai.glimpse.preprocessing.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes files under a temporary name in the target's directory and moves them into place, so
 * that an interrupted run never leaves a half-written file under the final name.
 */
public final class AtomicFiles {

  /** Writes the content of one file to a stream; the stream is closed by {@link AtomicFiles}. */
  @FunctionalInterface
  public interface Writer {
    /**
     * Writes the whole content to {@code out}.
     *
     * @param out a buffered stream to the temporary file; {@link AtomicFiles} flushes and closes it
     *     after this method returns
     * @throws IOException if the content cannot be written; the temporary file is then deleted and
     *     the target left as it was
     */
    void write(OutputStream out) throws IOException;
  }

  /** Writes the content of a file whose writer needs a path (a library that opens files itself). */
  @FunctionalInterface
  public interface PathWriter {
    /**
     * Writes the whole content to the file {@code tmp}, which does not exist yet.
     *
     * @param tmp a hidden sibling of the target, named after it, the process id and the thread id;
     *     the writer creates it, and it must be complete and closed when this method returns,
     *     since it is then moved into place
     * @throws IOException if the file cannot be written; the temporary file is then deleted and
     *     the target left as it was
     */
    void write(Path tmp) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code target} through a temporary sibling file, then renames it over the target.
   *
   * @param target the file to create or replace; missing parent directories are created
   * @param writer writes the content to a buffered stream that is closed for it
   * @throws IOException if the directory cannot be created, the writer fails or the rename fails;
   *     the temporary file is then deleted and an existing target left as it was
   */
  public static void write(Path target, Writer writer) throws IOException {
    writeWithPath(target, tmp -> {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        writer.write(out);
      }
    });
  }

  /**
   * Writes a UTF-8 string to {@code target} atomically.
   *
   * @param target the file to create or replace; missing parent directories are created
   * @param content the whole text of the file, written as UTF-8 without a byte order mark
   * @throws IOException if the file cannot be written or moved into place; an existing target is
   *     then left as it was
   */
  public static void writeString(Path target, String content) throws IOException {
    write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Lets {@code writer} create a temporary sibling of {@code target}, then moves it into place.
   * The temporary file is deleted if the writer fails.
   *
   * @param target the file to create or replace; missing parent directories are created
   * @param writer creates and fills the temporary file it is given, e.g. through a library that
   *     opens files itself
   * @throws IOException if the directory cannot be created, the writer fails or the move fails;
   *     the temporary file is then deleted and an existing target left as it was
   */
  public static void writeWithPath(Path target, PathWriter writer) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + absolute.getFileName() + ".tmp-" + ProcessHandle.current().pid()
        + "-" + Thread.currentThread().getId());
    Files.deleteIfExists(tmp);
    boolean moved = false;
    try {
      writer.write(tmp);
      try {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Deletes a file or a directory tree; does nothing when {@code path} does not exist.
   *
   * @param path a file or directory; a directory is deleted with everything below it, deepest
   *     entries first
   * @throws IOException if an entry cannot be deleted; entries deleted before it stay deleted
   */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
