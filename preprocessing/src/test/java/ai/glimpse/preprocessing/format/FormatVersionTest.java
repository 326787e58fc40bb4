package ai.glimpse.preprocessing.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FormatVersionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Holder(FormatVersion formatVersion) {}

  @Test
  void parsesMajorMinorAndPlainMajor() {
    assertEquals(new FormatVersion(1, 1), FormatVersion.parse("1.1"));
    assertEquals(new FormatVersion(3, 0), FormatVersion.parse(" 3 "));
    assertEquals("2.5", new FormatVersion(2, 5).toString());
    assertThrows(IllegalArgumentException.class, () -> FormatVersion.parse("1.x"));
    assertThrows(IllegalArgumentException.class, () -> FormatVersion.parse("0.1"));
    assertThrows(IllegalArgumentException.class, () -> FormatVersion.parse(""));
  }

  @Test
  void sameMajorIsReadableAndNewerMajorIsNot() {
    FormatVersion reader = new FormatVersion(1, 1);
    assertTrue(new FormatVersion(1, 0).isReadableBy(reader));
    assertTrue(new FormatVersion(1, 9).isReadableBy(reader), "a newer minor only adds fields");
    assertFalse(new FormatVersion(2, 0).isReadableBy(reader));
    FormatVersion.UnsupportedFormatException e = assertThrows(FormatVersion.UnsupportedFormatException.class,
        () -> new FormatVersion(2, 0).requireReadableBy(reader, "run/config.json"));
    assertEquals("run/config.json: format version 2.0 is newer than this Glimpse reads (1.x, up to 1.1); "
        + "upgrade Glimpse to read it", e.getMessage());
    java.io.IOException io = assertThrows(java.io.IOException.class,
        () -> new FormatVersion(2, 0).requireReadableFile(reader, java.nio.file.Path.of("run", "config.json")));
    assertEquals(e.getMessage(), io.getMessage());
    assertTrue(io.getCause() instanceof FormatVersion.UnsupportedFormatException);
    assertTrue(new FormatVersion(1, 2).compareTo(new FormatVersion(1, 10)) < 0);
    assertTrue(new FormatVersion(2, 0).compareTo(new FormatVersion(1, 10)) > 0);
  }

  @Test
  void jsonHoldsTextAndReadsOldIntegers() throws Exception {
    assertEquals("{\"formatVersion\":\"1.1\"}", JSON.writeValueAsString(new Holder(new FormatVersion(1, 1))));
    assertEquals(new FormatVersion(1, 1), JSON.readValue("{\"formatVersion\":\"1.1\"}", Holder.class).formatVersion());
    assertEquals(new FormatVersion(1, 0), JSON.readValue("{\"formatVersion\":1}", Holder.class).formatVersion());
  }
}
