package ai.glimpse.preprocessing.synth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;

/**
 * Lays JSON out like the official VQA files, which Python's {@code json.dump} wrote: {@code ": "}
 * after a field name and {@code ", "} between entries. Unlike them, each record of the top-level
 * list starts on its own line, so that an error's line number points at one record and tools
 * such as {@code head} work on a 300 MB file.
 */
final class OfficialJsonLayout extends MinimalPrettyPrinter {
  private static final long serialVersionUID = 1L;

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(": ");
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    g.writeRaw(", ");
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) throws IOException {
    if (isRecordList(g.getOutputContext())) {
      g.writeRaw('\n');
    }
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(isRecordList(g.getOutputContext()) ? ",\n" : ", ");
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) throws IOException {
    if (values > 0 && isRecordList(g.getOutputContext())) {
      g.writeRaw('\n');
    }
    g.writeRaw(']');
  }

  /** A list that is the value of a field of the root object, such as {@code "annotations"}. */
  private static boolean isRecordList(JsonStreamContext ctx) {
    if (!ctx.inArray() || ctx.getParent() == null) {
      return false;
    }
    JsonStreamContext parent = ctx.getParent();
    return parent.inObject() && parent.getParent() != null && parent.getParent().inRoot();
  }
}
