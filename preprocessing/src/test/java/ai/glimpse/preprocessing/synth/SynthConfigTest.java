package ai.glimpse.preprocessing.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SynthConfigTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    assertEquals(new SynthConfig(Preset.SHAPES, 2000, 500, 7L, 0.1), SynthConfig.defaults());
  }

  @Test
  void invalidValuesAreRejectedWithTheirValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SynthConfig(Preset.SHAPES, 0, 5, 1, 0.1));
    assertTrue(e.getMessage().contains("trainImages must be in [1, 1000000], got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SynthConfig.defaults().withImages(3, -2));
    assertTrue(e.getMessage().contains("valImages") && e.getMessage().contains("-2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SynthConfig.defaults().withNoise(1.0));
    assertTrue(e.getMessage().contains("noise must be in [0, 1), got 1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SynthConfig.defaults().withNoise(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> SynthConfig.defaults().withNoise(-0.01));
    assertThrows(NullPointerException.class, () -> SynthConfig.defaults().withPreset(null));
  }

  @Test
  void survivesAJsonRoundTrip() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    SynthConfig config = SynthConfig.defaults().withPreset(Preset.SORT_OF_CLEVR).withSeed(-3L)
        .withNoise(0.25).withImages(10, 4);
    String json = mapper.writeValueAsString(config);
    assertEquals(config, mapper.readValue(json, SynthConfig.class));
  }

  @Test
  void presetsHaveCliNames() {
    assertEquals("shapes", Preset.SHAPES.cliName());
    assertEquals("sort-of-clevr", Preset.SORT_OF_CLEVR.cliName());
    for (Preset p : Preset.values()) {
      assertEquals(p, Preset.fromCliName(p.cliName()));
    }
    assertEquals(Preset.SORT_OF_CLEVR, Preset.fromCliName(" Sort-of-CLEVR "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Preset.fromCliName("clevr"));
    assertEquals("unknown preset 'clevr', expected one of [shapes, sort-of-clevr]", e.getMessage());
  }

  @Test
  void sortOfClevrTypesSayWhetherTheyAreRelational() {
    assertFalse(SortOfClevr.isRelational(SortOfClevr.SHAPE));
    assertFalse(SortOfClevr.isRelational(SortOfClevr.HORIZONTAL));
    assertFalse(SortOfClevr.isRelational(SortOfClevr.VERTICAL));
    assertTrue(SortOfClevr.isRelational(SortOfClevr.CLOSEST));
    assertTrue(SortOfClevr.isRelational(SortOfClevr.FURTHEST));
    assertTrue(SortOfClevr.isRelational(SortOfClevr.COUNT));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SortOfClevr.isRelational("how many"));
    assertTrue(e.getMessage().contains("'how many'"), e.getMessage());
  }
}
