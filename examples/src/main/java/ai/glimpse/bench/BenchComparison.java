package ai.glimpse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code glimpse bench compare}: sets two benchmark files side by side (any of the JSON that
 * {@code glimpse bench} writes) and flags every figure that got worse by more than a threshold.
 * Rows of an array are matched by their {@code model}, {@code runtime} and, where present, their
 * {@code setting} (the ONNX Runtime options of a {@code --sweep} row); figures are told apart
 * by name: times, milliseconds and bytes are better lower; rates, samples per second, FLOP/s and
 * fractions of the peak are better higher; counts (parameters, multiply-adds, threads) are not
 * judged.
 */
public final class BenchComparison {
  private static final Pattern LOWER_BETTER = Pattern.compile(
      "(?i).*(_ms|millis|seconds|bytes)$|.*_ms_.*");
  private static final Pattern HIGHER_BETTER = Pattern.compile(
      "(?i).*(per_s|persecond|flops_per_s|fraction)$");

  private BenchComparison() {}

  /**
   * One figure in both files.
   *
   * @param key where it is, e.g. {@code saaa-ref/tensorflow/train_samples_per_s}
   * @param base its value in the first file
   * @param current its value in the second
   * @param change the relative change, signed so that positive is worse
   * @param worse whether the change is worse than the threshold
   */
  public record Figure(String key, double base, double current, double change, boolean worse) {}

  /**
   * Compares {@code current} with {@code base}; {@code threshold} 0.10 flags figures more than 10% worse.
   * Only figures present in both files, judged by their name and nonzero in {@code base} are listed.
   *
   * @param base the reference benchmark JSON file (a JSON object or array)
   * @param current the benchmark JSON file to judge against {@code base}
   * @param threshold the largest relative change towards worse that is not flagged, as a fraction
   *     (0.10 for 10%); at least 0
   * @return one figure per compared number, in the order of {@code base}; empty when none compare
   * @throws IOException if a file cannot be read, is not valid JSON, or does not hold a JSON object
   *     or array (that message names the file)
   * @throws IllegalArgumentException if {@code threshold} is negative or NaN
   */
  public static List<Figure> compare(Path base, Path current, double threshold) throws IOException {
    if (!(threshold >= 0)) {
      throw new IllegalArgumentException("threshold must be >= 0, got " + threshold);
    }
    ObjectMapper json = new ObjectMapper();
    Map<String, Double> a = flatten(json.readTree(base.toFile()), base);
    Map<String, Double> b = flatten(json.readTree(current.toFile()), current);
    List<Figure> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : a.entrySet()) {
      Double now = b.get(e.getKey());
      String name = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
      int direction = LOWER_BETTER.matcher(name).matches() ? 1 : HIGHER_BETTER.matcher(name).matches() ? -1 : 0;
      if (now == null || direction == 0 || e.getValue() == 0) {
        continue;
      }
      double change = direction * (now - e.getValue()) / Math.abs(e.getValue());
      out.add(new Figure(e.getKey(), e.getValue(), now, change, change > threshold));
    }
    return out;
  }

  private static Map<String, Double> flatten(JsonNode root, Path file) throws IOException {
    if (root == null || !(root.isArray() || root.isObject())) {
      throw new IOException(file + ": expected a JSON object or array of benchmark figures");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    walk(root, "", out);
    return out;
  }

  private static void walk(JsonNode node, String prefix, Map<String, Double> out) {
    if (node.isNumber()) {
      out.put(prefix, node.asDouble());
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        walk(f.getValue(), prefix.isEmpty() ? f.getKey() : prefix + "/" + f.getKey(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode row = node.get(i);
        String id = row.has("model") ? row.get("model").asText() + (row.has("runtime") ? "/" + row.get("runtime").asText() : "")
            + (row.has("setting") ? "[" + row.get("setting").asText() + "]" : "")
            : Integer.toString(i);
        walk(row, prefix.isEmpty() ? id : prefix + "/" + id, out);
      }
    }
  }
}
