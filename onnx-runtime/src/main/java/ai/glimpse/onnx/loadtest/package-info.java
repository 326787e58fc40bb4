/**
 * A closed-loop HTTP load generator for a Glimpse inference server
 * ({@link ai.glimpse.onnx.serve.InferenceServer}): concurrent clients post questions for a
 * bounded time and request count and report throughput, latency percentiles and errors. See
 * {@link ai.glimpse.onnx.loadtest.LoadTest}.
 */
package ai.glimpse.onnx.loadtest;
