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
    /** Writes the whole content to {@code out}. */
    void write(OutputStream out) throws IOException;
  }

  /** Writes the content of a file whose writer needs a path (a library that opens files itself). */
  @FunctionalInterface
  public interface PathWriter {
    /** Writes the whole content to the file {@code tmp}, which does not exist yet. */
    void write(Path tmp) throws IOException;
  }

  private AtomicFiles() {}

  /** Writes {@code target} through a temporary sibling file, then renames it over the target. */
  public static void write(Path target, Writer writer) throws IOException {
    writeWithPath(target, tmp -> {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        writer.write(out);
      }
    });
  }

  /** Writes a UTF-8 string to {@code target} atomically. */
  public static void writeString(Path target, String content) throws IOException {
    write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Lets {@code writer} create a temporary sibling of {@code target}, then moves it into place.
   * The temporary file is deleted if the writer fails.
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

  /** Deletes a file or a directory tree; does nothing when {@code path} does not exist. */
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
