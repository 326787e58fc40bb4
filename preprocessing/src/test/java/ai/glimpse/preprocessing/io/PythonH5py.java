package ai.glimpse.preprocessing.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a Python script with Debian's {@code /usr/bin/python3}, h5py and numpy: the HDF5
 * library's own reading of files written here. Tests using it are skipped where h5py is missing.
 */
public final class PythonH5py {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private PythonH5py() {}

  /** Skips the calling test unless {@code /usr/bin/python3} can import h5py and numpy. */
  public static void assumeAvailable() throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
    Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import h5py, numpy")
        .redirectErrorStream(true).start();
    probe.getInputStream().readAllBytes();
    Assumptions.assumeTrue(probe.waitFor() == 0, "python3-h5py is not installed");
  }

  /** Runs {@code script} with {@code args} as {@code sys.argv[1:]} and returns its output; fails on a non-zero exit. */
  public static String run(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "python failed: " + out);
    return out;
  }
}
