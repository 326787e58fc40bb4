package ai.glimpse.cli;

import ai.glimpse.preprocessing.captions.CaptionSearch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.onnx.caption.GeneratedCaption;
import ai.glimpse.onnx.caption.OnnxCaptioner;
import ai.glimpse.preprocessing.captions.CaptionVocabulary;
import ai.glimpse.preprocessing.features.ImageLoader;
import ai.glimpse.tf.caption.CaptionDecoder;
import ai.glimpse.tf.caption.CaptionRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code glimpse train --model show-attend-tell} on a tiny synth dataset, {@code glimpse caption}
 * from the run and from its ONNX export, and the same captions from TensorFlow Java and ONNX
 * Runtime decoding (attention maps within 1e-4: the runtimes' float32 kernels sum in different
 * orders).
 */
class CaptionCommandTest {
  @Test
  void trainsCaptionsExportsAndOnnxRuntimeDecodesTheSame(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("synth");
    assertEquals(0, new CommandLine(new SynthCommand()).execute("--out", data.toString(),
        "--train-images", "48", "--val-images", "12", "--seed", "3"));
    Path run = tmp.resolve("run");
    assertEquals(0, new CommandLine(new TrainCommand()).execute("--model", "show-attend-tell",
        "--data", data.toString(), "--out", run.toString(), "--epochs", "3", "--batch-size", "16",
        "--lr", "0.005", "--model-config",
        "{\"stemChannels\": [8, 16, 16], \"embeddingDim\": 16, \"lstmUnits\": 32, \"attentionDim\": 16}"));
    assertEquals(3, Files.readAllLines(run.resolve("metrics.jsonl")).size());
    assertTrue(Files.readString(run.resolve("metrics.jsonl")).contains("\"cider_d\""));
    Path image;
    try (Stream<Path> s = Files.list(data.resolve("val/images"))) {
      image = s.sorted().findFirst().orElseThrow();
    }
    Path onnx = tmp.resolve("onnx");
    Path strip = tmp.resolve("attention.png");
    assertEquals(0, new CommandLine(new CaptionCommand()).execute("--model", run.toString(),
        "--image", image.toString(), "--export", onnx.toString(), "--attention", strip.toString()));
    assertTrue(Files.size(strip) > 0);
    assertEquals(0, new CommandLine(new CaptionCommand()).execute("--model", onnx.toString(),
        "--image", image.toString(), "--beam", "3"));
    assertEquals(1, new CommandLine(new CaptionCommand()).execute("--model", tmp.toString(),
        "--image", image.toString()), "a directory that is neither a run nor an export");

    // glimpse evaluate on the export: the val images' greedy captions against the references and
    // the most-frequent-training-caption baseline, each in the same metrics.
    Path report = tmp.resolve("caption-report");
    assertEquals(0, new CommandLine(new EvaluateCommand()).execute("--model", onnx.toString(),
        "--data", data.toString(), "--split", "val", "--out", report.toString()));
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(report.resolve("report.json").toFile());
    assertEquals(12, json.get("images").asInt(), "every val image is captioned");
    for (String group : List.of("captionMetrics", "captionBaseline")) {
      for (String m : List.of("bleu1", "bleu2", "bleu3", "bleu4", "rougeL", "ciderD")) {
        double v = json.get(group).get(m).asDouble();
        assertTrue(v >= 0 && v <= (m.equals("ciderD") ? 10 : 1), group + "." + m + " = " + v);
      }
    }
    assertEquals(12, new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(report.resolve("results.json").toFile()).size());

    List<Path> images;
    try (Stream<Path> s = Files.list(data.resolve("val/images"))) {
      images = s.sorted().toList();
    }
    ImageLoader loader = new ImageLoader(64);
    float[][] pixels = new float[images.size()][];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = loader.load(images.get(i));
    }
    CaptionVocabulary vocab = new CaptionRun(run).readVocabulary();
    try (CaptionDecoder tf = new CaptionRun(run).openDecoder(); OnnxCaptioner ort = OnnxCaptioner.open(onnx)) {
      List<CaptionSearch.Generated> a = tf.greedy(pixels);
      List<GeneratedCaption> b = ort.greedy(pixels);
      for (int i = 0; i < pixels.length; i++) {
        assertEquals(words(vocab, a.get(i)), b.get(i).words(), "greedy, " + images.get(i));
        assertEquals(a.get(i).logProbability(), b.get(i).logProbability(), 1e-3);
        for (int w = 0; w < a.get(i).attention().length; w++) {
          float[] x = a.get(i).attention()[w];
          float[] y = b.get(i).attention()[w];
          for (int k = 0; k < x.length; k++) {
            assertEquals(x[k], y[k], 1e-4, "attention of word " + w + " at cell " + k);
          }
        }
      }
      for (int i = 0; i < 4; i++) {
        assertEquals(words(vocab, tf.beam(pixels[i], 3)), ort.beam(pixels[i], 3).words(), "beam 3, " + images.get(i));
        assertArrayEquals(tf.beam(pixels[i], 1).words(), a.get(i).words(), "beam 1 is greedy");
      }
    }
  }

  private static List<String> words(CaptionVocabulary vocab, CaptionSearch.Generated g) {
    return java.util.Arrays.stream(g.words()).mapToObj(vocab::token).toList();
  }
}
