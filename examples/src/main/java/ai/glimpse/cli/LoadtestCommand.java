package ai.glimpse.cli;

import ai.glimpse.onnx.loadtest.LoadTest;
import ai.glimpse.onnx.loadtest.LoadTestOptions;
import ai.glimpse.onnx.loadtest.LoadTestReport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse loadtest}: measures a local {@code glimpse serve} under concurrent load. */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
    description = {"Load-test a local glimpse serve: concurrent clients post /v1/answer for a bounded time "
        + "and count; prints requests, throughput, p50/p99 latency and errors. Loopback hosts only."})
final class LoadtestCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--url", required = true, description = "Server address, e.g. http://127.0.0.1:8080.")
  URI url;

  @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--duration", defaultValue = "10", description = "Seconds to run (default: ${DEFAULT-VALUE}).")
  double duration;

  @Option(names = "--max-requests", defaultValue = "0",
      description = "Stop after this many requests; 0 = only the duration bounds it (default: ${DEFAULT-VALUE}).")
  long maxRequests;

  @Option(names = "--question", defaultValue = "what color is the shape?",
      description = "The question to ask (default: ${DEFAULT-VALUE}).")
  String question;

  @Option(names = "--image", description = "PNG or JPEG image to send (default: a generated 64 x 64 PNG).")
  Path image;

  @Option(names = "--image-id", description = "Image id in the server's --features store, instead of an image.")
  Long imageId;

  @Option(names = "--timeout", defaultValue = "30", description = "Per-request timeout, seconds (default: ${DEFAULT-VALUE}).")
  double timeout;

  @Option(names = "--out", description = "Also write the report as JSON to this file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (image != null && imageId != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --image or --image-id, not both");
    }
    byte[] bytes = imageId != null ? null : image != null ? Files.readAllBytes(image) : LoadTest.sampleImage();
    LoadTestOptions options = new LoadTestOptions(url, concurrency, seconds(duration, "--duration"), maxRequests,
        question, bytes, imageId, seconds(timeout, "--timeout"));
    LoadTestReport report = LoadTest.run(options);
    System.out.print(report.summary());
    if (out != null) {
      Files.writeString(out, LoadTest.toJson(report));
      System.out.println("wrote " + out);
    }
    return report.errors() == 0 ? 0 : 2;
  }

  private Duration seconds(double s, String flag) {
    if (!(s > 0) || s > 3600) {
      throw new CommandLine.ParameterException(spec.commandLine(), flag + " must be in (0, 3600] seconds, got " + s);
    }
    return Duration.ofMillis(Math.round(s * 1000));
  }
}
