package ai.glimpse.cli;

import ai.glimpse.onnx.features.FeatureExtractionOptions;
import ai.glimpse.onnx.features.GridFeatureExtractor;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.PredictorOptions;
import ai.glimpse.onnx.serve.InferenceServer;
import ai.glimpse.onnx.serve.ServerOptions;
import ai.glimpse.preprocessing.features.FeatureFiles;
import ai.glimpse.preprocessing.features.FeatureSource;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse serve}: serves an exported model over HTTP with dynamic batching. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve an exported ONNX model over HTTP (JSON API, dynamic batching, Prometheus metrics).",
        "Endpoints: POST /v1/answer, POST /v1/answer:batch, GET /v1/model, GET /health, GET /metrics.",
        "SIGTERM (Ctrl-C) drains requests in flight, then exits."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "Exported .onnx model.")
  Path model;

  @Option(names = "--host", defaultValue = ServerOptions.DEFAULT_HOST,
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--features", description = "HDF5 grid or object feature file for \"image_id\" queries.")
  Path features;

  @Option(names = "--cnn", description = "ONNX CNN turning uploaded images into grid features (grid models).")
  Path cnn;

  @Option(names = "--cnn-image-size", defaultValue = "448",
      description = "Image side the --cnn takes, in pixels (default: ${DEFAULT-VALUE}).")
  int cnnImageSize;

  @Option(names = "--max-batch", defaultValue = "32",
      description = "Most queries per ONNX Runtime call (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--max-wait-ms", defaultValue = "5",
      description = "How long a batch waits for more queries, in ms (default: ${DEFAULT-VALUE}).")
  long maxWaitMs;

  @Option(names = "--threads", description = "Request worker threads (default: 2 x cores).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    ServerOptions options = ServerOptions.defaults().withHost(host).withPort(port).withBatching(maxBatch, maxWaitMs);
    if (threads != null) {
      options = options.withThreads(threads);
    }
    CountDownLatch released = new CountDownLatch(1);
    try {
      serve(options, released);
      System.out.println("stopped");
      System.out.flush();
    } finally {
      released.countDown();
    }
    return 0;
  }

  /** Runs the server until it is closed, then closes the predictor, store and CNN. */
  private void serve(ServerOptions options, CountDownLatch released) throws Exception {
    // No spinning ONNX Runtime threads: between batches the CPU belongs to the request threads.
    try (Predictor predictor = Predictor.load(model, PredictorOptions.defaults().withSpinning(false));
         FeatureSource store = features == null ? null : FeatureFiles.open(features);
         GridFeatureExtractor extractor = cnn == null ? null
             : GridFeatureExtractor.load(cnn, FeatureExtractionOptions.defaults().withImageSize(cnnImageSize))) {
      InferenceServer.Builder builder = InferenceServer.builder(predictor).options(options);
      if (store != null) {
        builder.features(store);
      }
      if (extractor != null) {
        builder.cnn(extractor);
      }
      try (InferenceServer server = builder.start()) {
        Thread hook = new Thread(() -> {
          server.close();
          try {
            // Let the main thread close the predictor before the JVM halts.
            released.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, "glimpse-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("serving " + server.modelName() + " on " + server.url());
        System.out.flush();
        server.awaitTermination();
      }
    }
  }
}
