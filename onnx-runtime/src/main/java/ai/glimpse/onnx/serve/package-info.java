/**
 * The Glimpse HTTP inference server on Undertow: a JSON API over a
 * {@link ai.glimpse.onnx.predict.Predictor} ({@code POST /v1/answer}, {@code POST /v1/answer:batch},
 * {@code GET /v1/model}, {@code GET /health}, {@code GET /metrics}) with request validation,
 * dynamic batching of concurrent requests into one ONNX Runtime call, Prometheus metrics and
 * graceful shutdown. See {@link ai.glimpse.onnx.serve.InferenceServer}.
 */
package ai.glimpse.onnx.serve;
