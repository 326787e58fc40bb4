/**
 * Small runnable programs, one per way of using Glimpse from Java; each has a {@code main} and a
 * {@code run} method that a test calls, so that none of them can rot. The README's "Java API"
 * section shows the part of each between its {@code snippet} markers, and a test checks that the
 * README and the code agree.
 *
 * <ul>
 *   <li>{@link ai.glimpse.examples.TrainOnSyntheticData}: synthesize, prepare and train with a
 *       progress and early-stopping listener.
 *   <li>{@link ai.glimpse.examples.ExportAndPredict}: export a run to ONNX (checked against
 *       TensorFlow), predict with ONNX Runtime and write an evaluation report.
 *   <li>{@link ai.glimpse.examples.ServeInProcess}: start the HTTP server in-process and ask it.
 *   <li>{@link ai.glimpse.examples.EvaluateResultsFile}: score a results file with the official
 *       VQA accuracy.
 *   <li>{@link ai.glimpse.examples.ExtractGridFeatures}: turn a directory of images into grid
 *       features with an ONNX CNN.
 * </ul>
 */
package ai.glimpse.examples;
