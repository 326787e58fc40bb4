package ai.glimpse.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "Java API" section shows the examples' code between their {@code snippet-start}
 * and {@code snippet-end} markers: this test fails when the two differ, so that what the README
 * shows is code that compiles and runs ({@link ExamplesTest} runs it).
 */
class ReadmeSnippetsTest {
  private static final Path SOURCES = Path.of("src/main/java/ai/glimpse/examples");
  private static final Path README = Path.of("../README.md");

  static Map<String, String> snippets() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String t = lines.get(i).trim();
          if (t.startsWith("// snippet-start ")) {
            String name = t.substring("// snippet-start ".length());
            List<String> body = new ArrayList<>();
            int j = i + 1;
            while (!lines.get(j).trim().equals("// snippet-end")) {
              body.add(lines.get(j++));
            }
            out.put(f.getFileName() + "#" + name, dedent(body));
          }
        }
      }
    }
    return out;
  }

  static String dedent(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return sb.toString();
  }

  @Test
  void everyExampleSnippetIsInTheReadmeVerbatim() throws IOException {
    Map<String, String> snippets = snippets();
    assertEquals(5, snippets.size(), snippets.keySet().toString());
    String readme = Files.readString(README);
    for (Map.Entry<String, String> e : snippets.entrySet()) {
      assertTrue(readme.contains("```java\n" + e.getValue() + "```\n"),
          "README.md must show the snippet of " + e.getKey() + " as a java block:\n" + e.getValue());
    }
  }
}
