package ai.glimpse.preprocessing.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;

/**
 * A Jackson pretty printer for record files: compact JSON with a line break before each field of
 * the top-level object and before each record of a top-level list (or of a list in the top-level
 * object), so that line numbers in error messages point at one record.
 */
public final class RecordPerLineJson extends MinimalPrettyPrinter {
  private static final long serialVersionUID = 1L;

  @Override
  public void beforeObjectEntries(JsonGenerator g) throws IOException {
    if (isRootObject(g.getOutputContext())) {
      g.writeRaw('\n');
    }
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    g.writeRaw(',');
    beforeObjectEntries(g);
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) throws IOException {
    if (entries > 0 && isRootObject(g.getOutputContext())) {
      g.writeRaw('\n');
    }
    g.writeRaw('}');
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) throws IOException {
    if (isRecordList(g.getOutputContext())) {
      g.writeRaw('\n');
    }
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(',');
    beforeArrayValues(g);
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) throws IOException {
    if (values > 0 && isRecordList(g.getOutputContext())) {
      g.writeRaw('\n');
    }
    g.writeRaw(']');
  }

  private static boolean isRootObject(JsonStreamContext ctx) {
    return ctx.inObject() && ctx.getParent() != null && ctx.getParent().inRoot();
  }

  private static boolean isRecordList(JsonStreamContext ctx) {
    if (!ctx.inArray() || ctx.getParent() == null) {
      return false;
    }
    JsonStreamContext parent = ctx.getParent();
    return parent.inRoot() || isRootObject(parent);
  }
}
