package ai.glimpse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchComparisonTest {

  @Test
  void flagsFiguresMoreThanTenPercentWorseInTheirOwnDirection(@TempDir Path tmp) throws Exception {
    Path base = Files.writeString(tmp.resolve("a.json"), """
        [{"model": "saaa-ref", "runtime": "tensorflow", "threads": 2, "train_samples_per_s": 40.0,
          "infer_b1_p50_ms": 10.0, "infer_b1_p99_ms": 20.0, "params": 1000, "train_peak_fraction": 0.5},
         {"model": "saaa-ref", "runtime": "onnxruntime", "infer_b1_p50_ms": 8.0}]""");
    Path now = Files.writeString(tmp.resolve("b.json"), """
        [{"model": "saaa-ref", "runtime": "onnxruntime", "infer_b1_p50_ms": 8.5},
         {"model": "saaa-ref", "runtime": "tensorflow", "threads": 1, "train_samples_per_s": 35.0,
          "infer_b1_p50_ms": 11.5, "infer_b1_p99_ms": 15.0, "params": 9000, "train_peak_fraction": 0.46}]""");
    Map<String, BenchComparison.Figure> f = BenchComparison.compare(base, now, 0.10).stream()
        .collect(Collectors.toMap(BenchComparison.Figure::key, x -> x));
    assertTrue(f.get("saaa-ref/tensorflow/train_samples_per_s").worse(), "40 -> 35 samples/s is 12.5% worse");
    assertTrue(f.get("saaa-ref/tensorflow/infer_b1_p50_ms").worse(), "10 -> 11.5 ms is 15% worse");
    assertFalse(f.get("saaa-ref/tensorflow/infer_b1_p99_ms").worse(), "a lower latency is better");
    assertFalse(f.get("saaa-ref/onnxruntime/infer_b1_p50_ms").worse(), "6.25% is within the threshold");
    assertFalse(f.get("saaa-ref/tensorflow/train_peak_fraction").worse(), "0.5 -> 0.46 is 8% worse");
    assertEquals(0.125, f.get("saaa-ref/tensorflow/train_samples_per_s").change(), 1e-12);
    assertFalse(f.containsKey("saaa-ref/tensorflow/params"), "counts are not judged");
    assertFalse(f.containsKey("saaa-ref/tensorflow/threads"));
  }

  @Test
  void tellsSweepRowsApartByTheirSetting(@TempDir Path tmp) throws Exception {
    Path base = Files.writeString(tmp.resolve("a.json"), """
        [{"model": "saaa", "runtime": "onnxruntime", "setting": "opt=all mem=on threads=2", "infer_b1_p50_ms": 1.0},
         {"model": "saaa", "runtime": "onnxruntime", "setting": "opt=none mem=on threads=2", "infer_b1_p50_ms": 2.0}]""");
    Path now = Files.writeString(tmp.resolve("b.json"), """
        [{"model": "saaa", "runtime": "onnxruntime", "setting": "opt=none mem=on threads=2", "infer_b1_p50_ms": 2.05},
         {"model": "saaa", "runtime": "onnxruntime", "setting": "opt=all mem=on threads=2", "infer_b1_p50_ms": 1.5}]""");
    Map<String, BenchComparison.Figure> f = BenchComparison.compare(base, now, 0.10).stream()
        .collect(Collectors.toMap(BenchComparison.Figure::key, x -> x));
    assertEquals(2, f.size(), f.toString());
    assertTrue(f.get("saaa/onnxruntime[opt=all mem=on threads=2]/infer_b1_p50_ms").worse(), "1.0 -> 1.5 ms");
    assertFalse(f.get("saaa/onnxruntime[opt=none mem=on threads=2]/infer_b1_p50_ms").worse(), "2.0 -> 2.05 ms");
  }

  @Test
  void comparesObjectsFieldByField(@TempDir Path tmp) throws Exception {
    Path base = Files.writeString(tmp.resolve("a.json"), "{\"questionsPerSecond\": 70000, \"prepareSeconds\": 9.0}");
    Path now = Files.writeString(tmp.resolve("b.json"), "{\"questionsPerSecond\": 50000, \"prepareSeconds\": 9.5}");
    List<BenchComparison.Figure> f = BenchComparison.compare(base, now, 0.10);
    assertEquals(2, f.size());
    assertTrue(f.get(0).worse(), "questions per second fell by 29%");
    assertFalse(f.get(1).worse(), "9.0 -> 9.5 s is 5.6% worse");
  }
}
